import {isAscii} from 'node:buffer';
import fs from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import {bundleBuild, codeCacheHeader, codeCachePath, readCodeCache, writeCodeCache, type CodeCacheKind} from './code-cache.js';

/**
The text of a bundle: ASCII is read as Latin-1, which is the same text, read several times faster than UTF-8. A bundle that
names its build is ASCII, as scripts/build.mjs makes sure, and is not scanned again (1 to 3 ms of every start).
*/
function sourceText(content: Buffer, ofBuild: boolean): string {
	return content.toString(ofBuild || isAscii(content) ? 'latin1' : 'utf8');
}

/** What the app bundles (dist/app.cjs, dist/command.cjs) export: source/startup/app.ts. */
export type App = typeof import('./app.js');

/**
Runs the app bundle, a CommonJS script, with V8's code cache: the code compiled by an earlier run is read back instead
of being parsed and compiled again (Node.js 20 has no such cache for ES modules). The TUI and the commands keep a cache
each, as they run different code. When there is none yet, or V8 rejects it (another Node.js, other V8 flags), one is
written beside the bundle: by the TUI once it has drawn its first frame, so that it holds the code the first frame
needs; by a command when it exits, once its main has run (a bundle asked only whether the command line ends in a TUI
writes none: its cache would hold the parse alone).
*/
export function loadApp(bundle: string, kind: CodeCacheKind): App {
	const content = fs.readFileSync(bundle);
	const build = bundleBuild(content);
	const cacheFile = codeCachePath(bundle, kind);
	const header = build === undefined ? undefined : codeCacheHeader(build);
	const cachedData = header === undefined ? undefined : readCodeCache(cacheFile, header, fs.statSync(bundle).uid);
	// The bundle is one function expression, (function (exports, require, module, __filename, __dirname) {…}).
	const script = new vm.Script(sourceText(content, build !== undefined), {
		filename: bundle,
		cachedData,
		importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
	});
	const module = {exports: {}};
	(script.runInThisContext() as (...parameters: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
	const app = module.exports as App;
	if (header !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
		const write = () => {
			writeCodeCache(cacheFile, header, script.createCachedData());
		};

		if (kind === 'tui') {
			app.onFirstFrame(() => {
				setTimeout(write, 0).unref();
			});
		} else {
			return {
				...app,
				async main(argv) {
					process.once('exit', write);
					return app.main(argv);
				},
			};
		}
	}

	return app;
}
