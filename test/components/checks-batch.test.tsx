import test from 'ava';
import {createFakeServices, type FakeServices} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../helpers/render.js';

/** Fake services where 1.1.6 is a second fixable WARN in section 1, next to 1.1.3. */
function twoFixable(): FakeServices {
	const fake = createFakeServices();
	fake.results['1.1.6'] = {...fake.results['1.1.3']!, id: '1.1.6', summary: 'No audit rule watches /etc/docker'};
	return fake;
}

/** Opens section 1 and runs it: the cursor is on 1.1.1. */
const openSection = [keys.enter, 's'];

test('space selects two fixable WARNs and f fixes them with one confirm, then re-runs both and clears the selection', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', ' ');
	let frame = tui.frame();
	t.regex(frame, /› \[x\] \[WARN\] 1\.1\.3/);
	t.regex(frame, /\[ \] \[WARN\] 1\.1\.6/, 'a row that can be selected says so');
	t.regex(frame, /^ {6}\[WARN\] 1\.1\.4/m, 'a WARN without a fix has no box');
	t.regex(frame, /1 selected \(f fix, c clear\)/);

	await tui.press('G', ' ');
	frame = tui.frame();
	t.regex(frame, /\[x\] \[WARN\] 1\.1\.3/);
	t.regex(frame, /› \[x\] \[WARN\] 1\.1\.6/);
	t.regex(frame, /2 selected \(f fix as one, c clear\)/);

	await tui.press('f');
	t.deepEqual(fake.batchCalls, [['1.1.3', '1.1.6']]);
	t.deepEqual(fake.planCalls, [], 'no single-check plan');
	frame = tui.frame();
	t.regex(lines(frame)[0]!, /1 Host Configuration › 1\.1\.3, 1\.1\.6 › fix/);
	t.regex(frame, /Apply this fix to 2 checks at once\?/);
	t.regex(frame, /Fix 1\.1\.3, 1\.1\.6 in one go/);
	t.regex(frame, /Apply\? \[y\/N\]/);

	fake.hold = true;
	await tui.press('y');
	t.is(fake.applyCalls.length, 1);
	t.deepEqual(fake.applyCalls[0]?.checkIds, ['1.1.3', '1.1.6']);
	t.deepEqual(fake.runCalls.at(-1)?.ids, ['1.1.3', '1.1.6'], 'every check of the batch is re-run');
	t.regex(tui.frame(), /Fixed: Fix 1\.1\.3, 1\.1\.6 in one go/);
	t.regex(tui.frame(), /\[ \.\. \] 1\.1\.3 {2}re-running/);
	t.regex(tui.frame(), /\[ \.\. \] 1\.1\.6 {2}re-running/);
	fake.release();
	await tui.settle();
	t.regex(tui.frame(), /\[PASS\] 1\.1\.3/);
	t.regex(tui.frame(), /\[PASS\] 1\.1\.6/);

	await tui.press(keys.enter);
	frame = tui.frame();
	t.regex(frame, /› \[PASS\] 1\.1\.6/);
	t.notRegex(frame, /\[x\]|\[ \]/, 'the selection is cleared');
	t.notRegex(frame, /selected/);
	await tui.unmount();
});

test('two keys in one chunk: space, G, space selects the first and the last', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', ' G ');
	t.regex(tui.frame(), /\[x\] \[WARN\] 1\.1\.3/);
	t.regex(tui.frame(), /› \[x\] \[WARN\] 1\.1\.6/);
	t.regex(tui.frame(), /2 selected/);
	await tui.unmount();
});

test('space on a check that cannot be fixed says why; space again unselects; c clears', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'jj', ' ');
	t.regex(tui.frame(), /1\.1\.4 has no automated fix: it cannot be selected\./);
	t.notRegex(tui.frame(), /\[x\]/);
	await tui.press('j', ' ');
	t.regex(tui.frame(), /1\.1\.5 is PASS: nothing to fix\./);

	await tui.press('kk', ' ', ' ');
	t.notRegex(tui.frame(), /\[x\]/, 'space twice selects and unselects');
	await tui.press(' G ', 'c');
	t.notRegex(tui.frame(), /\[x\]/);
	t.regex(tui.frame(), /Selection cleared \(2\)\./);
	await tui.unmount();
});

test('without a selection, f keeps fixing the check under the cursor', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', 'f');
	t.deepEqual(fake.planCalls, ['1.1.3']);
	t.deepEqual(fake.batchCalls, []);
	t.regex(tui.frame(), /^Apply this fix\?$/m);
	await tui.unmount();
});

test('n on the batch confirm writes nothing and keeps the selection', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', ' G ', 'f', 'n');
	t.is(fake.applyCalls.length, 0);
	const frame = tui.frame();
	t.regex(frame, /Cancelled: nothing was written\./);
	t.regex(frame, /\[x\] \[WARN\] 1\.1\.3/);
	t.regex(frame, /2 selected/);
	await tui.unmount();
});

test('a y typed with the f does not apply the batch', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', ' G ', 'fy');
	t.is(fake.applyCalls.length, 0);
	t.regex(tui.frame(), /Apply\? \[y\/N\]/);
	await tui.unmount();
});

test('a refused batch shows the whole reason under the list and keeps the selection', async t => {
	const fake = twoFixable();
	fake.batchOutcome = {ok: false, code: 'not-applicable', reason: 'two of these fixes write /etc/audit/rules.d/docker.rules and cannot be merged: apply them one at a time'};
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', ' G ', 'f');
	const frame = tui.frame();
	t.notRegex(frame, /Apply\?/);
	t.regex(frame, /Cannot fix 1\.1\.3, 1\.1\.6 together: two of these fixes write/);
	t.regex(frame, /apply them one at a time/, 'the reason is wrapped, not cut');
	t.regex(frame, /\[x\] \[WARN\] 1\.1\.3/);
	t.true(lines(frame).length <= 23);
	await tui.unmount();
});

test('f with a selection waits for a check that is running', async t => {
	const fake = twoFixable();
	const tui = await renderDockwarden(fake);
	await tui.press(...openSection, 'j', ' ');
	fake.hold = true;
	await tui.press('r', 'f');
	t.regex(tui.frame(), /1\.1\.3 is running: wait for its result, then press f\./);
	t.deepEqual(fake.batchCalls, []);
	fake.release();
	await tui.unmount();
});
