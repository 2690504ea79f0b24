import test from 'ava';
import type {PlanOutcome} from '../../source/model/plan.js';
import {shortTime} from '../../source/ui/screens/journal/journal-lines.js';
import {hintLine} from '../../source/ui/keys.js';
import {createFakeServices, fakeJournal, undoPlan} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../helpers/render.js';

const [newest, middle, undone] = fakeJournal();

/** The difference planUndo gives when daemon.json changed since the fix. */
const diff = [
	'/etc/docker/daemon.json has changed since the fix wrote it:',
	'--- /etc/docker/daemon.json (as the fix wrote it)',
	'+++ /etc/docker/daemon.json (now)',
	'@@ -1,3 +1,4 @@',
	' {',
	'-  "icc": false',
	'+  "icc": false,',
	'+  "debug": true',
	' }',
];

/** planUndo refuses unless forced. */
function refusedUnlessForced(id: string, force: boolean): PlanOutcome {
	if (force) {
		return {ok: true, plan: undoPlan(fakeJournal().find(entry => entry.id === id)!)};
	}

	return {ok: false, code: 'changed-since', reason: '/etc/docker/daemon.json has changed since the fix wrote it', details: diff};
}

test('J opens the journal: one row per entry, newest first, with local time, checks, title and undone', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('J');
	t.is(fake.journalCalls, 1);
	const frame = tui.frame();
	const rows = lines(frame);
	t.regex(rows[0]!, /Journal of applied fixes: 3 entries, newest first/);
	const first = rows.findIndex(row => row.includes(newest!.title));
	t.true(first > 0);
	t.true(rows[first]!.startsWith(`› ${shortTime(newest!.time)}  2.2 `));
	t.true(rows[first + 1]!.includes(`${shortTime(middle!.time)}  1.1.3`) && rows[first + 1]!.includes(middle!.title));
	t.regex(rows[first + 2]!, /3\.1 +undone {2}chown root:root docker\.service/);
	t.notRegex(rows[first]!, /undone/);
	t.is(rows.at(-1), hintLine('journal', 80));
	t.regex(rows.at(-1)!, /u undo/);
	await tui.unmount();
});

test('enter shows the changes of an entry; esc goes back to the journal', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'j', keys.enter);
	let frame = tui.frame();
	t.regex(lines(frame)[0]!, new RegExp(`Journal › ${middle!.id}`));
	t.regex(frame, /Watch \/usr\/bin\/dockerd with auditd/);
	t.regex(frame, /Changes\n {2}ran auditctl -w \/usr\/bin\/dockerd -k docker\n {2}wrote \/etc\/audit\/rules\.d\/docker\.rules \(new file\)/);
	await tui.press(keys.escape);
	frame = tui.frame();
	t.regex(frame, /› .*Watch \/usr\/bin\/dockerd with auditd/);
	await tui.unmount();
});

test('u plans the undo, y applies it, the result shows, and back on the journal it is read again and says undone', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'u');
	t.deepEqual(fake.undoCalls, [{id: newest!.id, force: false}]);
	let frame = tui.frame();
	t.regex(frame, /^Undo this fix\?$/m);
	t.regex(frame, /Undo Set "icc": false in daemon\.json/);
	t.regex(frame, /run: auditctl -W \/usr\/bin\/dockerd -k docker/);
	t.regex(frame, /Undo\? \[y\/N\]/);

	await tui.press('y');
	t.is(fake.applyCalls.length, 1);
	t.is(fake.applyCalls[0]?.undoes, newest!.id);
	frame = tui.frame();
	t.regex(frame, /Undone: Undo Set "icc": false in daemon\.json/);
	t.is(fake.journalCalls, 2, 'the journal is read again');
	t.deepEqual(fake.runCalls.at(-1)?.ids, ['2.2'], 'the checks of the entry are re-run');

	await tui.press(keys.enter);
	frame = tui.frame();
	t.regex(frame, /› .*2\.2 +undone {2}Set "icc": false in daemon\.json/);
	t.is(lines(frame).at(-1), hintLine('journal', 80));
	await tui.unmount();
});

test('u from the entry detail plans the same undo and comes back to the journal', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'j', keys.enter, 'u');
	t.deepEqual(fake.undoCalls, [{id: middle!.id, force: false}]);
	await tui.press('y', keys.enter);
	t.is(fake.applyCalls[0]?.undoes, middle!.id);
	t.regex(tui.frame(), /Journal of applied fixes/);
	t.regex(tui.frame(), /› .*1\.1\.3 +undone {2}Watch/);
	await tui.unmount();
});

test('n on the undo confirm writes nothing', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'u', 'n');
	t.is(fake.applyCalls.length, 0);
	const frame = tui.frame();
	t.regex(frame, /Cancelled: nothing was written\./);
	t.regex(frame, /Journal of applied fixes/);
	t.notRegex(frame, /undone {2}Set "icc"/);
	await tui.unmount();
});

test('a refused undo shows the reason and the diff, then U plans the forced undo', async t => {
	const fake = createFakeServices();
	fake.undoOutcome = refusedUnlessForced;
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'u');
	t.deepEqual(fake.undoCalls, [{id: newest!.id, force: false}]);
	const frame = tui.frame();
	t.regex(frame, /^Cannot undo: \/etc\/docker\/daemon\.json has changed since the fix wrote it$/m);
	for (const line of diff) {
		t.true(lines(frame).includes(line), line);
	}

	t.regex(frame, /U force undo/);
	t.is(lines(frame).at(-1), hintLine('undo-refused', 80));
	t.regex(lines(frame).at(-1)!, /U force undo/);
	t.notRegex(frame, /Undo\? \[y\/N\]/);

	await tui.press('U');
	t.deepEqual(fake.undoCalls, [{id: newest!.id, force: false}, {id: newest!.id, force: true}]);
	t.regex(tui.frame(), /^Undo this fix\?$/m);
	t.regex(lines(tui.frame())[0]!, /force undo/);
	await tui.press('y');
	t.is(fake.applyCalls.length, 1);
	await tui.press(keys.enter);
	t.regex(tui.frame(), /Journal of applied fixes/, 'back on the journal, past the refusal');
	await tui.unmount();
});

test('esc from a refused undo goes back without undoing; n on the forced confirm writes nothing', async t => {
	const fake = createFakeServices();
	fake.undoOutcome = refusedUnlessForced;
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'u', 'U', 'n');
	t.is(fake.applyCalls.length, 0);
	t.regex(tui.frame(), /Cannot undo:/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /Journal of applied fixes/);
	t.is(fake.applyCalls.length, 0);
	await tui.unmount();
});

test('a refused undo longer than the screen scrolls within the frame', async t => {
	const fake = createFakeServices();
	const long = Array.from({length: 60}, (_, index) => `+line ${index}`);
	fake.undoOutcome = () => ({ok: false, code: 'changed-since', reason: 'it changed', details: long});
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'u');
	t.true(lines(tui.frame()).length <= 23);
	t.notRegex(tui.frame(), /\+line 59/);
	await tui.press('G');
	t.regex(tui.frame(), /\+line 59/);
	t.true(lines(tui.frame()).length <= 23);
	await tui.unmount();
});

test('an entry already undone says so and u does nothing but a notice', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'G', 'u');
	t.deepEqual(fake.undoCalls, []);
	t.regex(tui.frame(), new RegExp(`This fix was undone on ${shortTime(undone!.undoneAt!)}: there is nothing to undo\\.`));
	await tui.press(keys.enter);
	t.regex(tui.frame(), /Undone on .*: there is nothing left to undo\./);
	await tui.press('u');
	t.deepEqual(fake.undoCalls, []);
	t.notRegex(tui.frame(), /Undo\? \[y\/N\]/);
	await tui.unmount();
});

test('J works from the checks list too, and esc goes back to it', async t => {
	const fake = createFakeServices();
	const tui = await renderDockwarden(fake);
	await tui.press(keys.enter, 'J');
	t.regex(tui.frame(), /Journal of applied fixes/);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /› \[ -- \] 1\.1\.1/);
	await tui.unmount();
});

test('an empty journal says so; an unreadable one says why', async t => {
	const fake = createFakeServices();
	fake.entries = [];
	const tui = await renderDockwarden(fake);
	await tui.press('J');
	t.regex(tui.frame(), /The journal is empty: no fix has been applied yet\./);
	await tui.press('u', keys.enter);
	t.deepEqual(fake.undoCalls, []);
	await tui.unmount();

	const broken = createFakeServices();
	broken.journal = async () => {
		throw new Error('EACCES: permission denied, open /var/lib/dockwarden/journal');
	};

	const second = await renderDockwarden(broken);
	await second.press('J');
	t.regex(second.frame(), /Cannot read the journal: EACCES: permission denied/);
	await second.unmount();
});

test('a long journal scrolls in 80x24 and two keys in one chunk both move', async t => {
	const fake = createFakeServices();
	fake.entries = Array.from({length: 40}, (_, index) => ({
		id: `entry-${index}`,
		time: new Date(Date.UTC(2025, 10, 29, 12, 0) - (index * 60_000)).toISOString(),
		title: `Fix number ${index} with a title long enough to be cut at the right edge of an 80 column terminal`,
		checkIds: ['1.1.3', '1.1.4', '1.1.5', '1.1.6', '2.2', '2.9'],
		changes: [`wrote /etc/file-${index}`],
	}));
	const tui = await renderDockwarden(fake);
	await tui.press('J', 'jj');
	t.regex(tui.frame(), /› .*Fix number 2 /);
	await tui.press('G');
	const frame = tui.frame();
	t.regex(frame, /› .*Fix number 39 /);
	t.notRegex(frame, /Fix number 0 /);
	t.true(lines(frame).length <= 23);
	for (const line of lines(frame)) {
		t.true(line.length <= 80, line);
	}

	t.regex(frame, /1\.1\.3, 1\.1\.4, 1\.1\.5, 1\.…/, 'a long list of checks is cut');
	await tui.unmount();
});
