import test from 'ava';
import {createFakeServices} from '../helpers/fake-services.js';
import {keys, renderDockwarden} from '../helpers/render.js';

test('p on a passing audit rule shows the new event; on a WARN it says it only works on a passing rule', async t => {
	const fake = createFakeServices();
	const proveCalls: string[] = [];
	fake.proveAudit = async id => {
		proveCalls.push(id);
		return {ok: true, touched: '/usr/bin/dockerd --version', event: {time: '2026-11-29 07:01:02', program: '/usr/bin/dockerd', user: 'root', syscall: 'execve'}, command: 'ausearch -k docker -i --start recent'};
	};

	const tui = await renderDockwarden(fake, {columns: 200});
	// Section 1 run, 1.1.3 (a WARN) opened.
	await tui.press(keys.enter, 's', 'j', keys.enter);
	await tui.press('p');
	t.regex(tui.frame(), /1\.1\.3 is WARN: p only works on a passing rule/);
	t.deepEqual(proveCalls, []);

	// 1.1.5 passes: back, down twice, open.
	await tui.press(keys.escape, 'j', 'j', keys.enter);
	t.regex(tui.frame(), /1\.1\.5/);
	const runsBefore = fake.runCalls.length;
	await tui.press('p');
	t.deepEqual(proveCalls, ['1.1.5']);
	t.regex(tui.frame(), /touched: \/usr\/bin\/dockerd --version → event 2026-11-29 07:01:02 \/usr\/bin\/dockerd by root syscall=execve \(ausearch -k docker -i --start recent\)/);
	t.deepEqual(fake.runCalls.slice(runsBefore).map(call => call.ids), [['1.1.5']], 'the check runs again, so its evidence lists the new event');
	await tui.unmount();
});

test('a proof that made no event does not run the check again', async t => {
	const fake = createFakeServices();
	fake.proveAudit = async () => ({ok: true, touched: '/usr/bin/dockerd --version', command: 'ausearch -k docker -i --start recent', why: 'auditd is not running'});
	const tui = await renderDockwarden(fake, {columns: 200});
	await tui.press(keys.enter, 's', 'j', 'j', 'j', keys.enter);
	const runsBefore = fake.runCalls.length;
	await tui.press('p');
	t.regex(tui.frame(), /no new event: auditd is not running/);
	t.is(fake.runCalls.length, runsBefore);
	await tui.unmount();
});
