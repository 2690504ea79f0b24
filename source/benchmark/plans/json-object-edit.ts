/**
Edits of the top-level keys of a JSON object text that touch nothing else: the operator's layout, key order, comments-free
formatting and every other line stay byte for byte, so a diff of the edit shows only the keys that changed. The text must
already be a valid JSON object (the callers parse it first).
*/

/** Where one top-level member is in the text. */
type Member = {
	readonly key: string;
	readonly keyStart: number;
	readonly valueEnd: number;
	/** Just after the comma that follows the value, if one does. */
	readonly commaEnd?: number;
};

const whitespace = /\s/;

function skipWhitespace(text: string, index: number): number {
	let at = index;
	while (at < text.length && whitespace.test(text[at]!)) {
		at++;
	}

	return at;
}

/** The index just after the string that starts at `index` (its opening quote). */
function stringEnd(text: string, index: number): number {
	let at = index + 1;
	while (text[at] !== '"') {
		at += text[at] === '\\' ? 2 : 1;
	}

	return at + 1;
}

/** The index just after the value that starts at `index`. */
function valueEnd(text: string, index: number): number {
	const first = text[index];
	if (first === '"') {
		return stringEnd(text, index);
	}

	if (first === '{' || first === '[') {
		let depth = 0;
		let at = index;
		do {
			const char = text[at];
			if (char === '"') {
				at = stringEnd(text, at);
				continue;
			}

			if (char === '{' || char === '[') {
				depth++;
			} else if (char === '}' || char === ']') {
				depth--;
			}

			at++;
		} while (depth > 0);
		return at;
	}

	let at = index;
	while (at < text.length && !/[\s,}\]]/.test(text[at]!)) {
		at++;
	}

	return at;
}

/** The braces of the top-level object and its members, in order. */
function scanObject(text: string): {open: number; close: number; members: Member[]} {
	const open = skipWhitespace(text, 0);
	const members: Member[] = [];
	let at = skipWhitespace(text, open + 1);
	while (text[at] === '"') {
		const keyEnd = stringEnd(text, at);
		const key = JSON.parse(text.slice(at, keyEnd)) as string;
		const valueStart = skipWhitespace(text, skipWhitespace(text, keyEnd) + 1);
		const end = valueEnd(text, valueStart);
		const next = skipWhitespace(text, end);
		const comma = text[next] === ',';
		members.push({key, keyStart: at, valueEnd: end, commaEnd: comma ? next + 1 : undefined});
		at = comma ? skipWhitespace(text, next + 1) : next;
	}

	return {open, close: at, members};
}

/** A value as JSON in `indent`, its continuation lines indented one level, as a member of the top-level object. */
function memberText(key: string, value: unknown, indent: string): string {
	return `${JSON.stringify(key)}: ${JSON.stringify(value, undefined, indent).replaceAll('\n', `\n${indent}`)}`;
}

function lineStart(text: string, index: number): number {
	return text.lastIndexOf('\n', index - 1) + 1;
}

/** True when only spaces and tabs lie between the start of the line and `index`. */
function startsItsLine(text: string, index: number): boolean {
	return /^[ \t]*$/.test(text.slice(lineStart(text, index), index));
}

/** Sets a top-level key: its value replaced in place, or the member added after the last one, on a line of its own. */
export function setTopLevelKey(text: string, key: string, value: unknown, indent: string): string {
	const {open, close, members} = scanObject(text);
	const existing = members.find(member => member.key === key);
	if (existing) {
		const valueStart = skipWhitespace(text, skipWhitespace(text, stringEnd(text, existing.keyStart)) + 1);
		return `${text.slice(0, valueStart)}${memberText(key, value, indent).slice(JSON.stringify(key).length + 2)}${text.slice(existing.valueEnd)}`;
	}

	const last = members.at(-1);
	if (!last) {
		return `${text.slice(0, open + 1)}\n${indent}${memberText(key, value, indent)}\n${text.slice(close)}`;
	}

	// On the same footing as the last member: its own line when the last one has its own line, else after it on the line.
	const separator = startsItsLine(text, last.keyStart) ? `\n${text.slice(lineStart(text, last.keyStart), last.keyStart)}` : ' ';
	return `${text.slice(0, last.valueEnd)},${separator}${memberText(key, value, indent)}${text.slice(last.valueEnd)}`;
}

/** Removes a top-level key: its whole line(s) when it has them to itself, with the comma before it when it was the last member. */
export function removeTopLevelKey(text: string, key: string): string {
	const {members} = scanObject(text);
	const index = members.findIndex(member => member.key === key);
	if (index === -1) {
		return text;
	}

	const member = members[index]!;
	const previous = members[index - 1];
	const end = member.commaEnd ?? member.valueEnd;
	const ownsLines = startsItsLine(text, member.keyStart) && /^[ \t]*(\r?\n|$)/.test(text.slice(end));
	if (ownsLines) {
		const lineEnd = text.indexOf('\n', end);
		const from = lineStart(text, member.keyStart);
		const to = lineEnd === -1 ? text.length : lineEnd + 1;
		// The last member leaves the one before it with a trailing comma: take that comma out too.
		if (member.commaEnd === undefined && previous?.commaEnd !== undefined) {
			return `${text.slice(0, previous.commaEnd - 1)}${text.slice(previous.commaEnd, from)}${text.slice(to)}`;
		}

		return `${text.slice(0, from)}${text.slice(to)}`;
	}

	if (member.commaEnd !== undefined) {
		const next = members[index + 1];
		return `${text.slice(0, member.keyStart)}${text.slice(next ? next.keyStart : member.commaEnd)}`;
	}

	return previous?.commaEnd === undefined ? `${text.slice(0, member.keyStart)}${text.slice(member.valueEnd)}` : `${text.slice(0, previous.commaEnd - 1)}${text.slice(member.valueEnd)}`;
}
