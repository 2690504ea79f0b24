import test from 'ava';
import {createFakeServices} from '../helpers/fake-services.js';
import {keys, renderDockwarden} from '../helpers/render.js';

/** Opens the 1.1.3 detail after running section 1. */
const openWarn = [keys.enter, 's', 'j', keys.enter];

test('f shows the plan: commands, the diff and Apply? [y/N]', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake, {rows: 40});
	await tui.press(...openWarn, 'f');
	t.deepEqual(fake.planCalls, ['1.1.3']);
	const frame = tui.frame();
	t.regex(frame, /Apply this fix\?/);
	t.regex(frame, /1\. run: auditctl -w \/usr\/bin\/dockerd -k docker/);
	t.regex(frame, /2\. write \/etc\/audit\/rules\.d\/docker\.rules/);
	t.regex(frame, /^ {3}--w \/etc\/docker -k dockre$/m);
	t.regex(frame, /^ {3}\+-w \/etc\/docker -k docker$/m);
	t.regex(frame, /^ {3}\+-w \/usr\/bin\/dockerd -k docker$/m);
	t.regex(frame, /! Audit logs grow/);
	t.regex(frame, /Apply\? \[y\/N\]/);
	await tui.unmount();
});

test('f from the checks list opens the detail and the confirm', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 's', 'j', 'f');
	t.regex(tui.frame(), /Apply\? \[y\/N\]/);
	await tui.press('n');
	t.regex(tui.frame(), /1\.1\.3 {2}Ensure auditing/);
	await tui.unmount();
});

for (const [name, key] of [['n', 'n'], ['esc', keys.escape], ['q', 'q'], ['enter', keys.enter], ['x', 'x']] as const) {
	test(`${name} on the confirm cancels and writes nothing`, async t => {
		const fake = createFakeServices();
		const tui = await renderDockwarden(fake);
		await tui.press(...openWarn, 'f', key);
		t.is(fake.applyCalls.length, 0);
		t.deepEqual(tui.exits, []);
		const frame = tui.frame();
		t.regex(frame, /Cancelled: nothing was written\./);
		t.regex(frame, /1\.1\.3 {2}Ensure auditing/);
		t.notRegex(frame, /Apply\? \[y\/N\]/);
		await tui.unmount();
	});
}

test('y applies, shows the steps and the log, re-runs the check and shows [PASS]', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f');
	fake.hold = true;
	await tui.press('y');
	t.is(fake.applyCalls.length, 1);
	t.deepEqual(fake.applyCalls[0]?.checkIds, ['1.1.3']);
	let frame = tui.frame();
	t.regex(frame, /Fixed: Watch \/usr\/bin\/dockerd with auditd/);
	t.regex(frame, /\[ \.\. \] 1\.1\.3 {2}re-running the check/);
	t.regex(frame, /ran auditctl -w \/usr\/bin\/dockerd -k docker/);
	t.regex(frame, /Journal: \/var\/lib\/dockwarden\/journal\/1\.json/);
	t.deepEqual(fake.runCalls.at(-1)?.ids, ['1.1.3']);

	fake.release();
	await tui.settle();
	frame = tui.frame();
	t.regex(frame, /\[PASS\] 1\.1\.3 {2}Watched by -w \/usr\/bin\/dockerd -k docker/);

	await tui.press(keys.enter);
	frame = tui.frame();
	t.regex(frame, /\[PASS\] Watched by -w \/usr\/bin\/dockerd/);
	t.notRegex(frame, /fixable: press f/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› \[PASS\] 1\.1\.3/);
	await tui.unmount();
});

test('the applying screen shows each step and q says to wait', async t => {
	const fake = createFakeServices();
	let finish!: () => void;
	fake.applyFix = async (plan, onStep) => {
		fake.applyCalls.push(plan);
		onStep('backed up /etc/audit/rules.d/docker.rules');
		await new Promise<void>(resolve => {
			finish = resolve;
		});
		return {ok: true, log: ['backed up /etc/audit/rules.d/docker.rules']};
	};

	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f', 'y');
	let frame = tui.frame();
	t.regex(frame, /Applying: Watch \/usr\/bin\/dockerd with auditd/);
	t.regex(frame, /backed up \/etc\/audit\/rules\.d\/docker\.rules/);
	await tui.press('q');
	t.deepEqual(tui.exits, []);
	t.regex(tui.frame(), /A fix is being applied: wait for it to finish/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /Applying:/);

	finish();
	await tui.settle();
	frame = tui.frame();
	t.regex(frame, /Fixed: /);
	await tui.unmount();
});

test('Ctrl+C while a fix is applied quits once it has finished', async t => {
	const fake = createFakeServices();
	let finish!: () => void;
	fake.applyFix = async plan => {
		fake.applyCalls.push(plan);
		await new Promise<void>(resolve => {
			finish = resolve;
		});
		return {ok: true, log: []};
	};

	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f', 'y', keys.ctrlC);
	t.deepEqual(tui.exits, []);
	t.regex(tui.frame(), /then quitting/);
	finish();
	await tui.settle();
	t.deepEqual(tui.exits, [130]);
	await tui.unmount();
});

test('a failed fix shows the error, whether it was rolled back, and the log', async t => {
	const fake = createFakeServices();
	fake.applyOutcome = {ok: false, error: 'auditctl exited with code 1: Operation not permitted', log: ['ran auditctl -w /usr/bin/dockerd -k docker: failed'], rolledBack: true};
	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f', 'y');
	const frame = tui.frame();
	t.regex(frame, /Failed: auditctl exited with code 1: Operation not permitted/);
	t.regex(frame, /Rolled back: every step done before the failure was reverted\./);
	t.regex(frame, /ran auditctl -w \/usr\/bin\/dockerd -k docker: failed/);
	t.regex(frame, /\[WARN\] 1\.1\.3/);
	await tui.press('x');
	t.regex(tui.frame(), /\[WARN\] No audit rule watches/);
	await tui.unmount();
});

test('a refused plan shows its reason on one line', async t => {
	const fake = createFakeServices();
	fake.planOutcome = {ok: false, reason: 'auditctl is not installed: apt-get install auditd', code: 'auditctl-missing'};
	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f');
	t.regex(tui.frame(), /Cannot fix 1\.1\.3: auditctl is not installed: apt-get install auditd/);
	t.regex(tui.frame(), /^Cannot fix: auditctl is not installed: apt-get install auditd$/m);
	t.notRegex(tui.frame(), /Apply\?/);
	await tui.press('r');
	t.notRegex(tui.frame(), /Cannot fix/);
	await tui.unmount();
});
