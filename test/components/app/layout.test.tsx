import test from 'ava';
import {hintLine, keyTable} from '../../../source/ui/keys.js';
import {createFakeServices} from '../../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../../helpers/render.js';

function assertFits(t: import('ava').ExecutionContext, frame: string, columns: number, rows: number) {
	const frameLines = lines(frame);
	t.true(frameLines.length <= rows - 1, `frame has ${frameLines.length} lines for ${rows} rows`);
	for (const line of frameLines) {
		t.true(line.length <= columns, `line longer than ${columns}: ${line}`);
	}
}

test('every screen fits 80x24 (rows - 1 lines), with the hint line last', async t => {
	const tui = await renderDockwarden(createFakeServices());
	assertFits(t, tui.frame(), 80, 24);
	await tui.press(keys.enter, 's');
	assertFits(t, tui.frame(), 80, 24);
	await tui.press('j', keys.enter);
	let frame = tui.frame();
	assertFits(t, frame, 80, 24);
	t.is(lines(frame).length, 23);
	t.is(lines(frame).at(-1), hintLine('detail', 80));
	await tui.press('G');
	assertFits(t, tui.frame(), 80, 24);
	await tui.press('f');
	frame = tui.frame();
	assertFits(t, frame, 80, 24);
	t.regex(frame, /Apply\? \[y\/N\]/);
	await tui.press('y');
	assertFits(t, tui.frame(), 80, 24);
	await tui.unmount();
});

test('a banner longer than the line is cut before the version, which stays whole on the first line', async t => {
	const tui = await renderDockwarden({...createFakeServices(), banner: `web-1 (root /tmp/dw-root-4jOIk7) - Docker 20.10.24+dfsg1 at unix:///${'x'.repeat(60)}/docker.sock`});
	const [first, second] = lines(tui.frame());
	t.regex(first!, /^web-1 \(root .*… CIS v\d+\.\d+\.\d+$/);
	t.is(first!.length <= 80, true);
	t.notRegex(second!, /v\d+\.\d+/);
	await tui.unmount();
});

test('a long detail wraps to the width and scrolls inside the frame', async t => {
	const tui = await renderDockwarden(createFakeServices(), {columns: 50, rows: 12});
	await tui.press(keys.enter, 's', 'j', keys.enter);
	assertFits(t, tui.frame(), 50, 12);
	for (let page = 0; page < 10; page++) {
		// One page after another.
		await tui.press(keys.pageDown);
		assertFits(t, tui.frame(), 50, 12);
	}

	t.regex(tui.frame(), /Remediation/);
	await tui.unmount();
});

test('the layout follows a resize', async t => {
	const tui = await renderDockwarden(createFakeServices(), {columns: 80, rows: 10});
	t.is(lines(tui.frame()).length, 9);
	t.notRegex(tui.frame(), /7 {2}Docker Swarm/);
	await tui.press('G');
	t.regex(tui.frame(), /› 7 {2}Docker Swarm/);
	await tui.unmount();
});

test('? shows every key of the key table, grouped by screen, and closes again; the fleet\'s own keys only in a fleet', async t => {
	const tui = await renderDockwarden(createFakeServices(), {rows: 100});
	await tui.press('?');
	const frame = tui.frame();
	for (const binding of keyTable) {
		t.is(frame.includes(`${binding.label.padEnd(15)}${binding.description}`), binding.fleetOnly !== true, binding.action);
	}

	t.notRegex(frame, /^Host list/m);

	for (const heading of ['Everywhere', 'Moving and scrolling', 'Sections', 'Checks of a section', 'Check detail', 'Fix confirm', 'Fix result', 'Journal', 'Journal entry', 'Undo refused']) {
		t.regex(frame, new RegExp(`^${heading}`, 'm'));
	}

	t.regex(lines(frame).at(-1)!, /\? close help/);
	await tui.press('?');
	t.regex(tui.frame(), /› 1 {2}Host Configuration/);
	await tui.unmount();
});

test('the help scrolls in 80x24 and esc closes it', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press('?');
	assertFits(t, tui.frame(), 80, 24);
	t.regex(tui.frame(), /Everywhere/);
	await tui.press('G');
	t.regex(tui.frame(), /Fix result/);
	assertFits(t, tui.frame(), 80, 24);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› 1 {2}Host Configuration/);
	await tui.unmount();
});

test('the batch, journal and undo screens fit 80x24, with their hint line last', async t => {
	const fake = createFakeServices();
	fake.results['1.1.6'] = {...fake.results['1.1.3']!, id: '1.1.6'};
	fake.undoOutcome = (_id, force) => force
		? {ok: true, plan: {checkIds: ['2.2'], title: 'Undo', steps: [], warnings: [], needsRoot: true, undoes: 'x'}}
		: {ok: false, code: 'changed-since', reason: `daemon.json changed ${'and changed '.repeat(20)}`, details: Array.from({length: 40}, (_, index) => `+${'x'.repeat(index * 3)}`)};
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 's', 'j', ' G ');
	assertFits(t, tui.frame(), 80, 24);
	t.is(lines(tui.frame()).at(-1), hintLine('checks', 80));
	await tui.press('f');
	assertFits(t, tui.frame(), 80, 24);
	await tui.press('y');
	assertFits(t, tui.frame(), 80, 24);
	await tui.press(keys.enter, 'J');
	assertFits(t, tui.frame(), 80, 24);
	await tui.press(keys.enter);
	assertFits(t, tui.frame(), 80, 24);
	t.is(lines(tui.frame()).at(-1), hintLine('journal-entry', 80));
	await tui.press('u');
	let frame = tui.frame();
	assertFits(t, frame, 80, 24);
	t.is(lines(frame).length, 23);
	t.is(lines(frame).at(-1), hintLine('undo-refused', 80));
	await tui.press('G');
	frame = tui.frame();
	assertFits(t, frame, 80, 24);
	t.regex(frame, /U force undo: plan the undo anyway/);
	await tui.press('U');
	assertFits(t, tui.frame(), 80, 24);
	t.regex(tui.frame(), /Undo\? \[y\/N\]/);
	await tui.unmount();
});

test('status is text as well as colour without colours', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 's');
	const frame = tui.frame();
	for (const badge of ['[PASS]', '[WARN]', '[NOTE]', '[SKIP]']) {
		t.true(frame.includes(badge), badge);
	}

	await tui.unmount();
});
