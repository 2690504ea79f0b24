import test from 'ava';
// @ts-expect-error: a plain ES module of the build, without types
import {asciiRegularExpressionsIn} from '../../scripts/esbuild/ascii-regular-expressions.mjs';

const rewrite = asciiRegularExpressionsIn as (file: string, text: string) => Promise<string | undefined>;

test('the characters beyond ASCII of regular expression literals are written as escapes that match the same text', async t => {
	const text = 'const pattern = /^ADD file:[\\da-f]+…? in \\/$/u;\nconst other = /a→b/;\n';
	const rewritten = await rewrite('checks.ts', text);
	t.is(rewritten, 'const pattern = /^ADD file:[\\da-f]+\\u2026? in \\/$/u;\nconst other = /a\\u2192b/;\n');
	// eslint-disable-next-line no-new-func -- runs the rewritten source to prove the escaped expressions match the same text
	const [pattern, other] = new Function(`${rewritten!}; return [pattern, other];`)() as [RegExp, RegExp];
	t.true(pattern.test('ADD file:0f… in /'));
	t.true(other.test('a→b'));
});

test('strings, templates, JSX text and comments keep their characters: esbuild escapes them itself', async t => {
	t.is(await rewrite('view.tsx', 'const a = \'…\'; const b = `→ ${a}`; // a/…/b\nconst c = <Text>… / …</Text>;\n'), undefined);
	t.is(await rewrite('plain.ts', 'const a = 1 / 2 / 3;\n'), undefined);
});
