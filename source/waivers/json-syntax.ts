/** Where JSON text stops being JSON, and why, in words for a person editing the file. */
export type JsonSyntaxError = {
	/** The offset of the offending character in the text (the text's length at its end). */
	readonly offset: number;
	readonly message: string;
};

/** A position in the text being scanned. */
type Cursor = {readonly text: string; at: number};

/** The error the scanner throws to stop at the first problem. */
type ScanError = SyntaxError & {readonly offset: number};

const whitespace = new Set([' ', '\t', '\n', '\r']);

const escapes = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

function stop(offset: number, message: string): never {
	throw Object.assign(new SyntaxError(message), {offset}) satisfies ScanError;
}

function isScanError(error: unknown): error is ScanError {
	return error instanceof SyntaxError && typeof (error as Partial<ScanError>).offset === 'number';
}

function skipSpace(cursor: Cursor): void {
	while (whitespace.has(cursor.text[cursor.at])) {
		cursor.at++;
	}
}

/** The bare word at the cursor (`tru`, `reason`), or an empty string. */
function wordAt(cursor: Cursor): string {
	return /[A-Za-z_$][\w$]*/y.exec(cursor.text.slice(cursor.at))?.[0] ?? '';
}

/** What is at the cursor, as an error message names it: `a string`, `"}"`, `the end of the file`. */
function found(cursor: Cursor): string {
	const character = cursor.text[cursor.at];
	if (character === undefined) {
		return 'the end of the file';
	}

	if (character === '"') {
		return 'a string';
	}

	if (/[-\d]/.test(character)) {
		return 'a number';
	}

	return wordAt(cursor) || JSON.stringify(character);
}

function expected(cursor: Cursor, what: string): never {
	return stop(cursor.at, `expected ${what}, found ${found(cursor)}`);
}

function scanEscape(cursor: Cursor): void {
	const next = cursor.text[cursor.at + 1];
	if (next === 'u' && /^[\da-fA-F]{4}$/.test(cursor.text.slice(cursor.at + 2, cursor.at + 6))) {
		cursor.at += 6;
	} else if (next !== undefined && escapes.has(next)) {
		cursor.at += 2;
	} else {
		stop(cursor.at, `bad escape ${JSON.stringify(cursor.text.slice(cursor.at, cursor.at + 2))} in a string`);
	}
}

/** Scans a string at the cursor (on its opening quote) and returns its text. */
function scanString(cursor: Cursor): string {
	const start = cursor.at;
	cursor.at++;
	for (;;) {
		const character = cursor.text[cursor.at];
		if (character === undefined) {
			return stop(start, 'a string that is never closed (no closing ")');
		}

		if (character === '"') {
			cursor.at++;
			return JSON.parse(cursor.text.slice(start, cursor.at)) as string;
		}

		if (character < ' ') {
			return stop(cursor.at, 'a line break or control character inside a string (is a closing " missing?)');
		}

		if (character === '\\') {
			scanEscape(cursor);
		} else {
			cursor.at++;
		}
	}
}

function scanNumber(cursor: Cursor): void {
	const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y.exec(cursor.text.slice(cursor.at));
	if (!match) {
		stop(cursor.at, 'a malformed number');
	}

	cursor.at += match[0].length;
}

function scanWord(cursor: Cursor): void {
	const word = wordAt(cursor);
	if (word === 'true' || word === 'false' || word === 'null') {
		cursor.at += word.length;
	} else {
		expected(cursor, 'a value (text goes in double quotes)');
	}
}

/** Scans `{…}` or `[…]`: items separated by commas, no comma before the closing bracket. */
function scanItems(cursor: Cursor, close: '}' | ']', scanItem: () => void): void {
	cursor.at++;
	skipSpace(cursor);
	if (cursor.text[cursor.at] === close) {
		cursor.at++;
		return;
	}

	for (;;) {
		scanItem();
		skipSpace(cursor);
		const character = cursor.text[cursor.at];
		if (character === close) {
			cursor.at++;
			return;
		}

		if (character !== ',') {
			expected(cursor, `"," or "${close}"`);
		}

		cursor.at++;
		skipSpace(cursor);
		if (cursor.text[cursor.at] === close) {
			stop(cursor.at, `a comma before "${close}" (JSON allows none there)`);
		}
	}
}

function scanObject(cursor: Cursor): void {
	const keys = new Set<string>();
	scanItems(cursor, '}', () => {
		skipSpace(cursor);
		if (cursor.text[cursor.at] !== '"') {
			expected(cursor, 'a key in double quotes');
		}

		const start = cursor.at;
		const key = scanString(cursor);
		if (keys.has(key)) {
			stop(start, `the key ${JSON.stringify(key)} appears twice in one object`);
		}

		keys.add(key);
		skipSpace(cursor);
		if (cursor.text[cursor.at] !== ':') {
			expected(cursor, `":" after the key ${JSON.stringify(key)}`);
		}

		cursor.at++;
		scanValue(cursor);
	});
}

function scanValue(cursor: Cursor): void {
	skipSpace(cursor);
	const character = cursor.text[cursor.at];
	if (character === '{') {
		scanObject(cursor);
	} else if (character === '[') {
		scanItems(cursor, ']', () => {
			scanValue(cursor);
		});
	} else if (character === '"') {
		scanString(cursor);
	} else if (character !== undefined && /[-\d]/.test(character)) {
		scanNumber(cursor);
	} else if (character !== undefined && /[A-Za-z_$]/.test(character)) {
		scanWord(cursor);
	} else {
		expected(cursor, 'a value');
	}
}

/**
The first problem in JSON text, or undefined when it is one well-formed JSON value. Stricter than `JSON.parse` in one way:
a key that appears twice in one object is an error, since `JSON.parse` would silently keep only the last.
*/
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
	const cursor: Cursor = {text, at: 0};
	try {
		scanValue(cursor);
		skipSpace(cursor);
		if (cursor.at < text.length) {
			expected(cursor, 'the end of the file after the JSON value');
		}

		return undefined;
	} catch (error) {
		if (isScanError(error)) {
			return {offset: error.offset, message: error.message};
		}

		throw error;
	}
}

/** The 1-based line and column of an offset in text. */
export function lineAndColumn(text: string, offset: number): {readonly line: number; readonly column: number} {
	const before = text.slice(0, offset);
	const line = before.split('\n').length;
	return {line, column: offset - before.lastIndexOf('\n')};
}
