import test from 'ava';
import {catalogueOf} from '../../source/benchmark/catalogue.js';
import {hintLine} from '../../source/ui/keys.js';
import {createFakeServices} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../helpers/render.js';

// The ids these tests name are v1.6.0's (2.9 is user namespaces); the search works the same in every version.
const {checks} = catalogueOf('1.6.0');

/** Fake services over the real catalogue's 117 checks and titles (v1.6.0's). */
const catalogue = () => createFakeServices({checks});

/** The check ids listed in a frame, in order. */
function listed(frame: string): string[] {
	return [...frame.matchAll(/^(?:› | {2})\[[^\]]+\] (\d+(?:\.\d+)*) /gm)].map(match => match[1]!);
}

const auditIds = Array.from({length: 16}, (_, index) => `1.1.${index + 3}`);

test('/ on the sections searches every check: "namespace" finds 2.9 and 5.31 by title words', async t => {
	const tui = await renderDockwarden(catalogue(), {rows: 30});
	await tui.press('/');
	t.is(lines(tui.frame()).at(-1), hintLine('filter', 80));
	await tui.press('namespace');
	const frame = tui.frame();
	t.regex(frame, /^Search every check: 6 matches/m);
	t.regex(frame, /2\.9 {3}Enable user namespace support/);
	t.regex(frame, /5\.31 {2}Ensure that the host's user namespaces are not shared/);
	t.deepEqual(listed(frame), ['2.9', '5.10', '5.16', '5.17', '5.21', '5.31']);
	t.regex(frame, /^\/ namespace .* 6 of 117$/m);

	await tui.press(' user');
	t.deepEqual(listed(tui.frame()), ['2.9', '5.31'], 'every word must match');
	await tui.unmount();
});

test('"audit" finds 1.1.3 to 1.1.18 and nothing else; enter keeps the filter, enter then opens a match', async t => {
	const tui = await renderDockwarden(catalogue(), {rows: 30});
	await tui.press('/', 'AUDIT');
	t.deepEqual(listed(tui.frame()), auditIds, 'case-insensitive, at a word start ("auditing")');
	await tui.press(keys.enter);
	let frame = tui.frame();
	t.is(lines(frame).at(-1), hintLine('checks', 80));
	t.regex(frame, /^\/ AUDIT {2}16 of 117 {2}\(\/ edit, esc clear\)/m);
	await tui.press('j', keys.enter);
	frame = tui.frame();
	t.regex(frame, /1 Host Configuration › 1\.1\.4/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› \[ -- \] 1\.1\.4/);
	t.deepEqual(listed(tui.frame()), auditIds, 'the filter is still there');
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› 1 {2}Host Configuration/, 'esc on the search goes back to the sections');
	await tui.unmount();
});

test('ids filter by prefix, in a section list too; esc clears the filter', async t => {
	const tui = await renderDockwarden(catalogue(), {rows: 40});
	await tui.press(keys.enter);
	t.true(listed(tui.frame()).includes('1.2.1'));
	await tui.press('/', '1.1.1');
	t.deepEqual(listed(tui.frame()), ['1.1.1', '1.1.10', '1.1.11', '1.1.12', '1.1.13', '1.1.14', '1.1.15', '1.1.16', '1.1.17', '1.1.18']);
	await tui.press(keys.backspace, keys.backspace);
	t.is(listed(tui.frame()).length, 18, '"1.1" lists 1.1.1 to 1.1.18');
	await tui.press(keys.escape);
	const frame = tui.frame();
	t.true(listed(frame).includes('1.2.1'));
	t.notRegex(frame, /^\/ /m, 'the filter line is gone');
	t.regex(frame, /^1 {2}Host Configuration/, 'still on the section');
	await tui.unmount();
});

test('esc in the list clears a kept filter before it goes back', async t => {
	const tui = await renderDockwarden(catalogue(), {rows: 40});
	await tui.press(keys.enter, '/', 'audit', keys.enter);
	t.is(listed(tui.frame()).length, 16);
	await tui.press(keys.escape);
	t.true(listed(tui.frame()).includes('1.2.1'));
	t.regex(tui.frame(), /Filter cleared/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› 1 {2}Host Configuration/);
	await tui.unmount();
});

test('letters typed into the filter are text, never actions', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, '/');
	await tui.press('q', 'r', 's', 'a', 'f', 'x', 'J', 'w', '?', ' ', 'j', 'k', 'G');
	const frame = tui.frame();
	t.deepEqual(tui.exits, [], 'q did not quit');
	t.deepEqual(fake.runCalls, [], 'r, s and a ran nothing');
	t.deepEqual(fake.planCalls, []);
	t.deepEqual(fake.waiverCalls, []);
	t.regex(frame, /^\/ qrsafxJw\? jkG/m);
	t.regex(frame, /No check matches "qrsafxJw\? jkG": esc clears the filter\./);
	t.notRegex(frame, /Everywhere/, 'the help did not open');
	t.is(lines(frame).at(-1), hintLine('filter', 80));
	await tui.unmount();
});

test('keys in one chunk all go to the input, and a key after enter acts on the list again', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, '/aud');
	t.regex(tui.frame(), /^\/ aud/m);
	t.deepEqual(listed(tui.frame()), ['1.1.3', '1.1.4', '1.1.5', '1.1.6']);
	await tui.press(`it${keys.enter}jr`);
	t.regex(tui.frame(), /^\/ audit {2}4 of 5/m);
	t.regex(tui.frame(), /› \[WARN\] 1\.1\.4/);
	t.deepEqual(fake.runCalls.map(call => call.ids), [['1.1.4']]);
	await tui.unmount();
});

test('/userns on the sections finds 2.9 and 5.31 by their search terms, and the filter line says why', async t => {
	const tui = await renderDockwarden(catalogue(), {rows: 30});
	await tui.press('/', 'userns');
	const frame = tui.frame();
	t.deepEqual(listed(frame), ['2.9', '5.31'], 'the titles say "user namespace"; userns-remap and --userns=host are what is typed');
	t.regex(frame, /^Search every check: 2 matches/m);
	const filterLine = lines(frame).at(-2)!;
	t.regex(filterLine, /^\/ userns.* {2}2 of 117 {2}matches: userns-remap$/);
	t.true(filterLine.length <= 80);
	await tui.press('j');
	t.regex(lines(tui.frame()).at(-2)!, /^\/ usernsj.* {2}0 of 117$/, 'still typing: j is text, and with no match there is no reason');
	await tui.press(keys.backspace, keys.enter, 'j');
	t.regex(tui.frame(), /› \[ -- \] 5\.31/);
	t.regex(lines(tui.frame()).at(-2)!, /^\/ userns {2}2 of 117 {2}matches: --userns=host {2}\(\/ edit, esc clear\)$/, 'the reason of the selected match');
	await tui.press('/', ' user');
	t.regex(lines(tui.frame()).at(-2)!, /matches: --userns=host/);
	await tui.press(...Array.from({length: 'userns user'.length}, () => keys.backspace), 'user namespace');
	t.deepEqual(listed(tui.frame()), ['2.9', '5.31']);
	t.notRegex(lines(tui.frame()).at(-2)!, /matches:/, 'no reason when the title matched');
	await tui.unmount();
});

test('a container name finds the checks whose evidence blames it, once they have run; the reason stays within 80 columns', async t => {
	const fake = createFakeServices();
	fake.results['2.2'] = {...fake.results['2.2']!, evidence: ['cis-web-frontend-with-a-long-name: on the default bridge with icc on, reachable from every other container there']};
	const tui = await renderDockwarden(fake, {rows: 30});
	await tui.press('/', 'cis-web');
	t.deepEqual(listed(tui.frame()), [], 'nothing has run yet');
	await tui.press(keys.escape, 'a');
	await tui.settle();
	await tui.press('/', 'cis-web');
	const frame = tui.frame();
	t.deepEqual(listed(frame), ['2.2']);
	const filterLine = lines(frame).at(-2)!;
	t.regex(filterLine, /^\/ cis-web.* {2}1 of 12 {2}evidence: "cis-web-frontend-with-a-long-name: on the de.*…$/);
	t.true(filterLine.length <= 80, filterLine);
	await tui.unmount();
});
