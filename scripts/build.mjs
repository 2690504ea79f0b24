/*
npm run build: empties dist/, then bundles
- dist/app.cjs, the whole app as one CommonJS script (dockerode too, less what dockwarden never calls:
  scripts/esbuild/lean-dockerode.mjs), which cli.js runs through V8's code cache (source/startup/load-app.ts) when the
  command line ends in a TUI: Node.js 20 caches the compiled code of scripts, not of ES modules;
- dist/command.cjs, the same less the TUI (scripts/esbuild/without-tui.mjs), half the size, which cli.js runs for the
  reports and commands;
- dist/cli.js, the entry: a small CommonJS script (dist/package.json says so, as the project's own says "module") that
  holds the keys typed during start-up and runs the app bundle.
*/
import {isAscii} from 'node:buffer';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {asciiRegularExpressions} from './esbuild/ascii-regular-expressions.mjs';
import {dependencyPatches} from './esbuild/dependency-patches.mjs';
import {interopOnce} from './esbuild/interop-once.mjs';
import {leanDockerode} from './esbuild/lean-dockerode.mjs';
import {narrowStringWidth} from './esbuild/narrow-string-width.mjs';
import {synchronousYoga} from './esbuild/synchronous-yoga.mjs';
import {withoutTui} from './esbuild/without-tui.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = new URL('../dist/', import.meta.url);
fs.rmSync(dist, {recursive: true, force: true});

const common = {
	absWorkingDir: root,
	bundle: true,
	platform: 'node',
	target: 'node20',
	logLevel: 'warning',
};

/** One bundle of the app (source/startup/app.ts), written to dist/NAME as one CommonJS script; `plugins` are added to the common ones. */
async function bundleApp(name, plugins = []) {
	const app = await esbuild.build({
		...common,
		entryPoints: ['source/startup/app.ts'],
		outfile: `dist/${name}`,
		write: false,
		format: 'cjs',
		alias: {'react-devtools-core': './source/ui/no-devtools.ts'},
		define: {
			// React's production build only; cli.ts sets NODE_ENV=production for everything else.
			'process.env.NODE_ENV': '"production"',
			// source/host/docker-api.ts: dockerode is bundled, lean (scripts/esbuild/lean-dockerode.mjs).
			DOCKWARDEN_BUNDLE: 'true',
			'import.meta.url': 'importMetaUrl',
			'import.meta': 'importMeta',
		},
		inject: ['scripts/esbuild/import-meta.js'],
		plugins: [...plugins, interopOnce, leanDockerode, synchronousYoga, dependencyPatches, narrowStringWidth, asciiRegularExpressions],
	});

	// One function expression, as Node.js wraps a CommonJS module, so that load-app.ts compiles the file as it is; its
	// first line names this build, and a code cache is used only for the build it was made from.
	const code = app.outputFiles[0].text;
	// The loader reads a bundle that names its build as Latin-1 without looking (source/startup/load-app.ts): it must be ASCII.
	if (!isAscii(Buffer.from(code))) {
		throw new Error(`dist/${name} is not ASCII: see scripts/esbuild/ascii-regular-expressions.mjs`);
	}

	const build = createHash('sha256').update(code).digest('hex').slice(0, 16);
	fs.writeFileSync(new URL(name, dist), `(function (exports, require, module, __filename, __dirname) { // dockwarden build ${build}\n${code}\n})\n`);
}

fs.mkdirSync(dist, {recursive: true});
await Promise.all([bundleApp('app.cjs'), bundleApp('command.cjs', [withoutTui])]);

await esbuild.build({
	...common,
	entryPoints: ['source/cli.ts'],
	outfile: 'dist/cli.js',
	format: 'cjs',
});
fs.writeFileSync(new URL('package.json', dist), `${JSON.stringify({type: 'commonjs'}, undefined, '\t')}\n`);
