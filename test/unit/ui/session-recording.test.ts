import test from 'ava';
import type {Result} from '../../../source/benchmark/types.js';
import {emptySessionRecord, sessionChanged} from '../../../source/report/session-record.js';
import {recordApplied, recordStatus} from '../../../source/ui/app/session-recording.js';
import {appReducer} from '../../../source/ui/app/app-reducer.js';
import {initialAppState, inputMode, type AppState} from '../../../source/ui/app/app-state.js';
import {dispatch, keys} from '../../helpers/app-keys.js';
import {auditPlan, fakeChecks, fakeJournal, fakeSections, initialResults, undoPlan} from '../../helpers/fake-services.js';

const results = initialResults();
const journal = fakeJournal();

function start(): AppState {
	return initialAppState({sections: fakeSections, checks: fakeChecks, columns: 80, rows: 24, today: '2026-11-29'});
}

/** Answers every queued run with these results. */
function finishRuns(state: AppState, answers: Readonly<Record<string, Result>> = results): AppState {
	let next = state;
	for (const effect of state.effects) {
		if (effect.type === 'run') {
			for (const id of effect.ids) {
				next = appReducer(next, {type: 'result', runId: effect.runId, result: answers[id]!});
			}

			next = appReducer(next, {type: 'run-finished', runId: effect.runId});
		}
	}

	return appReducer(next, {type: 'effects-started', seq: next.nextSeq - 1});
}

const passed: Record<string, Result> = {...results, '1.1.3': {...results['1.1.3']!, status: 'pass', fixable: false}};

test('the record keeps the first and the last status of each check seen', t => {
	t.deepEqual(start().record, emptySessionRecord);
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	t.is(state.record.first['1.1.3'], 'warn');
	t.is(state.record.last['1.1.3'], 'warn');
	t.is(state.record.first['1.1.5'], 'pass');
	t.false('2.2' in state.record.first, 'only checks seen');
	state = finishRuns(keys(state, 'down', 'run-selected'), passed);
	t.is(state.record.first['1.1.3'], 'warn');
	t.is(state.record.last['1.1.3'], 'pass');
	t.false(sessionChanged(state.record), 'running checks changes nothing on the host');
});

test('a fix applied is recorded with its title, checks and journal entry, and its check turns pass', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'fix');
	const plan = auditPlan('1.1.3');
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan}});
	state = dispatch(keys(state, 'apply'), {type: 'apply-finished', outcome: {ok: true, log: ['ran it'], journalEntry: '/var/lib/dockwarden/journal/1.json'}});
	t.deepEqual(state.record.fixesApplied, [{title: plan.title, checkIds: ['1.1.3'], journalEntry: '/var/lib/dockwarden/journal/1.json'}]);
	t.deepEqual(state.record.fixesUndone, []);
	state = finishRuns(state, passed);
	t.like(state.record, {first: {'1.1.3': 'warn'}, last: {'1.1.3': 'pass'}});
	t.true(sessionChanged(state.record));
});

test('a failed fix is not recorded', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = dispatch(keys(state, 'down', 'fix'), {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: auditPlan('1.1.3')}});
	state = dispatch(keys(state, 'apply'), {type: 'apply-finished', outcome: {ok: false, error: 'boom', log: [], rolledBack: true}});
	t.deepEqual(state.record.fixesApplied, []);
});

test('an undo applied is recorded as undone, with the journal entry it reverted', t => {
	let state = keys(start(), 'journal');
	state = dispatch(state, {type: 'journal-loaded', outcome: {ok: true, entries: journal}});
	state = keys(state, 'undo');
	const plan = undoPlan(journal[0]!);
	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: false, outcome: {ok: true, plan}});
	state = dispatch(keys(state, 'apply'), {type: 'apply-finished', outcome: {ok: true, log: []}});
	t.deepEqual(state.record.fixesUndone, [{title: plan.title, entry: journal[0]!.id}]);
	t.deepEqual(state.record.fixesApplied, []);
});

test('a fix, then its undo, in one session: both are recorded, in order', t => {
	let record = recordApplied(emptySessionRecord, auditPlan('1.1.3'), {ok: true, log: [], journalEntry: 'j/1.json'});
	record = recordApplied(record, {...auditPlan('1.1.3'), title: 'Undo: watch dockerd', undoes: '1'}, {ok: true, log: []});
	record = recordApplied(record, {...auditPlan('1.1.3'), title: 'no undoes on the plan'}, {ok: true, log: []}, '2');
	t.deepEqual(record.fixesApplied, [{title: 'Watch /usr/bin/dockerd with auditd', checkIds: ['1.1.3'], journalEntry: 'j/1.json'}]);
	t.deepEqual(record.fixesUndone, [{title: 'Undo: watch dockerd', entry: '1'}, {title: 'no undoes on the plan', entry: '2'}]);
	record = recordStatus(recordStatus(record, results['1.1.3']!), {...results['1.1.3']!, status: 'pass'});
	t.like(record, {first: {'1.1.3': 'warn'}, last: {'1.1.3': 'pass'}});
});

test('a waiver added is recorded, and the check last reads waived', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'waive');
	t.is(inputMode(state), 'waiver');
	for (const name of [...'accepted', 'tab', ...'2027-01-31', 'enter']) {
		state = appReducer(state, {type: 'key', mode: inputMode(state), name});
	}

	t.like(state.effects.at(-1), {type: 'add-waiver', checkId: '1.1.3', reason: 'accepted', expires: '2027-01-31'});
	const result: Result = {...results['1.1.3']!, status: 'waived', waiver: {id: '1.1.3', reason: 'accepted', expires: '2027-01-31'}};
	state = dispatch(state, {type: 'waiver-answered', checkId: '1.1.3', reason: 'accepted', expires: '2027-01-31', outcome: {ok: true, result}});
	t.deepEqual(state.record.waiversAdded, [{id: '1.1.3', reason: 'accepted', expires: '2027-01-31'}]);
	t.like(state.record, {first: {'1.1.3': 'warn'}, last: {'1.1.3': 'waived'}});
	t.is(state.results['1.1.3'], result);
	t.true(sessionChanged(state.record));
});
