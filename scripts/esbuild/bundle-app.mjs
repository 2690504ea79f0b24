/*
How dockwarden's bundles are made (scripts/build.mjs), and the bench's floor (test/bench/floor/) with them, so that the
floor starts exactly as the app does:
- an app bundle: one CommonJS script of an entry that exports `main`, `endsInTui` and `onFirstFrame`, whose first line
  names its build, run by source/startup/load-app.ts through V8's code cache;
- an entry script: a small CommonJS script beside it that runs the app bundle, in a folder whose package.json says
  `commonjs` (Node.js starts one about 9 ms sooner than an ES module).
*/
import {isAscii} from 'node:buffer';
import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import * as esbuild from 'esbuild';
import {asciiRegularExpressions} from './ascii-regular-expressions.mjs';
import {dependencyPatches} from './dependency-patches.mjs';
import {interopOnce} from './interop-once.mjs';
import {leanDockerode} from './lean-dockerode.mjs';
import {narrowStringWidth} from './narrow-string-width.mjs';
import {synchronousYoga} from './synchronous-yoga.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

const common = {
	absWorkingDir: root,
	bundle: true,
	platform: 'node',
	target: 'node20',
	logLevel: 'warning',
};

/** Bundles `entry` (a path from the project's root) to `outfile` as an app bundle; `plugins` are added to the common ones. */
export async function bundleApp(entry, outfile, plugins = []) {
	const app = await esbuild.build({
		...common,
		entryPoints: [entry],
		outfile,
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
		throw new Error(`${outfile} is not ASCII: see scripts/esbuild/ascii-regular-expressions.mjs`);
	}

	const build = createHash('sha256').update(code).digest('hex').slice(0, 16);
	fs.writeFileSync(outfile, `(function (exports, require, module, __filename, __dirname) { // dockwarden build ${build}\n${code}\n})\n`);
}

/** Bundles `entry` to `outfile` as an entry script, and writes the package.json beside it that makes it CommonJS. */
export async function bundleEntry(entry, outfile) {
	await esbuild.build({
		...common,
		entryPoints: [entry],
		outfile,
		format: 'cjs',
	});
	fs.writeFileSync(path.join(path.dirname(path.resolve(root, outfile)), 'package.json'), `${JSON.stringify({type: 'commonjs'}, undefined, '\t')}\n`);
}
