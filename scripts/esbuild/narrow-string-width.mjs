/*
string-width measures every line of every Ink frame. The first time it meets a character beyond ASCII (`…`, `›`) it
builds a grapheme segmenter and compiles an emoji regular expression: about 50 ms of the first frame. This plugin
puts in front of each copy of string-width a module that answers at once for text whose every character is one
column wide (source/startup/narrow-text-width.ts) and hands anything else to that copy of string-width, unchanged.
*/
import {fileURLToPath} from 'node:url';
import {replacePackage} from './replace-package.mjs';

const namespace = 'narrow-string-width';
const narrowTextWidth = fileURLToPath(new URL('../../source/startup/narrow-text-width.ts', import.meta.url));

function moduleSource(stringWidthFile) {
	// string-width itself is required lazily: loading it builds a segmenter, which Ink's first frame then never needs.
	return `
import stripAnsi from 'strip-ansi';
import {narrowTextWidth} from ${JSON.stringify(narrowTextWidth)};

let stringWidth;

export default function narrowStringWidth(input, options = {}) {
	if (typeof input === 'string' && options.ambiguousIsNarrow !== false && !options.countAnsiEscapeCodes) {
		const width = narrowTextWidth(input.includes('\\u001B') || input.includes('\\u009B') ? stripAnsi(input) : input);
		if (width !== undefined) {
			return width;
		}
	}

	stringWidth ??= require(${JSON.stringify(stringWidthFile)}).default;
	return stringWidth(input, options);
}
`;
}

/** The esbuild plugin. */
export const narrowStringWidth = replacePackage(namespace, 'string-width', moduleSource);
