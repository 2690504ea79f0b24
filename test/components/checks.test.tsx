import test from 'ava';
import {createFakeServices} from '../helpers/fake-services.js';
import {keys, renderDockwarden} from '../helpers/render.js';

test('enter opens a section: every check with a placeholder until run', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press(keys.enter);
	const frame = tui.frame();
	t.regex(frame, /^1 {2}Host Configuration/);
	t.regex(frame, /› \[ -- \] 1\.1\.1 {2}Ensure a separate partition/);
	t.regex(frame, /\[ -- \] 1\.1\.3 {2}Ensure auditing is configured for the Docker daemon/);
	t.notRegex(frame, /2\.9/);
	await tui.unmount();
});

test('r runs the selected check, s the section, with statuses as text', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 'j', 'r');
	t.deepEqual(fake.runCalls[0]?.ids, ['1.1.3']);
	t.regex(tui.frame(), /› \[WARN\] 1\.1\.3/);
	t.regex(tui.frame(), /\[ -- \] 1\.1\.1/);
	await tui.press('s');
	t.deepEqual(fake.runCalls[1]?.ids, ['1.1.1', '1.1.3', '1.1.4', '1.1.5', '1.1.6']);
	t.regex(tui.frame(), /\[NOTE\] 1\.1\.1/);
	t.regex(tui.frame(), /\[PASS\] 1\.1\.5/);
	t.regex(tui.frame(), /\[SKIP\] 1\.1\.6/);
	await tui.unmount();
});

test('w shows only WARN and keeps the selection', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press(keys.enter, 's', 'jj', 'w');
	let frame = tui.frame();
	t.regex(frame, /WARN only/);
	t.regex(frame, /› \[WARN\] 1\.1\.4/);
	t.regex(frame, /\[WARN\] 1\.1\.3/);
	t.notRegex(frame, /1\.1\.5/);
	await tui.press('w');
	frame = tui.frame();
	t.regex(frame, /› \[WARN\] 1\.1\.4/);
	t.regex(frame, /\[PASS\] 1\.1\.5/);
	await tui.unmount();
});

test('a WARN detail shows status, evidence, rationale, impact and remediation', async t => {
	const tui = await renderDockwarden(createFakeServices(), {rows: 60, columns: 100});
	await tui.press(keys.enter, 's', 'j', keys.enter);
	const frame = tui.frame();
	t.regex(frame, /1 Host Configuration › 1\.1\.3/);
	t.regex(frame, /1\.1\.3 {2}Ensure auditing is configured for the Docker daemon/);
	t.regex(frame, /Level 1 · Automated · Section 1/);
	t.regex(frame, /\[WARN\] No audit rule watches \/usr\/bin\/dockerd/);
	t.regex(frame, /fixable: press f/);
	t.regex(frame, /Evidence\n {2}auditctl -l: no watch on \/usr\/bin\/dockerd\n {2}\/etc\/audit\/rules\.d\/\*\.rules: no watch/);
	t.regex(frame, /Rationale\n {2}Audit the Docker daemon\./);
	t.regex(frame, /Impact\n {2}Audit logs grow; rotate them\./);
	t.regex(frame, /Remediation\n {2}Add the line -w \/usr\/bin\/dockerd -k docker/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› \[WARN\] 1\.1\.3/);
	await tui.press(keys.backspace);
	t.regex(tui.frame(), /› 1 {2}Host Configuration/);
	await tui.unmount();
});

test('a detail before its check has run says how to run it; r re-runs it', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 'jj', keys.enter);
	t.regex(tui.frame(), /\[ -- \] Not run yet: press r/);
	await tui.press('r');
	t.deepEqual(fake.runCalls.at(-1)?.ids, ['1.1.4']);
	t.regex(tui.frame(), /\[WARN\] No audit rule watches \/run\/containerd/);
	t.notRegex(tui.frame(), /fixable: press f/);
	await tui.press('f');
	t.regex(tui.frame(), /1\.1\.4 has no automated fix: see its Remediation\./);
	t.is(fake.planCalls.length, 0);
	await tui.unmount();
});

test('the detail scrolls with j, G and g', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press(keys.enter, 's', 'j', keys.enter);
	t.regex(tui.frame(), /1\.1\.3 {2}Ensure auditing/);
	t.notRegex(tui.frame(), /Remediation/);
	await tui.press('G');
	t.regex(tui.frame(), /Remediation/);
	t.notRegex(tui.frame(), /1\.1\.3 {2}Ensure auditing/);
	await tui.press('g', 'jj');
	t.notRegex(tui.frame(), /1\.1\.3 {2}Ensure auditing/);
	t.regex(tui.frame(), /\[WARN\]/);
	await tui.unmount();
});

test('the checks list scrolls to keep the selection in view', async t => {
	const tui = await renderDockwarden(createFakeServices(), {rows: 8});
	await tui.press(keys.enter);
	t.regex(tui.frame(), /› \[ -- \] 1\.1\.1/);
	t.notRegex(tui.frame(), /1\.1\.6/);
	await tui.press('G');
	t.regex(tui.frame(), /› \[ -- \] 1\.1\.6/);
	t.notRegex(tui.frame(), /1\.1\.1/);
	t.true(tui.frame().split('\n').length <= 7);
	await tui.unmount();
});
