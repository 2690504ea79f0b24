/*
Small edits to dependencies as they are bundled, each an exact text found an exact number of times: the build fails,
naming the file, when a new version of the dependency no longer reads so.
*/
import fs from 'node:fs';
import {fileURLToPath} from 'node:url';

const graphemes = JSON.stringify(fileURLToPath(new URL('../../source/startup/narrow-graphemes.ts', import.meta.url)));

const patches = [
	{
		// Ink's reconciler awaits, at its top level, two things it needs only with DEV=true: React DevTools (which
		// dockwarden does not ship, see source/ui/no-devtools.ts) and Ink's package.json for them. A CommonJS bundle
		// cannot hold a top-level await.
		file: /[\\/]ink[\\/]build[\\/]reconciler\.js$/,
		replacements: [
			['await import(\'./devtools.js\');', '// dockwarden ships no React DevTools (scripts/esbuild/dependency-patches.mjs)'],
			['? await loadPackageJson()', '? {name: undefined, version: undefined}'],
		],
	},
	// The first Intl.Segmenter, or the first localeCompare, starts ICU: about 20 ms. The three below do it before the
	// first frame although the frame does not need it. See source/startup/narrow-graphemes.ts.
	{
		// Ink tokenizes every line of every frame by grapheme clusters.
		file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/,
		replacements: [
			['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', `import {graphemeSegments as narrowGraphemeSegments} from ${graphemes};`],
			['segmenter.segment(str)', 'narrowGraphemeSegments(str)'],
		],
	},
	{
		// Ink slices lines by grapheme clusters.
		file: /[\\/]slice-ansi[\\/]tokenize-ansi\.js$/,
		replacements: [
			['const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: \'grapheme\'});', `import {graphemeSegments as narrowGraphemeSegments} from ${graphemes};`],
			['GRAPHEME_SEGMENTER.segment(', 'narrowGraphemeSegments(', 3],
		],
	},
	{
		// meow loads normalize-package-data as it is imported, although it normalizes package.json only when asked
		// (dockwarden never asks): its license check sorts a table with localeCompare. Loaded on the first call instead.
		file: /[\\/]meow[\\/]build[\\/]dependencies\.js$/,
		replacements: [
			['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = (...parameters) => getDefaultExportFromCjs(requireNormalize())(...parameters);'],
		],
	},
];

/** The esbuild plugin. */
export const dependencyPatches = {
	name: 'dependency-patches',
	setup(build) {
		for (const {file, replacements} of patches) {
			build.onLoad({filter: file}, args => {
				let contents = fs.readFileSync(args.path, 'utf8');
				for (const [before, after, times = 1] of replacements) {
					if (contents.split(before).length !== times + 1) {
						throw new Error(`${args.path} no longer contains ${JSON.stringify(before)} ${times} time(s): update scripts/esbuild/dependency-patches.mjs`);
					}

					contents = contents.replaceAll(before, () => after);
				}

				return {contents, loader: 'js'};
			});
		}
	},
};
