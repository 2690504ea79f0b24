/*
dockerode is bundled into dist/app.cjs, so that it runs from V8's code cache with the rest of the app: loaded from
node_modules it took about 50 ms of every audit, compiling some 60 modules through Node.js's loader. Three things it loads
at once, or on a call, are for what dockwarden never does, and stay out of the bundle: docker-modem's SSH transport (ssh2
and its cryptography; dockwarden reaches a host with the system's ssh and a forwarded socket), dockerode's BuildKit
session and progress (gRPC, protobuf, and .proto files read beside them) and its build context packer (tar-fs,
dockerignore). Each is required on its first call instead, from node_modules, where npm installs them with dockerode, so
they still work should anything call them.
It also skips, for each request, work whose only use is a debug line nobody asked for.
Each edit is an exact text found once: the build fails, naming the file, when a new version no longer reads so.
*/
import fs from 'node:fs';

/** The packages required only on those first calls, left outside the bundle. */
export const leftOutOfBundle = ['docker-modem/lib/ssh.js', 'dockerode/lib/session.js', 'dockerode/lib/buildkit.js', 'tar-fs', '@balena/dockerignore'];

const edits = [
	{
		file: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/,
		replacements: [
			["  ssh = require('./ssh'),", "  ssh = (...parameters) => require('docker-modem/lib/ssh.js')(...parameters),"],
			// A request over a unix socket has no server name, but Node.js's HTTP agent works one out from its host, localhost,
			// with net.isIP, whose first call compiles its IPv6 pattern: about 8 ms of every audit. An empty one skips that.
			['      optionsf.socketPath = socketPath;\n', "      optionsf.socketPath = socketPath;\n      optionsf.servername = '';\n"],
			// Every request was described with util.inspect (every property, hidden ones too, at any depth) for a debug line that is
			// written only under DEBUG=modem: some 17 ms of an audit of 300 containers, and the garbage it leaves.
			["  debug('Sending: %s', util.inspect(options, {", "  if (debug.enabled) debug('Sending: %s', util.inspect(options, {"],
		],
	},
	{
		file: /[\\/]docker-modem[\\/]lib[\\/]http\.js$/,
		replacements: [
			// node:https on the first TLS request, not at once: it loaded tls, crypto and the HTTP server with it, some 5 ms of
			// every audit. dockwarden's requests go over a unix socket or plain TCP; docker-modem calls only request and get.
			["var nativeHttps = require('https'),", "var nativeHttps = {request: (...parameters) => require('https').request(...parameters), get: (...parameters) => require('https').get(...parameters)},"],
		],
	},
	{
		file: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/,
		replacements: [
			["  withSession = require('./session'),", "  withSession = (...parameters) => require('dockerode/lib/session.js')(...parameters),"],
			["  var buildkit = require('./buildkit');", "  var buildkit = require('dockerode/lib/buildkit.js');"],
		],
	},
	{
		file: /[\\/]dockerode[\\/]lib[\\/]util\.js$/,
		replacements: [
			["var DockerIgnore = require('@balena/dockerignore');", "var DockerIgnore = (...parameters) => require('@balena/dockerignore')(...parameters);"],
			["var tar = require('tar-fs');", "var tar = {pack: (...parameters) => require('tar-fs').pack(...parameters)};"],
		],
	},
];

/** The esbuild plugin: the edits above, and the packages they defer left external. */
export const leanDockerode = {
	name: 'lean-dockerode',
	setup(build) {
		build.onResolve({filter: /^(?:docker-modem|dockerode|tar-fs|@balena)\b/}, args => (
			leftOutOfBundle.includes(args.path) ? {path: args.path, external: true} : undefined
		));
		for (const {file, replacements} of edits) {
			build.onLoad({filter: file}, args => {
				let contents = fs.readFileSync(args.path, 'utf8');
				for (const [before, after] of replacements) {
					if (contents.split(before).length !== 2) {
						throw new Error(`${args.path} no longer contains ${JSON.stringify(before)} once: update scripts/esbuild/lean-dockerode.mjs`);
					}

					contents = contents.replace(before, () => after);
				}

				return {contents, loader: 'js'};
			});
		}
	},
};
