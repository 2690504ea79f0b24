import test from 'ava';
import type {Result} from '../../../source/benchmark/types.js';
import {appReducer} from '../../../source/ui/app/app-reducer.js';
import {currentScreen, initialAppState, inputMode, runProgress, type AppState} from '../../../source/ui/app/app-state.js';
import {busyText, headerText, statusInfo} from '../../../source/ui/app/chrome-text.js';
import {bodyHeight, screenContext, sizeNotice} from '../../../source/ui/app/layout.js';
import {dispatch, keys} from '../../helpers/app-keys.js';
import {auditPlan, batchPlan, fakeChecks, fakeJournal, fakeSections, initialResults, undoPlan} from '../../helpers/fake-services.js';

/** The fake results, with 1.1.6 a second fixable WARN of section 1. */
const results: Record<string, Result> = {...initialResults(), '1.1.6': {...initialResults()['1.1.3']!, id: '1.1.6'}};
const journal = fakeJournal();

function start(): AppState {
	return initialAppState({sections: fakeSections, checks: fakeChecks, columns: 80, rows: 24});
}

/** The first key the key table binds to an action in a mode. */
/** Runs whatever run effects are queued to completion with the fake results. */
function finishRuns(state: AppState): AppState {
	let next = state;
	for (const effect of state.effects) {
		if (effect.type === 'run') {
			for (const id of effect.ids) {
				next = appReducer(next, {type: 'result', runId: effect.runId, result: results[id]!});
			}

			next = appReducer(next, {type: 'run-finished', runId: effect.runId});
		}
	}

	return appReducer(next, {type: 'effects-started', seq: next.nextSeq - 1});
}

test('starts on the sections screen with the banner on top', t => {
	const state = start();
	t.is(currentScreen(state).name, 'sections');
	t.is(headerText(state, 'banner'), 'banner');
	t.is(runProgress(state), undefined);
});

test('enter, enter, esc, esc walks sections → checks → detail and back', t => {
	let state = keys(start(), 'open');
	t.is(currentScreen(state).name, 'checks');
	t.is(headerText(state, ''), '1  Host Configuration');
	state = keys(state, 'down', 'open');
	t.deepEqual(currentScreen(state), {name: 'detail', state: {checkId: '1.1.3', scroll: 0, planning: false}});
	t.is(headerText(state, ''), '1 Host Configuration › 1.1.3');
	state = keys(state, 'back');
	t.like(currentScreen(state), {name: 'checks', state: {selectedId: '1.1.3'}});
	state = keys(state, 'back', 'back');
	t.is(currentScreen(state).name, 'sections');
	t.is(state.stack.length, 1);
});

test('a key read for a screen that has since changed acts on the current screen: typed-ahead keys are never lost', t => {
	const state = keys(start(), 'open');
	const moved = appReducer(state, {type: 'key', mode: 'sections', name: 'j'});
	t.not(moved, state);
	t.is(currentScreen(moved).name, 'checks');
	t.is(appReducer(moved, {type: 'key', mode: 'detail', name: 'q'}).exitCode, 0, 'q typed while the screen changed still quits');
});

test('the fix confirm never takes a key typed before it was shown', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'open', 'bottom', 'fix');
	t.like(currentScreen(state), {name: 'detail', state: {planning: true}});
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: auditPlan('1.1.3')}});
	t.is(currentScreen(state).name, 'confirm');
	const early = appReducer(state, {type: 'key', mode: 'detail', name: 'y'});
	t.is(early, state, 'a y typed on the detail does not apply the plan');
	const onScreen = appReducer(state, {type: 'key', mode: 'confirm', name: 'y'});
	t.is(currentScreen(onScreen).name, 'applying');
});

test('a run queues one effect, marks its checks pending and counts progress', t => {
	let state = keys(start(), 'run-all');
	t.is(state.effects.length, 1);
	const effect = state.effects[0]!;
	t.is(effect.type, 'run');
	const runId = effect.type === 'run' ? effect.runId : 0;
	t.is(Object.keys(state.pending).length, 12);
	t.deepEqual(runProgress(state), {total: 12, done: 0});
	t.is(busyText(state), '0/12 checks');
	state = dispatch(state, {type: 'result', runId, result: results['1.1.3']!});
	t.deepEqual(runProgress(state), {total: 12, done: 1});
	t.is(state.results['1.1.3']?.status, 'warn');
	t.false('1.1.3' in state.pending);
	state = dispatch(state, {type: 'run-finished', runId});
	t.is(runProgress(state), undefined);
	t.deepEqual(state.pending, {});
	t.is(busyText(state), undefined);
});

test('effects-started removes the started effects', t => {
	const state = keys(start(), 'run-all');
	t.deepEqual(dispatch(state, {type: 'effects-started', seq: state.effects[0]!.seq}).effects, []);
});

test('a newer run wins over a late result of an older one', t => {
	let state = keys(start(), 'open', 'run-section');
	const older = state.nextRunId - 1;
	state = finishRuns(state);
	state = keys(state, 'down', 'run-selected');
	const newer = state.nextRunId - 1;
	t.false('1.1.3' in state.results);
	const fixed = {...results['1.1.3']!, status: 'pass' as const};
	state = dispatch(state, {type: 'result', runId: newer, result: fixed});
	state = dispatch(state, {type: 'result', runId: older, result: results['1.1.3']!});
	t.is(state.results['1.1.3']?.status, 'pass');
});

test('running what already runs says so', t => {
	const state = keys(start(), 'open', 'down', 'run-selected', 'run-selected');
	t.is(state.effects.filter(effect => effect.type === 'run').length, 1);
	t.regex(state.notice ?? '', /Already running/);
});

test('a failed run says why', t => {
	let state = keys(start(), 'run-all');
	state = dispatch(state, {type: 'run-finished', runId: state.nextRunId - 1, error: 'Docker is unreachable'});
	t.is(state.notice, 'The run failed: Docker is unreachable');
});

test('the whole fix flow: plan, confirm, apply, result, re-run, back to the detail', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'open', 'bottom', 'fix');
	t.like(currentScreen(state), {name: 'detail', state: {planning: true}});
	t.like(state.effects.at(-1), {type: 'plan-fix', checkId: '1.1.3'});
	t.is(busyText(state), 'planning the fix of 1.1.3');

	const plan = auditPlan('1.1.3');
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan}});
	t.is(currentScreen(state).name, 'confirm');
	t.is(inputMode(state), 'confirm');

	state = keys(state, 'apply');
	t.is(currentScreen(state).name, 'applying');
	t.like(state.effects.at(-1), {type: 'apply', plan});
	state = dispatch(state, {type: 'apply-step', line: 'wrote it'});
	t.like(currentScreen(state), {name: 'applying', state: {steps: ['wrote it']}});

	state = dispatch(state, {type: 'apply-finished', outcome: {ok: true, log: ['wrote it']}});
	t.is(currentScreen(state).name, 'result');
	t.like(state.effects.at(-1), {type: 'run', ids: ['1.1.3']});
	t.false('1.1.3' in state.results);

	state = keys(state, 'continue');
	t.like(currentScreen(state), {name: 'detail', state: {checkId: '1.1.3', scroll: 0, planning: false}});
});

test('cancel on the confirm goes back to the detail and queues nothing', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'fix');
	state = dispatch(state, {type: 'effects-started', seq: state.nextSeq - 1});
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: auditPlan('1.1.3')}});
	state = keys(state, 'cancel');
	t.is(currentScreen(state).name, 'detail');
	t.deepEqual(state.effects, []);
	t.is(state.notice, 'Cancelled: nothing was written.');
});

test('a refused plan stays on the detail with the reason', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'open', 'fix');
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: false, reason: 'daemon.json is malformed'}});
	t.like(currentScreen(state), {name: 'detail', state: {planning: false, refusal: 'daemon.json is malformed'}});
	t.is(state.notice, 'Cannot fix 1.1.3: daemon.json is malformed');
});

test('a plan that arrives after the operator left is dropped', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'open', 'fix', 'back');
	const before = state;
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: auditPlan('1.1.3')}});
	t.is(state, before);
});

test('q quits with 0, except while a fix is applied', t => {
	t.is(keys(start(), 'quit').exitCode, 0);
	t.like(keys(start(), 'quit').effects.at(-1), {type: 'exit', code: 0});

	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'fix');
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: auditPlan('1.1.3')}});
	state = keys(state, 'apply', 'quit');
	t.is(state.exitCode, undefined);
	t.regex(state.notice ?? '', /wait for it to finish/);
});

test('Ctrl+C quits with 130 at once, or once a fix being applied has finished', t => {
	t.is(keys(start(), 'run-all', 'interrupt').exitCode, 130);

	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'fix');
	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: auditPlan('1.1.3')}});
	state = keys(state, 'apply', 'interrupt');
	t.is(state.exitCode, undefined);
	t.true(state.quitAfterApply);
	t.regex(busyText(state) ?? '', /then quitting/);
	const finished = dispatch(state, {type: 'apply-finished', outcome: {ok: true, log: []}});
	t.is(finished.exitCode, 130);
	t.is(keys(state, 'interrupt').exitCode, 130);
});

test('nothing happens after exit', t => {
	const state = keys(start(), 'quit');
	t.is(keys(state, 'run-all'), state);
});

test('help opens over any screen, takes the keys, and closes', t => {
	let state = keys(start(), 'help');
	t.is(inputMode(state), 'help');
	state = keys(state, 'down');
	t.is(state.help.scroll, 1);
	t.like(currentScreen(state), {state: {cursor: 0}});
	state = keys(state, 'back');
	t.false(state.help.open);
	t.is(inputMode(state), 'sections');
});

test('a key clears the last notice', t => {
	const state = keys(start(), 'open', 'fix');
	t.truthy(state.notice);
	t.is(keys(state, 'down').notice, undefined);
});

test('resize changes the layout only when the size changes', t => {
	const state = start();
	t.is(dispatch(state, {type: 'resize', columns: 80, rows: 24}), state);
	t.like(dispatch(state, {type: 'resize', columns: 100, rows: 40}), {columns: 100, rows: 40});
});

/** Section 1 run, 1.1.3 and 1.1.6 selected. */
function twoSelected(): AppState {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = keys(state, 'down', 'select', 'bottom', 'select');
	return dispatch(state, {type: 'effects-started', seq: state.nextSeq - 1});
}

test('space selects; the status line counts the selection; f plans one merged fix', t => {
	let state = twoSelected();
	t.like(currentScreen(state), {name: 'checks', state: {selection: ['1.1.3', '1.1.6']}});
	t.is(statusInfo(state), '2 selected (f fix as one, c clear)');
	state = keys(state, 'fix');
	t.like(currentScreen(state), {name: 'checks', state: {planning: true}});
	t.like(state.effects.at(-1), {type: 'plan-batch', ids: ['1.1.3', '1.1.6']});
	t.is(busyText(state), 'planning the fix of 1.1.3, 1.1.6');
	t.is(keys(state, 'clear-selection').notice, 'Selection cleared (2).');
	t.is(statusInfo(keys(state, 'clear-selection')), undefined);
});

test('the whole batch flow: confirm, apply, re-run every check of it, clear the selection, back to the list', t => {
	let state = keys(twoSelected(), 'fix');
	const plan = batchPlan(['1.1.3', '1.1.6']);
	state = dispatch(state, {type: 'batch-planned', ids: ['1.1.3', '1.1.6'], outcome: {ok: true, plan}});
	t.like(currentScreen(state), {name: 'confirm', state: {origin: {kind: 'batch', checkIds: ['1.1.3', '1.1.6']}, plan}});
	t.is(headerText(state, ''), '1 Host Configuration › 1.1.3, 1.1.6 › fix');
	t.like(state.stack.at(-2), {name: 'checks', state: {planning: false}});

	state = keys(state, 'apply');
	t.like(state.effects.at(-1), {type: 'apply', plan});
	t.is(busyText(state), 'applying the fixes');
	state = dispatch(state, {type: 'apply-finished', outcome: {ok: true, log: []}});
	t.is(currentScreen(state).name, 'result');
	t.like(state.effects.at(-1), {type: 'run', ids: ['1.1.3', '1.1.6']});
	t.like(state.stack.at(-2), {name: 'checks', state: {selection: []}});
	state = keys(state, 'continue');
	t.like(currentScreen(state), {name: 'checks', state: {selection: []}});
});

test('a failed batch keeps the selection, so it can be tried again', t => {
	let state = keys(twoSelected(), 'fix');
	state = dispatch(state, {type: 'batch-planned', ids: ['1.1.3', '1.1.6'], outcome: {ok: true, plan: batchPlan(['1.1.3', '1.1.6'])}});
	state = dispatch(keys(state, 'apply'), {type: 'apply-finished', outcome: {ok: false, error: 'boom', log: [], rolledBack: true}});
	t.like(state.stack.at(-2), {name: 'checks', state: {selection: ['1.1.3', '1.1.6']}});
});

test('a refused batch stays on the list with the reason; a late one after leaving is dropped', t => {
	const planning = keys(twoSelected(), 'fix');
	const refused = dispatch(planning, {type: 'batch-planned', ids: ['1.1.3', '1.1.6'], outcome: {ok: false, reason: 'cannot be merged'}});
	t.like(currentScreen(refused), {name: 'checks', state: {planning: false, refusal: 'cannot be merged', selection: ['1.1.3', '1.1.6']}});
	t.is(refused.notice, 'Cannot fix 1.1.3, 1.1.6 together: cannot be merged');

	const left = keys(planning, 'back');
	t.is(dispatch(left, {type: 'batch-planned', ids: ['1.1.3', '1.1.6'], outcome: {ok: true, plan: batchPlan(['1.1.3'])}}), left);
});

/** The journal open and read. */
function openJournal(from: AppState = start()): AppState {
	let state = keys(from, 'journal');
	state = dispatch(state, {type: 'effects-started', seq: state.nextSeq - 1});
	return dispatch(state, {type: 'journal-loaded', outcome: {ok: true, entries: journal}});
}

test('J opens the journal from the sections and the checks, reading it; esc goes back', t => {
	const reading = keys(start(), 'journal');
	t.like(currentScreen(reading), {name: 'journal', state: {loading: true}});
	t.like(reading.effects.at(-1), {type: 'load-journal'});
	t.is(busyText(reading), 'reading the journal');
	const state = openJournal();
	t.like(currentScreen(state), {name: 'journal', state: {loading: false, entries: journal}});
	t.is(headerText(state, ''), 'Journal of applied fixes: 3 entries, newest first');
	t.is(currentScreen(keys(state, 'back')).name, 'sections');
	const fromChecks = openJournal(keys(start(), 'open'));
	t.is(currentScreen(keys(fromChecks, 'back')).name, 'checks');
});

test('the whole undo flow: u, confirm, apply, result, the journal read again, back to it', t => {
	let state = openJournal();
	state = keys(state, 'open');
	t.like(currentScreen(state), {name: 'journal-entry', state: {entry: {id: journal[0]!.id}}});
	state = keys(state, 'undo');
	t.like(state.effects.at(-1), {type: 'plan-undo', entryId: journal[0]!.id, force: false});
	t.is(busyText(state), `planning the undo of ${journal[0]!.id}`);
	const plan = undoPlan(journal[0]!);
	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: false, outcome: {ok: true, plan}});
	t.like(currentScreen(state), {name: 'confirm', state: {origin: {kind: 'undo', entryId: journal[0]!.id}}});
	t.is(headerText(state, ''), `Journal › ${journal[0]!.id} › undo`);

	state = keys(state, 'apply');
	t.is(busyText(state), 'applying the undo');
	const seq = state.nextSeq;
	state = dispatch(state, {type: 'apply-finished', outcome: {ok: true, log: []}});
	t.deepEqual(state.stack.map(screen => screen.name), ['sections', 'journal', 'result']);
	t.like(state.stack[1], {name: 'journal', state: {loading: true}});
	t.deepEqual(state.effects.filter(effect => effect.seq >= seq).map(effect => effect.type), ['load-journal', 'run']);
	t.like(state.effects.at(-1), {type: 'run', ids: ['2.2']});

	const reread = journal.map(entry => entry.id === journal[0]!.id ? {...entry, undoneAt: '2025-11-29T06:00:00.000Z'} : entry);
	state = dispatch(state, {type: 'journal-loaded', outcome: {ok: true, entries: reread}});
	t.like(state.stack[1], {name: 'journal', state: {loading: false, entries: reread}});
	state = keys(state, 'continue');
	t.is(currentScreen(state).name, 'journal');
});

test('cancel on the undo confirm goes back and queues nothing', t => {
	let state = keys(openJournal(), 'undo');
	state = dispatch(state, {type: 'effects-started', seq: state.nextSeq - 1});
	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: false, outcome: {ok: true, plan: undoPlan(journal[0]!)}});
	state = keys(state, 'cancel');
	t.is(currentScreen(state).name, 'journal');
	t.deepEqual(state.effects, []);
	t.is(state.notice, 'Cancelled: nothing was written.');
});

test('a refused undo shows the reason and details; U plans the forced undo, which replaces the refusal when refused again', t => {
	let state = keys(openJournal(), 'undo');
	const details = ['--- a', '+++ b', '-x', '+y'];
	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: false, outcome: {ok: false, reason: 'changed since', details}});
	t.like(currentScreen(state), {name: 'undo-refused', state: {reason: 'changed since', details, entry: {id: journal[0]!.id}}});
	t.like(state.stack.at(-2), {name: 'journal', state: {planning: undefined}});
	t.is(inputMode(state), 'undo-refused');

	state = keys(state, 'force-undo');
	t.like(state.effects.at(-1), {type: 'plan-undo', entryId: journal[0]!.id, force: true});
	const refusedAgain = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: true, outcome: {ok: false, reason: 'backup missing'}});
	t.like(currentScreen(refusedAgain), {name: 'undo-refused', state: {reason: 'backup missing', details: [], planning: false}});
	t.is(refusedAgain.stack.length, state.stack.length);

	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: true, outcome: {ok: true, plan: undoPlan(journal[0]!)}});
	t.like(currentScreen(state), {name: 'confirm', state: {origin: {kind: 'undo', force: true}}});
	state = dispatch(keys(state, 'apply'), {type: 'apply-finished', outcome: {ok: true, log: []}});
	t.deepEqual(state.stack.map(screen => screen.name), ['sections', 'journal', 'result'], 'the refusal is left behind');
});

test('an undo answer that arrives after the operator left is dropped; u on an undone entry asks nothing', t => {
	let state = keys(openJournal(), 'open', 'undo', 'back');
	const before = state;
	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: false, outcome: {ok: true, plan: undoPlan(journal[0]!)}});
	t.is(state, before);

	const atUndone = keys(openJournal(), 'bottom', 'undo');
	t.false(atUndone.effects.some(effect => effect.type === 'plan-undo'));
	t.regex(atUndone.notice ?? '', /nothing to undo/);
});

test('the undo confirm never takes a key typed before it was shown', t => {
	let state = keys(openJournal(), 'undo');
	state = dispatch(state, {type: 'undo-planned', entryId: journal[0]!.id, force: false, outcome: {ok: true, plan: undoPlan(journal[0]!)}});
	t.is(appReducer(state, {type: 'key', mode: 'journal', name: 'y'}), state);
	t.is(currentScreen(appReducer(state, {type: 'key', mode: 'confirm', name: 'y'})).name, 'applying');
});

/** Every key name dispatched as typed while the screen that is current now was on screen. */
function typeNames(state: AppState, ...names: string[]): AppState {
	return names.reduce((current, name) => appReducer(current, {type: 'key', mode: inputMode(current), name}), state);
}

test('/ opens the filter input: its own mode, where every letter is text', t => {
	let state = keys(start(), 'open');
	state = typeNames(state, '/');
	t.is(inputMode(state), 'filter');
	state = typeNames(state, 'q', 'a', 'space', 'r', '?', 'J', 'tab', 'left', 'pageup');
	t.is(state.exitCode, undefined);
	t.false(state.help.open);
	t.deepEqual(state.effects, []);
	t.like(currentScreen(state), {name: 'checks', state: {filter: {text: 'qa r?J', open: true}}});
	state = typeNames(state, 'enter');
	t.is(inputMode(state), 'checks');
	t.like(currentScreen(state), {state: {filter: {text: 'qa r?J', open: false}}});
});

test('keys typed ahead of the filter go into it, and keys after enter act on the list', t => {
	const state = keys(start(), 'open');
	// "/aud\rj" arrives in one chunk: every key is tagged with the mode it was read in, the checks screen.
	const next = ['/', 'a', 'u', 'd', 'enter', 'j'].reduce((current, name) => appReducer(current, {type: 'key', mode: 'checks', name}), state);
	t.like(currentScreen(next), {name: 'checks', state: {filter: {text: 'aud', open: false}, selectedId: '1.1.4'}});
});

test('/ on the sections opens the search of every check; esc in its input goes back', t => {
	let state = typeNames(start(), '/');
	t.deepEqual(state.stack.map(screen => screen.name), ['sections', 'checks']);
	t.is(inputMode(state), 'filter');
	state = typeNames(state, ...'namespace');
	t.is(headerText(state, ''), 'Search every check: 1 match');
	t.is(currentScreen(typeNames(state, 'escape')).name, 'sections');
	state = typeNames(state, 'enter', 'enter');
	t.like(currentScreen(state), {name: 'detail', state: {checkId: '2.9'}});
	t.is(headerText(state, ''), '2 Docker daemon configuration › 2.9');
});

test('the waiver form: x on a WARN, a refusal keeps the form, esc writes nothing, a late answer still counts', t => {
	let state = finishRuns(keys(start(), 'open', 'run-section'));
	state = dispatch(keys(state, 'down', 'waive'), {type: 'effects-started', seq: state.nextSeq});
	t.like(currentScreen(state), {name: 'waiver', state: {checkId: '1.1.3', field: 'reason'}});
	t.is(headerText(state, ''), '1 Host Configuration › 1.1.3 › waive');
	t.is(currentScreen(typeNames(state, 'escape')).name, 'checks');
	t.deepEqual(typeNames(state, 'x', 'escape').effects, [], 'esc asks nothing of the service');

	state = typeNames(state, 'o', 'k', 'enter', 'enter');
	t.like(state.effects.at(-1), {type: 'add-waiver', checkId: '1.1.3', reason: 'ok'});
	t.is(busyText(state), 'saving the waiver of 1.1.3');
	const refused = dispatch(state, {type: 'waiver-answered', checkId: '1.1.3', reason: 'ok', outcome: {ok: false, reason: 'read-only file system'}});
	t.like(currentScreen(refused), {name: 'waiver', state: {saving: false, error: 'Cannot waive 1.1.3: read-only file system'}});
	t.is(refused.results['1.1.3']?.status, 'warn');

	const waived = {...results['1.1.3']!, status: 'waived' as const, waiver: {id: '1.1.3', reason: 'ok'}};
	const saved = dispatch(state, {type: 'waiver-answered', checkId: '1.1.3', reason: 'ok', outcome: {ok: true, result: waived}});
	t.is(currentScreen(saved).name, 'checks');
	t.is(saved.results['1.1.3'], waived);
	t.is(saved.notice, 'Waived 1.1.3: ok');

	const interrupted = keys(state, 'interrupt');
	t.is(interrupted.exitCode, 130, 'Ctrl+C still quits from the form');
});

test('x on anything but a WARN says why and opens nothing', t => {
	const state = keys(finishRuns(keys(start(), 'open', 'run-section')), 'waive');
	t.is(currentScreen(state).name, 'checks');
	t.is(state.notice, '1.1.1 is NOTE: only a WARN can be waived.');
});

test('below 80x24 a notice takes one line from the body; at 80x24 and above there is none', t => {
	t.is(sizeNotice(80, 24), undefined);
	t.is(sizeNotice(200, 50), undefined);
	t.is(sizeNotice(60, 15), 'small terminal: 60x15, best at 80x24 or larger');
	t.is(sizeNotice(100, 20), 'small terminal: 100x20, best at 80x24 or larger');
	t.is(sizeNotice(60, 5), undefined, 'too few rows to spare one');
	t.is(bodyHeight(24, 80), 20);
	t.is(bodyHeight(15, 60), 10);
	t.is(bodyHeight(50, 200), 46);
	t.like(screenContext(dispatch(start(), {type: 'resize', columns: 60, rows: 15})), {width: 60, height: 10});
});

test('a merged fix refused for want of a restart asks how to restart; the answer plans the same checks again, and the confirm sits on the list', t => {
	let state = keys(twoSelected(), 'fix');
	const question = {daemon: 'dockerd pid 812: started by hand', work: 'fix' as const};
	state = dispatch(state, {type: 'batch-planned', ids: ['1.1.3', '1.1.6'], outcome: {ok: false, reason: 'no restart known', restartChoice: question}});
	t.like(currentScreen(state), {name: 'restart-choice', state: {origin: {kind: 'batch', checkIds: ['1.1.3', '1.1.6']}, question}});
	t.like(state.stack.at(-2), {name: 'checks', state: {planning: false, selection: ['1.1.3', '1.1.6']}});
	state = keys(state, 'choose');
	t.like(state.effects.at(-1), {type: 'plan-batch', ids: ['1.1.3', '1.1.6'], unknownLauncher: 'later'});
	const plan = batchPlan(['1.1.3', '1.1.6']);
	state = dispatch(state, {type: 'batch-planned', ids: ['1.1.3', '1.1.6'], outcome: {ok: true, plan}});
	t.like(currentScreen(state), {name: 'confirm', state: {origin: {kind: 'batch'}, plan}});
	t.is(state.stack.at(-2)?.name, 'checks');
});
