import {safeText} from '../../text/safe-text.js';

/** Replaces tabs with spaces up to the next tab stop, so that a line's length is its width on screen. */
export function expandTabs(text: string, tabWidth = 8): string {
	if (!text.includes('\t')) {
		return text;
	}

	return text.split('\n').map(line => {
		let expanded = '';
		for (const character of line) {
			expanded += character === '\t' ? ' '.repeat(tabWidth - (expanded.length % tabWidth)) : character;
		}

		return expanded;
	}).join('\n');
}

/**
Text as the TUI may draw it: tabs expanded to their stops, then made safe (secrets masked, every control but the line break shown
as `\x1b`, `\u202e`…). Every body line of the TUI is cut by wrapText or hardWrap, so this is where host text is made safe on
screen, before it is measured (an escape takes the columns it shows). Idempotent.
*/
export function screenText(text: string, multiline = true): string {
	return safeText(expandTabs(text), {multiline});
}

/**
Breaks text into lines of at most `width` characters, at spaces where it can; keeps the text's own line breaks.
The text is made safe first (screenText).
*/
export function wrapText(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const lines: string[] = [];
	for (const paragraph of screenText(text).split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ')) {
			if (line === '') {
				line = word;
			} else if (line.length + 1 + word.length <= limit) {
				line += ` ${word}`;
			} else {
				lines.push(line);
				line = word;
			}

			while (line.length > limit) {
				lines.push(line.slice(0, limit));
				line = line.slice(limit);
			}
		}

		lines.push(line);
	}

	return lines;
}

/**
Cuts text (tabs expanded) into pieces of exactly `width` characters (the last may be shorter), so that nothing, not even a space,
is lost. The text is one line (a diff line, a command), made safe first: a newline in it shows as `\n`.
*/
export function hardWrap(text: string, width: number): string[] {
	const limit = Math.max(1, width);
	const expanded = screenText(text, false);
	if (expanded.length <= limit) {
		return [expanded];
	}

	const lines: string[] = [];
	for (let start = 0; start < expanded.length; start += limit) {
		lines.push(expanded.slice(start, start + limit));
	}

	return lines;
}

/** Wraps text and indents every resulting line. */
export function indentWrap(text: string, width: number, indent: string): string[] {
	return wrapText(text, width - indent.length).map(line => `${indent}${line}`);
}
