import test from 'ava';
import {sessionChanged} from '../../../source/report/session-record.js';
import {createFakeServices} from '../../helpers/fake-services.js';
import {keys, renderDockwarden} from '../../helpers/render.js';

test('q hands over the session record: a fix applied, a waiver added, first and last statuses', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 's', 'j', 'f');
	await tui.press('y');
	await tui.press(keys.enter, keys.escape, 'j', 'x', 'no auditd here', keys.enter, keys.enter);
	t.regex(tui.frame(), /› \[WAIV\] 1\.1\.4/);
	await tui.press('q');
	t.deepEqual(tui.exits, [0]);
	const record = tui.records[0]!;
	t.deepEqual(record.fixesApplied, [{title: 'Watch /usr/bin/dockerd with auditd', checkIds: ['1.1.3'], journalEntry: '/var/lib/dockwarden/journal/1.json'}]);
	t.deepEqual(record.waiversAdded, [{id: '1.1.4', reason: 'no auditd here'}]);
	t.like(record.first, {'1.1.3': 'warn', '1.1.4': 'warn', '1.1.5': 'pass'});
	t.like(record.last, {'1.1.3': 'pass', '1.1.4': 'waived', '1.1.5': 'pass'});
	t.true(sessionChanged(record));
	await tui.unmount();
});

test('Ctrl+C hands over the record too, with 130', async t => {
	const tui = await renderDockwarden(createFakeServices());
	await tui.press('a', keys.ctrlC);
	t.deepEqual(tui.exits, [130]);
	t.false(sessionChanged(tui.records[0]!));
	await tui.unmount();
});
