/*
string-width measures every line of every Ink frame. The first time it meets a character beyond ASCII (`…`, `›`) it
builds a grapheme segmenter and compiles an emoji regular expression: about 50 ms of the first frame. This plugin
puts in front of each copy of string-width a module that answers at once for text whose every character is one
column wide (source/startup/narrow-text-width.ts) and hands anything else to that copy of string-width, unchanged.
*/
import path from 'node:path';
import {fileURLToPath} from 'node:url';

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
export const narrowStringWidth = {
	name: namespace,
	setup(build) {
		build.onResolve({filter: /^string-width$/}, async args => {
			if (args.pluginData === namespace) {
				return undefined;
			}

			const resolved = await build.resolve(args.path, {kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: namespace});
			return resolved.errors.length > 0 ? {errors: resolved.errors} : {path: resolved.path, namespace};
		});
		// Resolved from string-width's own folder, strip-ansi is the copy that string-width itself uses.
		build.onLoad({filter: /.*/, namespace}, args => ({contents: moduleSource(args.path), loader: 'js', resolveDir: path.dirname(args.path)}));
	},
};
