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
	// The first Intl.Segmenter, or the first localeCompare, starts ICU: about 20 ms. The two below do it before the
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
		// Ink turns every line of every frame into a string by diffing the styles of each character with the previous one's:
		// three Sets, filters and copies per character, most of them between two blank cells or two characters of one word,
		// whose styles are the same. The same styles give no codes (diffAnsiCodes returns nothing), so that pair is skipped:
		// 45 ms of the first frame, most of Ink's part of it, and as much in every later frame.
		file: /[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/,
		replacements: [
			['export function styledCharsToString(chars) {', 'function sameCodes(from, to) {\n    if (from === to) {\n        return true;\n    }\n    if (from.length !== to.length) {\n        return false;\n    }\n    for (let index = 0; index < from.length; index++) {\n        if (from[index].code !== to[index].code || from[index].endCode !== to[index].endCode) {\n            return false;\n        }\n    }\n    return true;\n}\nexport function styledCharsToString(chars) {'],
			['        else {\n            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));', '        else if (!sameCodes(chars[i - 1].styles, char.styles)) {\n            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));'],
			['        if (i === chars.length - 1) {', '        if (i === chars.length - 1 && char.styles.length > 0) {'],
		],
	},
	{
		// Ink's frame starts as a grid of blank cells, one new object each (1,840 at 80x23), which are only ever replaced,
		// never changed: one frozen blank cell serves them all. And every line of a clipped box (the lists scroll in one) went
		// through slice-ansi, which tokenizes it by grapheme, even when it fits.
		file: /[\\/]ink[\\/]build[\\/]output\.js$/,
		replacements: [
			["            const row = [];\n            for (let x = 0; x < this.width; x++) {\n                row.push({\n                    type: 'char',\n                    value: ' ',\n                    fullWidth: false,\n                    styles: [],\n                });\n            }\n            output.push(row);", '            output.push(Array.from({length: this.width}).fill(blankCell));'],
			// A line inside its clip is kept whole rather than sliced from 0 to its own width: the same characters and styles.
			// Not one with a hyperlink (OSC 8), whose place among the styles slice-ansi changes.
			['                            return sliceAnsi(line, from, to);', "                            return from === 0 && to === width && !line.includes('\\u001B]') ? line : sliceAnsi(line, from, to);"],
			['export default class Output {', "const blankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});\nexport default class Output {"],
		],
	},
	{
		// Ink asks terminal-size for the size only when stdout is not a terminal, but terminal-size loads child_process, for
		// its fallbacks, as Ink loads: 3 to 5 ms of the first frame, which spawns nothing. It is loaded on the first fallback.
		file: /[\\/]terminal-size[\\/]index\.js$/,
		replacements: [
			["import {execFileSync} from 'node:child_process';", "const execFileSync = (...arguments_) => process.getBuiltinModule('node:child_process').execFileSync(...arguments_);"],
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
