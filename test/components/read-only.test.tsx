import test from 'ava';
import {createElement} from 'react';
import App from '../../source/ui/app/app.js';
import {hintLine} from '../../source/ui/keys.js';
import {createFakeServices, fakeToday} from '../helpers/fake-services.js';
import {keys, lines, renderTui} from '../helpers/render.js';

/** The App as `dockwarden --read-only` renders it, over fake services that record every call. */
async function readOnlyTui(rows = 40) {
	const fake = createFakeServices();
	const tui = await renderTui(createElement(App, {services: fake, today: fakeToday, readOnly: true}), {rows});
	return {fake, tui};
}

test('read-only: the header says READ-ONLY, and the hint line offers no fix, waiver, selection or undo', async t => {
	const {tui} = await readOnlyTui();
	t.regex(lines(tui.frame())[0]!, /^ READ-ONLY /);
	await tui.press('a');
	await tui.press(keys.enter);
	let frame = tui.frame();
	t.regex(frame, /\[WARN\] 1\.1\.3/);
	t.is(lines(frame).at(-1), hintLine('checks', 80, true));
	t.notRegex(lines(frame).at(-1)!, /f fix|x waive|space select|c clear/);
	t.regex(lines(frame).at(-1)!, /enter open/);
	t.regex(lines(frame)[0]!, /^ READ-ONLY {2}1 {2}Host Configuration/, 'on every screen');
	await tui.press('j', keys.enter);
	frame = tui.frame();
	t.regex(frame, /1 Host Configuration › 1\.1\.3/);
	t.notRegex(frame, /press f|x to waive/);
	t.regex(frame, /fixable, outside read-only mode/);
	t.notRegex(lines(frame).at(-1)!, /f fix|x waive/);
	await tui.unmount();
});

test('read-only: the ? help lists no fix, waiver, selection or undo key', async t => {
	const {tui} = await readOnlyTui(200);
	await tui.press('?');
	const frame = tui.frame();
	t.regex(frame, /Everywhere/);
	t.regex(frame, /Open the journal of applied fixes, to read them/);
	t.regex(frame, /Prove a passing audit rule/);
	for (const absent of [/Plan the fix/, /Waive a WARN/, /Select a fixable WARN/, /Undo the selected fix/, /Undo anyway/, /Apply the fix/, /Fix confirm/, /Waiver form/]) {
		t.notRegex(frame, absent);
	}

	await tui.unmount();
});

test('read-only: f, x, space, c and u do nothing but say "read-only" on the status line', async t => {
	const {fake, tui} = await readOnlyTui();
	await tui.press('a', keys.enter, 'j');
	t.regex(tui.frame(), /› \[WARN\] 1\.1\.3/);
	for (const key of ['f', 'x', ' ', 'c']) {
		// One key after another.
		await tui.press(key);
		t.regex(lines(tui.frame())[1]!, /read-only: no fix, undo or waiver/, JSON.stringify(key));
		t.regex(tui.frame(), /› \[WARN\] 1\.1\.3/, 'still on the list');
	}

	t.notRegex(tui.frame(), /\[x\]/, 'nothing was selected');
	await tui.press(keys.enter, 'f', 'x');
	t.regex(tui.frame(), /1 Host Configuration › 1\.1\.3/, 'the detail stays');
	t.regex(lines(tui.frame())[1]!, /read-only/);
	await tui.press(keys.escape, 'J');
	t.regex(tui.frame(), /Journal of applied fixes: 3 entries/, 'the journal is still read');
	t.notRegex(lines(tui.frame()).at(-1)!, /u undo/);
	await tui.press('u');
	t.regex(lines(tui.frame())[1]!, /read-only/);
	await tui.press(keys.enter);
	t.notRegex(tui.frame(), /u undoes it/);
	await tui.press('u', 'U', 'y');
	t.deepEqual(fake.planCalls, []);
	t.deepEqual(fake.batchCalls, []);
	t.deepEqual(fake.applyCalls, []);
	t.deepEqual(fake.undoCalls, []);
	t.deepEqual(fake.waiverCalls, []);
	t.true(fake.runCalls.length > 0, 'checks still run');
	await tui.unmount();
});
