/*
esbuild writes every character beyond ASCII as an escape, except in regular expression literals. One such character
in the 2 MB bundle makes it UTF-8, which load-app.ts then decodes into a string of two bytes a character, about 8 ms
slower than reading it as Latin-1. This plugin writes those characters of dockwarden's own regular expressions as
\uXXXX escapes, which match the same text, with or without the u flag. The TypeScript parser finds the literals.
*/
import fs from 'node:fs';

const beyondAscii = /[^\u0000-\u007F]/;
// A regular expression literal holds no line break: only a line with such a character between two slashes can hold one.
const candidateLine = /\/[^\n]*[^\u0000-\u007F][^\n]*\//;
let typescript;

function escaped(literal) {
	return literal.replaceAll(/[^\u0000-\u007F]/g, character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text of a TypeScript file with its regular expression literals in ASCII, or undefined when nothing changes. */
export async function asciiRegularExpressionsIn(file, text) {
	if (!candidateLine.test(text)) {
		return undefined;
	}

	// Loaded only when needed: it takes a second.
	typescript ??= (await import('typescript')).default;
	const ts = typescript;
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
	const literals = [];
	const visit = node => {
		if (node.kind === ts.SyntaxKind.RegularExpressionLiteral && beyondAscii.test(node.getText(source))) {
			literals.push(node);
		}

		ts.forEachChild(node, visit);
	};

	visit(source);
	if (literals.length === 0) {
		return undefined;
	}

	let result = '';
	let last = 0;
	for (const literal of literals) {
		result += text.slice(last, literal.getStart(source)) + escaped(literal.getText(source));
		last = literal.getEnd();
	}

	return result + text.slice(last);
}

/** The esbuild plugin, for the TypeScript files of source/. */
export const asciiRegularExpressions = {
	name: 'ascii-regular-expressions',
	setup(build) {
		build.onLoad({filter: /[\\/]source[\\/].*\.tsx?$/}, async args => {
			const contents = await asciiRegularExpressionsIn(args.path, fs.readFileSync(args.path, 'utf8'));
			return contents === undefined ? undefined : {contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts'};
		});
	},
};
