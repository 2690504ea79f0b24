import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import test from 'ava';
import {graphemeSegments} from '../../source/startup/narrow-graphemes.js';
import {narrowTextWidth} from '../../source/startup/narrow-text-width.js';

type StringWidth = (text: string, options?: {ambiguousIsNarrow?: boolean}) => number;

/** Every copy of string-width that Ink's code imports, found as Node.js resolves it from each importer. */
async function stringWidthCopies(): Promise<Map<string, StringWidth>> {
	const fromProject = createRequire(import.meta.url);
	const ink = fromProject.resolve('ink');
	const importers = [ink, ...['wrap-ansi', 'cli-truncate', 'widest-line'].map(name => createRequire(ink).resolve(name))];
	const copies = new Map<string, StringWidth>();
	for (const importer of importers) {
		const file = createRequire(importer).resolve('string-width');
		if (!copies.has(file)) {
			copies.set(file, ((await import(pathToFileURL(file).href)) as {default: StringWidth}).default);
		}
	}

	return copies;
}

/** The code points beyond ASCII that narrowTextWidth measures itself. */
function narrowCodePoints(): number[] {
	const codePoints = [];
	for (let codePoint = 0x80; codePoint <= 0xFFFF; codePoint++) {
		if ((codePoint < 0xD800 || codePoint > 0xDFFF) && narrowTextWidth(String.fromCodePoint(codePoint)) !== undefined) {
			codePoints.push(codePoint);
		}
	}

	return codePoints;
}

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const plain = (segments: Iterable<Intl.SegmentData>) => [...segments].map(({segment, index, input}) => ({segment, index, input}));

test('every narrow character is one column for each string-width that Ink uses, and a grapheme cluster of its own', async t => {
	const copies = await stringWidthCopies();
	t.true(copies.size >= 2, 'string-width 8 for Ink, 7 for wrap-ansi');
	const codePoints = narrowCodePoints();
	t.true(codePoints.length > 1000);
	const wrong: string[] = [];
	for (const codePoint of codePoints) {
		const character = String.fromCodePoint(codePoint);
		for (const [file, stringWidth] of copies) {
			if (stringWidth(character) !== 1) {
				wrong.push(`U+${codePoint.toString(16)} is ${stringWidth(character)} columns for ${file}`);
			}
		}

		// Of class Other in the grapheme cluster rules: it joins neither what comes before it nor what follows.
		for (const pair of [character + character, `a${character}`, `${character}a`, `\u001B${character}\n`]) {
			if ([...segmenter.segment(pair)].length !== pair.length) {
				wrong.push(`U+${codePoint.toString(16)} joins a neighbour in ${JSON.stringify(pair)}`);
			}
		}
	}

	t.deepEqual(wrong, []);
});

test('narrowTextWidth gives the length of narrow text, as string-width does, and nothing for anything else', async t => {
	const copies = await stringWidthCopies();
	for (const text of ['', 'Docker Swarm Configuration', '› 1  Host Configuration', 'connecting to Docker at unix:///var/run/docker.sock…', '⠋ 3/117 checks', '↑↓ move  enter open  q quit', '× · – §']) {
		t.is(narrowTextWidth(text), text.length, text);
		for (const stringWidth of copies.values()) {
			t.is(stringWidth(text), text.length, text);
		}
	}

	for (const text of ['日本', '👍', 'e\u0301', 'a\u200Db', '\u0000', '\u001B[1m', '©', '▶', 'tab\there', '\u00AD']) {
		t.is(narrowTextWidth(text), undefined, text);
	}
});

test('graphemeSegments gives what Intl.Segmenter gives, without one for narrow text with escape codes', t => {
	const narrow = narrowCodePoints().map(codePoint => String.fromCodePoint(codePoint)).join('');
	const texts = [
		'',
		'\u001B[1m\u001B[36m› \u001B[39m\u001B[22m1  Host Configuration   \u001B[2m20 checks\u001B[22m',
		'host - connecting to Docker at unix:///var/run/docker.sock…',
		'\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007 \t\u007F\n',
		narrow,
		// Not narrow: these take Intl.Segmenter's own way.
		'e\u0301 👍🏽 🇫🇷 日本 a\r\nb',
	];
	for (const text of texts) {
		const segments = graphemeSegments(text);
		const expected = segmenter.segment(text);
		t.deepEqual(plain(segments), plain(expected), JSON.stringify(text.slice(0, 40)));
		for (const index of [-1, 0, 1, text.length - 1, text.length, 2.5, Number.NaN]) {
			const got = segments.containing(index);
			const want = expected.containing(index);
			t.deepEqual(got && plain([got]), want && plain([want]), `containing(${index}) of ${JSON.stringify(text.slice(0, 20))}`);
		}
	}
});
