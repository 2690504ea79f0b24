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
	await tui.press('p');
	t.deepEqual(proveCalls, ['1.1.5']);
	t.regex(tui.frame(), /touched: \/usr\/bin\/dockerd --version → event 2026-11-29 07:01:02 \/usr\/bin\/dockerd by root syscall=execve \(ausearch -k docker -i --start recent\)/);
	await tui.unmount();
});
