import test from 'ava';
import {createFakeServices, fakeSections} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../helpers/render.js';

test('the sections list shows the banner and the seven sections', async t => {
	const tui = await renderDockwarden(createFakeServices());
	const frame = tui.frame();
	// The header: the host on the left, the benchmark version in use on the right.
	t.regex(lines(frame)[0]!, /^fakehost · Docker 28\.0\.1 · root \/ +CIS v1\.6\.0$/);
	for (const section of fakeSections) {
		t.regex(frame, new RegExp(`${section.id}  ${section.title}`));
	}

	t.regex(frame, /› 1 {2}Host Configuration/);
	t.regex(frame, /enter open/);
	await tui.unmount();
});

test('a runs everything: progress while it runs, then counts per section', async t => {
	const fake = createFakeServices();
	fake.hold = true;
	const tui = await renderDockwarden(fake);
	await tui.press('a');
	t.deepEqual(fake.runCalls[0]?.ids, fake.checks.map(check => check.id));
	t.regex(tui.frame(), /0\/12 checks/);

	fake.release(3);
	await tui.settle();
	t.regex(tui.frame(), /3\/12 checks/);
	t.regex(tui.frame(), /1 {2}Host Configuration +0 pass {2}2 warn {2}1 note {2}\(3\/5\)/);

	// Keys keep working during the run.
	await tui.press('j');
	t.regex(tui.frame(), /› 2 {2}Docker daemon configuration/);

	fake.release();
	await tui.settle();
	const frame = tui.frame();
	t.notRegex(frame, /checks$/m);
	t.regex(frame, /1 {2}Host Configuration +1 pass {2}2 warn {2}1 note {2}1 skip/);
	t.regex(frame, /2 {2}Docker daemon configuration +1 pass {2}1 warn/);
	t.regex(frame, /4 {2}Container Images and Build File +0 pass {2}0 warn {2}1 info/);
	await tui.unmount();
});

test('r runs the selected section only', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('j', 'r');
	t.deepEqual(fake.runCalls[0]?.ids, ['2.2', '2.9']);
	t.regex(tui.frame(), /2 {2}Docker daemon configuration +1 pass {2}1 warn/);
	t.regex(tui.frame(), /1 {2}Host Configuration +5 checks/);
	await tui.unmount();
});

test('two keys in one chunk both count: jj moves two rows', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press('jj');
	t.regex(tui.frame(), /› 3 {2}Docker daemon configuration files/);
	await tui.unmount();
});

test('two arrow keys in one chunk both count', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press(`${keys.down}${keys.down}${keys.down}`);
	t.regex(tui.frame(), /› 4 {2}Container Images/);
	await tui.press(`${keys.up}${keys.up}`);
	t.regex(tui.frame(), /› 2 {2}Docker daemon configuration/);
	await tui.unmount();
});

test('q quits with 0', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press('q');
	t.deepEqual(tui.exits, [0]);
	await tui.unmount();
});

test('Ctrl+C aborts the running checks and quits with 130', async t => {
	const fake = createFakeServices();
	fake.hold = true;
	const tui = await renderDockwarden(fake);
	await tui.press('a', keys.ctrlC);
	t.deepEqual(tui.exits, [130]);
	t.true(fake.runCalls[0]?.signal.aborted);
	fake.release();
	await tui.unmount();
});
