import test from 'ava';
import {hintLine} from '../../source/ui/keys.js';
import {createFakeServices} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../helpers/render.js';

test('b opens the version picker: the versions newest first, the one in use marked with › (no colour needed), within 80x24', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	t.regex(lines(tui.frame())[0]!, /CIS v1\.6\.0$/);
	await tui.press('b');
	const frame = tui.frame();
	const shown = lines(frame);
	t.regex(shown[0]!, /^CIS Docker Benchmark version \(v1\.6\.0 in use\) +CIS v1\.6\.0$/);
	const versions = shown.filter(line => /v1\.[678]\.0 {2}/.test(line));
	t.deepEqual(versions.map(line => line.slice(0, 10)), ['  v1.8.0  ', '  v1.7.0  ', '› v1.6.0  ']);
	t.regex(versions[2]!, /in use/);
	t.regex(versions[0]!, /newest +adds 2\.7 devicemapper/);
	t.true(shown.every(line => line.length <= 80), 'no line wider than the terminal');
	t.true(shown.length <= 23, 'the frame leaves the last row free');
	t.is(shown.at(-1), hintLine('benchmark-version', 80));
	t.regex(shown.at(-1)!, /enter use/);
	await tui.unmount();
});

test('two keys in one chunk move the highlight twice (ink-select-input only draws it); enter re-labels the checks and re-runs what had run', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('a');
	await tui.settle();
	const ranBefore = fake.runCalls.length;
	await tui.press('b', 'kk');
	t.regex(tui.frame(), /^› v1\.8\.0 /m, 'both k keys counted');
	await tui.press(keys.enter);
	const frame = tui.frame();
	t.deepEqual(fake.selectCalls, ['1.8.0']);
	t.regex(lines(frame)[0]!, /CIS v1\.8\.0$/);
	t.regex(frame, /CIS Docker Benchmark v1\.8\.0: ids and titles are that version's/);
	t.regex(frame, /› 1 {2}Host Configuration/, 'back on the sections');
	// What had run runs again, under the new ids: v1.6.0's 2.9 (user namespaces) is v1.8.0's 2.10.
	t.is(fake.runCalls.length, ranBefore + 1);
	const rerun = fake.runCalls.at(-1)!.ids;
	t.true(rerun.includes('2.10'));
	t.false(rerun.includes('2.9'));
	await tui.settle();
	await tui.press('j', keys.enter);
	const section2 = tui.frame();
	t.regex(section2, /2\.10 +Enable user namespace support/);
	t.notRegex(section2, /2\.9 +Enable user namespace support/);
	await tui.unmount();
});

test('esc leaves the picker without changing anything; choosing the version in use only says so', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('b', keys.escape);
	await tui.settle(60);
	t.regex(tui.frame(), /› 1 {2}Host Configuration/);
	await tui.press('b', keys.enter);
	t.deepEqual(fake.selectCalls, []);
	t.regex(tui.frame(), /CIS Docker Benchmark v1\.6\.0 is already in use/);
	await tui.unmount();
});
