import test from 'ava';
import {diffKind, entryLines, refusalLines, shortTime} from '../../../source/ui/screens/journal/journal-lines.js';
import {initialJournalEntryState, journalEntryReducer, journalEntryScroll} from '../../../source/ui/screens/journal-entry/state.js';
import {initialJournalState, journalReducer, selectedEntry, type JournalState} from '../../../source/ui/screens/journal/state.js';
import {initialUndoRefusedState, undoRefusedReducer} from '../../../source/ui/screens/undo-refused/state.js';
import {fakeContext, fakeJournal} from '../../helpers/fake-services.js';

const entries = fakeJournal();
const [newest, middle, undone] = entries;
const context = fakeContext({height: 5});

function loaded(state: JournalState = initialJournalState): JournalState {
	return journalReducer(state, {type: 'loaded', entries}, context).state;
}

test('shortTime is the local date and minute, or the text itself', t => {
	const local = new Date(2025, 10, 29, 6, 5, 59);
	t.is(shortTime(local.toISOString()), '2025-11-29 06:05');
	t.is(shortTime('yesterday'), 'yesterday');
});

test('the journal reads, then moves within its entries', t => {
	t.true(initialJournalState.loading);
	let state = loaded();
	t.false(state.loading);
	t.is(selectedEntry(state)?.id, newest!.id);
	state = journalReducer(state, {type: 'down'}, context).state;
	t.is(selectedEntry(state)?.id, middle!.id);
	state = journalReducer(state, {type: 'bottom'}, context).state;
	state = journalReducer(state, {type: 'down'}, context).state;
	t.is(selectedEntry(state)?.id, undone!.id);
});

test('a reload keeps the selected entry, even when a newer one comes on top', t => {
	let state = journalReducer(loaded(), {type: 'down'}, context).state;
	state = journalReducer(state, {type: 'loading'}, context).state;
	t.true(state.loading);
	const newer = {...newest!, id: 'newer', title: 'newer'};
	state = journalReducer(state, {type: 'loaded', entries: [newer, ...entries]}, context).state;
	t.is(selectedEntry(state)?.id, middle!.id);
	t.is(state.cursor, 2);
});

test('a journal that cannot be read says why', t => {
	const {state, requests} = journalReducer(initialJournalState, {type: 'load-failed', error: 'EACCES'}, context);
	t.is(state.error, 'EACCES');
	t.false(state.loading);
	t.deepEqual(requests, [{type: 'notice', text: 'Cannot read the journal: EACCES'}]);
});

test('enter opens the selected entry; u asks for its undo; esc goes back', t => {
	const state = loaded();
	t.deepEqual(journalReducer(state, {type: 'open'}, context).requests, [{type: 'open-entry', id: newest!.id}]);
	t.deepEqual(journalReducer(state, {type: 'undo'}, context).requests, [{type: 'plan-undo', entryId: newest!.id, force: false}]);
	t.deepEqual(journalReducer(state, {type: 'back'}, context).requests, [{type: 'back'}]);
});

test('u on an undone entry, on an undo being planned, or on nothing only says so', t => {
	const text = (requests: ReturnType<typeof journalReducer>['requests']) => requests[0]?.type === 'notice' ? requests[0].text : '';
	const atUndone = journalReducer(loaded(), {type: 'bottom'}, context).state;
	t.regex(text(journalReducer(atUndone, {type: 'undo'}, context).requests), /^This fix was undone on .*: there is nothing to undo\.$/);
	const planning = journalReducer(loaded(), {type: 'planning', entryId: newest!.id}, context).state;
	t.is(planning.planning, newest!.id);
	t.regex(text(journalReducer(planning, {type: 'undo'}, context).requests), /Already planning the undo/);
	t.is(journalReducer(planning, {type: 'planned'}, context).state.planning, undefined);
	t.regex(text(journalReducer(initialJournalState, {type: 'undo'}, context).requests), /being read/);
	t.regex(text(journalReducer(journalReducer(initialJournalState, {type: 'loaded', entries: []}, context).state, {type: 'undo'}, context).requests), /empty/);
	t.deepEqual(journalReducer(initialJournalState, {type: 'open'}, context).requests, []);
});

test('the entry detail lists every change, scrolls, and asks for the undo', t => {
	const lines = entryLines(newest!, 40);
	const text = lines.map(line => line.text).join('\n');
	t.regex(text, /^Set "icc": false in daemon\.json/);
	t.regex(text, /Changes\n {2}wrote \/etc\/docker\/daemon\.json \(backup/);
	t.true(lines.every(line => line.text.length <= 40));
	let state = initialJournalEntryState(newest!);
	const narrow = fakeContext({width: 40, height: 3});
	state = journalEntryReducer(state, {type: 'bottom'}, narrow).state;
	t.is(state.scroll, lines.length - 3);
	t.is(journalEntryScroll({...state, scroll: 99}, narrow), lines.length - 3);
	t.deepEqual(journalEntryReducer(state, {type: 'undo'}, narrow).requests, [{type: 'plan-undo', entryId: newest!.id, force: false}]);
	t.regex((journalEntryReducer(initialJournalEntryState(undone!), {type: 'undo'}, narrow).requests[0] as {text: string}).text, /nothing to undo/);
	t.true(entryLines(undone!, 80).some(line => line.kind === 'warning' && /^Undone on /.test(line.text)));
});

test('a refused undo shows the reason and the diff in colour, cut at the width but whole, and U asks for the forced undo', t => {
	const details = ['/etc/docker/daemon.json has changed since the fix wrote it:', '--- a', '+++ b', '@@ -1 +1 @@', '-old', `+${'new '.repeat(30)}`, ' same'];
	t.deepEqual(details.map(line => diffKind(line)), ['text', 'diff-header', 'diff-header', 'diff-header', 'diff-remove', 'diff-add', 'text']);
	const lines = refusalLines(newest!, 'it changed', details, 40);
	t.is(lines[0]?.kind, 'error');
	t.is(lines[0]?.text, 'Cannot undo: it changed');
	t.true(lines.every(line => line.text.length <= 40));
	t.is(lines.filter(line => line.kind === 'diff-add').map(line => line.text).join(''), details[5]);
	t.true(lines.some(line => line.kind === 'hint' && line.text.startsWith('U force undo')));

	const state = initialUndoRefusedState(newest!, 'it changed', details);
	t.deepEqual(undoRefusedReducer(state, {type: 'force-undo'}, context).requests, [{type: 'plan-undo', entryId: newest!.id, force: true}]);
	t.deepEqual(undoRefusedReducer(state, {type: 'back'}, context).requests, [{type: 'back'}]);
	const planning = undoRefusedReducer(state, {type: 'planning'}, context).state;
	t.regex((undoRefusedReducer(planning, {type: 'force-undo'}, context).requests[0] as {text: string}).text, /Already planning/);
	const again = undoRefusedReducer(planning, {type: 'refused', reason: 'backup missing', details: []}, context);
	t.like(again.state, {reason: 'backup missing', details: [], planning: false, scroll: 0});
	t.regex((again.requests[0] as {text: string}).text, /Cannot undo .*: backup missing/);
	t.is(undoRefusedReducer(state, {type: 'bottom'}, context).state.scroll, refusalLines(newest!, 'it changed', details, 80).length - 5);
});
