import {safeText} from '../text/safe-text.js';

/**
Text made safe as inline Markdown: first made safe like any host text (secrets masked, controls shown as `\x1b`, a newline as
`\n`, so it stays on one line and never forges a table row), then the punctuation that starts emphasis, code, links, HTML, tables
or strikethrough backslash-escaped (a backslash too), so that paths, flags and globs read as they are.
*/
export function escapeMarkdown(text: string): string {
	return safeText(text).replaceAll(/[\\`*_[\]<>|~&]/g, character => `\\${character}`);
}

/**
Escapes what would make a list item's text start a block of its own: a heading, a nested list, a numbered list. A number is a list
marker only when a space or the end follows its `.` or `)` (CommonMark), so a check id such as `1.1.3` stays as it is.
*/
export function escapeLineStart(text: string): string {
	return text.replace(/^([#+\-=])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}
