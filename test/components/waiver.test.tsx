import test from 'ava';
import {hintLine} from '../../source/ui/keys.js';
import {createFakeServices, type FakeServices} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden, type AppTui} from '../helpers/render.js';

/** Section 1 run, 1.1.3 (a fixable WARN) selected. */
async function onWarn(fake: FakeServices = createFakeServices(), size: {columns?: number; rows?: number} = {}): Promise<AppTui> {
	const tui = await renderDockwarden(fake, size);
	await tui.press(keys.enter, 's', 'j');
	return tui;
}

test('x on a WARN opens the form; an empty reason is refused with a notice', async t => {
	const fake = createFakeServices();
	const tui = await onWarn(fake);
	await tui.press('x');
	let frame = tui.frame();
	t.regex(frame, /1 Host Configuration › 1\.1\.3 › waive/);
	t.regex(frame, /Waive 1\.1\.3: accept this WARN, with a reason/);
	t.regex(frame, /^›$/m, 'the reason is being typed');
	t.is(lines(frame).at(-1), hintLine('waiver', 80));
	await tui.press(keys.enter);
	frame = tui.frame();
	t.regex(frame, /A reason is required/);
	await tui.press(keys.tab, keys.enter);
	t.regex(tui.frame(), /A reason is required/);
	await tui.press('   ', keys.tab, keys.enter);
	t.regex(tui.frame(), /A reason is required/, 'blanks are no reason');
	t.deepEqual(fake.waiverCalls, []);
	await tui.unmount();
});

test('a bad expiry day is refused before the service is asked: format, real day, future', async t => {
	const fake = createFakeServices();
	const tui = await onWarn(fake);
	await tui.press('x', 'accepted by the security team', keys.enter);
	t.regex(tui.frame(), /^› {3}never$/m, 'enter on the reason moves to the expiry');
	await tui.press('31/01/2027', keys.enter);
	t.regex(tui.frame(), /Expires "31\/01\/2027" is not a day: write it as YYYY-MM-DD/);
	await tui.press('\u007F'.repeat(10), '2027-02-30', keys.enter);
	t.regex(tui.frame(), /Expires 2027-02-30 is not a real day\./);
	await tui.press('\u007F'.repeat(10), '2026-11-29', keys.enter);
	t.regex(tui.frame(), /Expires 2026-11-29 is not in the future \(today is 2026-11-29\)\./);
	t.deepEqual(fake.waiverCalls, []);
	await tui.unmount();
});

test('a saved waiver turns the WARN into [WAIV], with its reason in the detail and waived in the counts', async t => {
	const fake = createFakeServices();
	const tui = await onWarn(fake);
	await tui.press('x', 'accepted: no auditd on this appliance', keys.tab, '2027-01-31', keys.enter);
	t.deepEqual(fake.waiverCalls, [{id: '1.1.3', reason: 'accepted: no auditd on this appliance', expires: '2027-01-31'}]);
	let frame = tui.frame();
	t.regex(frame, /› \[WAIV\] 1\.1\.3/, 'back on the list');
	t.regex(frame, /Waived 1\.1\.3: accepted: no auditd on this appliance \(until 2027-01-31\)/);
	await tui.press(keys.enter);
	frame = tui.frame();
	t.regex(frame, /\[WAIV\] No audit rule watches \/usr\/bin\/dockerd/);
	t.regex(frame, /^Waived: accepted: no auditd on this appliance \(until 2027-01-31\)$/m);
	await tui.press(keys.escape, keys.escape);
	t.regex(tui.frame(), /1 {2}Host Configuration +1 pass {2}1 warn {2}1 waived {2}1 note {2}1 skip/);
	await tui.unmount();
});

test('x works from the detail too; without an expiry the waiver never ends', async t => {
	const fake = createFakeServices();
	const tui = await onWarn(fake, {rows: 40});
	await tui.press(keys.enter, 'x', 'reviewed', keys.enter, keys.enter);
	t.deepEqual(fake.waiverCalls, [{id: '1.1.3', reason: 'reviewed'}]);
	const frame = tui.frame();
	t.regex(frame, /1 Host Configuration › 1\.1\.3 +CIS v1\.6\.0$/m, 'back on the detail');
	t.regex(frame, /^Waived: reviewed$/m);
	await tui.unmount();
});

test('a refused waiver shows why and stays on the form', async t => {
	const fake = createFakeServices();
	fake.waiverOutcome = {ok: false, reason: '/etc/dockwarden/waivers.json is not writable'};
	const tui = await onWarn(fake);
	await tui.press('x', 'because', keys.enter, keys.enter);
	const frame = tui.frame();
	t.regex(frame, /Cannot waive 1\.1\.3: \/etc\/dockwarden\/waivers\.json is not writable/);
	t.regex(frame, /Waive 1\.1\.3: accept this WARN/);
	t.is(fake.waiverCalls.length, 1);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› \[WARN\] 1\.1\.3/);
	await tui.unmount();
});

test('esc cancels the form: nothing is written', async t => {
	const fake = createFakeServices();
	const tui = await onWarn(fake);
	await tui.press('x', 'half a reason', keys.tab, '2027-01');
	await tui.press(keys.escape);
	t.deepEqual(fake.waiverCalls, [], 'addWaiver was not called');
	t.regex(tui.frame(), /Cancelled: no waiver was written\./);
	t.regex(tui.frame(), /› \[WARN\] 1\.1\.3/);
	await tui.unmount();
});

test('letters on the form are text: q, f and y do not act; a chunk is typed whole', async t => {
	const fake = createFakeServices();
	const tui = await onWarn(fake);
	await tui.press('x', 'qfy?', ' r');
	t.deepEqual(tui.exits, []);
	t.deepEqual(fake.planCalls, []);
	t.regex(tui.frame(), /^› qfy\? r/m);
	await tui.unmount();
});

test('only a WARN can be waived', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 'x');
	t.regex(tui.frame(), /Run 1\.1\.1 first \(r\): only a WARN can be waived\./);
	await tui.press('s', 'x');
	t.regex(tui.frame(), /1\.1\.1 is NOTE: only a WARN can be waived\./);
	t.notRegex(tui.frame(), /› waive/);
	await tui.unmount();
});

test('an expired waiver says the WARN counts again', async t => {
	const fake = createFakeServices();
	fake.results['1.1.3'] = {...fake.results['1.1.3']!, waiver: {id: '1.1.3', reason: 'old exception', expires: '2026-01-31', expired: true}};
	const tui = await onWarn(fake, {rows: 40});
	await tui.press(keys.enter);
	const frame = tui.frame();
	t.regex(frame, /\[WARN\] No audit rule watches/);
	t.regex(frame, /waiver expired on 2026-01-31: this WARN counts again/);
	await tui.unmount();
});

test('a waiver recorded under another version\'s id shows both ids: on the detail, and on the form that replaces it once it has expired', async t => {
	const fake = createFakeServices();
	const warn = fake.results['1.1.3']!;
	fake.results['1.1.3'] = {...warn, waiver: {id: '1.1.3', reason: 'old appliance', expires: '2020-01-31', expired: true, recordedAs: {id: '1.1.3a', benchmark: '1.6.0'}}};
	const tui = await onWarn(fake);
	await tui.press(keys.enter);
	t.regex(tui.frame(), /^recorded for 1\.1\.3a of CIS v1\.6\.0, the same check$/m);
	await tui.press('x');
	t.regex(tui.frame(), /Waive 1\.1\.3: accept this WARN/);
	t.regex(tui.frame(), /replaces the waiver recorded for 1\.1\.3a of CIS v1\.6\.0, the same check/);
	await tui.unmount();
});
