import {isAscii} from 'node:buffer';
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';

const dist = new URL('../../dist/', import.meta.url);

test('dist holds the entry, its package.json, the two app bundles and their code caches, nothing left from earlier builds', t => {
	const files = fs.readdirSync(dist).filter(file => !/^(?:app\.cjs\.tui|command\.cjs\.command)\.cache(?:\.\d+\.tmp)?$/.test(file));
	t.deepEqual(files.sort(), ['app.cjs', 'cli.js', 'command.cjs', 'package.json']);
	// The project is "type": "module"; dist/cli.js is a CommonJS script, which Node.js starts sooner.
	t.deepEqual(JSON.parse(fs.readFileSync(new URL('package.json', dist), 'utf8')), {type: 'commonjs'});
});

test('the entry holds no app code: it only loads an app bundle, each one function expression for the code cache', t => {
	t.true(fs.statSync(new URL('cli.js', dist)).size < 16 * 1024);
	for (const name of ['app.cjs', 'command.cjs']) {
		const app = fs.readFileSync(new URL(name, dist), 'utf8');
		t.regex(app, /^\(function \(exports, require, module, __filename, __dirname\) { \/\/ dockwarden build [\da-f]{16}\n/, name);
		t.true(app.trimEnd().endsWith('})'), name);
		t.false(app.includes('react.development'), 'React\'s production build only');
		t.true(isAscii(Buffer.from(app)), `${name} is ASCII, read as Latin-1 by the loader; see scripts/esbuild/ascii-regular-expressions.mjs`);
	}
});

test('the command bundle is the app less its TUI: no Ink, React or Yoga, and the renderers are stand-ins that say so', t => {
	const whole = fs.readFileSync(new URL('app.cjs', dist), 'latin1');
	const command = fs.readFileSync(new URL('command.cjs', dist), 'latin1');
	for (const left of ['node_modules/ink/', 'node_modules/react-reconciler/', 'node_modules/yoga-layout/', 'source/ui/app/render-app.tsx']) {
		t.true(whole.includes(left), `app.cjs has ${left}`);
		t.false(command.includes(left), `command.cjs has no ${left}`);
	}

	t.true(command.includes('this bundle (dist/command.cjs) has no TUI'));
	t.true(command.length < whole.length * 0.6, `${command.length} of ${whole.length} bytes`);
	for (const kept of ['source/host/fact-source.ts', 'source/report/json.ts', 'source/fixes/engine.ts', 'node_modules/dockerode/lib/docker.js']) {
		t.true(command.includes(kept), kept);
	}
});

test('dockerode is in the bundle without its SSH transport, BuildKit session and build context packer, which stay outside it', t => {
	const app = fs.readFileSync(new URL('app.cjs', dist), 'latin1');
	t.true(app.includes('node_modules/dockerode/lib/docker.js'));
	t.true(app.includes('node_modules/docker-modem/lib/modem.js'));
	for (const left of ['node_modules/ssh2/', 'node_modules/@grpc/', 'node_modules/protobufjs/', 'node_modules/tar-fs/', 'node_modules/docker-modem/lib/ssh.js', 'node_modules/dockerode/lib/session.js']) {
		t.false(app.includes(left), left);
	}

	// Each is required from node_modules on its first call, and resolves there.
	for (const specifier of ['docker-modem/lib/ssh.js', 'dockerode/lib/session.js', 'dockerode/lib/buildkit.js', 'tar-fs', '@balena/dockerignore']) {
		t.true(app.includes(`require("${specifier}")`), specifier);
		t.notThrows(() => createRequire(new URL('app.cjs', dist)).resolve(specifier));
	}

	// A request is described with util.inspect only for a debug line that is asked for (DEBUG=modem).
	t.true(app.includes('if (debug.enabled) debug("Sending: %s", util.inspect(options, {'));
});

test('an audit loads no TLS or crypto module of Node.js: node:https waits for a TLS request, node:crypto for a hash or a write', t => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-modules-'));
	t.teardown(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});
	const preload = path.join(directory, 'modules.cjs');
	fs.writeFileSync(preload, 'process.on(\'exit\', () => process.stderr.write(`MODULES ${JSON.stringify(process.moduleLoadList)}\\n`));\n');
	const result = spawnSync('node', ['--require', preload, fileURLToPath(new URL('cli.js', dist)), '--json', '--docker-host', `unix://${path.join(directory, 'docker.sock')}`], {encoding: 'utf8'});
	const line = result.stderr.split('\n').find(text => text.startsWith('MODULES '));
	t.truthy(line, result.stderr);
	const loaded = JSON.parse(line!.slice('MODULES '.length)) as string[];
	t.true(loaded.includes('NativeModule http'), 'the audit did reach dockerode');
	t.deepEqual(loaded.filter(name => /^NativeModule (?:https|tls|crypto)$/.test(name)), []);
});
