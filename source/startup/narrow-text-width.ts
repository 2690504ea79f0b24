/**
The characters beyond ASCII that every copy of string-width in the bundle measures as one column, and that never join
a neighbour into one grapheme cluster: Latin-1 and the Latin extensions, the general punctuation dockwarden writes
(`…` `›` `–` `·`), arrows, box drawing, geometric shapes and the Braille spinner. Left out: combining marks, the soft
hyphen, zero-width and format characters, and the symbols that some string-width versions count as emoji (`©` `®` `‼`
`↔` `▶`…). test/unit/narrow-text.test.ts checks every one of them against string-width and Intl.Segmenter.
As the body of a regular expression character class.
*/
export const narrowCharacters = '\\u00A0-\\u00A8\\u00AA-\\u00AC\\u00AF-\\u02FF\\u2010-\\u2027\\u2030-\\u203B\\u203D-\\u2048\\u204A-\\u205E\\u2190-\\u2193\\u219A-\\u21A8\\u21AB-\\u21FF\\u2500-\\u25A9\\u25AC-\\u25B5\\u25B7-\\u25BF\\u25C1-\\u25FA\\u2800-\\u28FF';

const narrowText = new RegExp(`^[\\u0020-\\u007E${narrowCharacters}]*$`);

/**
The width in columns of text without escape codes when it is printable ASCII and narrow characters only: its length.
Otherwise undefined, and the caller asks string-width itself. Text that dockwarden shows is nearly always such, so the
Ink frame is measured without string-width's emoji regular expression, which costs about 30 ms the first time.
*/
export function narrowTextWidth(text: string): number | undefined {
	return narrowText.test(text) ? text.length : undefined;
}
