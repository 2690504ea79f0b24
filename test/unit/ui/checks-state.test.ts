import test from 'ava';
import {checksReducer, initialChecksState, selectedRow, visibleChecks, type ChecksState} from '../../../source/ui/screens/checks/state.js';
import {fakeContext, initialResults} from '../../helpers/fake-services.js';

const results = initialResults();
const ran = fakeContext({results});
const notRun = fakeContext();

function ids(state: ChecksState, context = ran): string[] {
	return visibleChecks(state, context).map(check => check.id);
}

test('lists the checks of its section', t => {
	t.deepEqual(ids(initialChecksState('1'), notRun), ['1.1.1', '1.1.3', '1.1.4', '1.1.5', '1.1.6']);
	t.deepEqual(ids(initialChecksState('2'), notRun), ['2.2', '2.9']);
});

test('moves keep to the list and remember the selected check', t => {
	let state = initialChecksState('1');
	state = checksReducer(state, {type: 'down'}, ran).state;
	state = checksReducer(state, {type: 'down'}, ran).state;
	t.is(state.selectedId, '1.1.4');
	state = checksReducer(state, {type: 'bottom'}, ran).state;
	t.is(state.selectedId, '1.1.6');
	state = checksReducer(state, {type: 'down'}, ran).state;
	t.is(state.selectedId, '1.1.6');
	state = checksReducer(state, {type: 'top'}, ran).state;
	t.is(state.selectedId, '1.1.1');
});

test('w shows only WARN, keeping the selection when it is a WARN', t => {
	let state: ChecksState = {...initialChecksState('1'), cursor: 2, selectedId: '1.1.4'};
	const {state: next, requests} = checksReducer(state, {type: 'warn-only'}, ran);
	state = next;
	t.true(state.warnOnly);
	t.deepEqual(ids(state), ['1.1.3', '1.1.4']);
	t.is(state.selectedId, '1.1.4');
	t.is(selectedRow(state, visibleChecks(state, ran)), 1);
	t.regex(requests[0]?.type === 'notice' ? requests[0].text : '', /only WARN \(2\)/);
	state = checksReducer(state, {type: 'warn-only'}, ran).state;
	t.false(state.warnOnly);
	t.is(state.selectedId, '1.1.4');
});

test('WARN-only before a run shows nothing and survives moves', t => {
	let state = checksReducer(initialChecksState('1'), {type: 'warn-only'}, notRun).state;
	t.deepEqual(ids(state, notRun), []);
	state = checksReducer(state, {type: 'down'}, notRun).state;
	t.deepEqual(checksReducer(state, {type: 'open'}, notRun).requests, []);
	t.deepEqual(checksReducer(state, {type: 'fix'}, notRun).requests, []);
});

test('enter opens, r runs the check, s the section, a everything, esc goes back', t => {
	const state: ChecksState = {...initialChecksState('1'), cursor: 1, selectedId: '1.1.3'};
	t.deepEqual(checksReducer(state, {type: 'open'}, ran).requests, [{type: 'open-check', id: '1.1.3'}]);
	t.deepEqual(checksReducer(state, {type: 'run-selected'}, ran).requests, [{type: 'run', ids: ['1.1.3']}]);
	t.deepEqual(checksReducer(state, {type: 'run-section'}, ran).requests, [{type: 'run', ids: ['1.1.1', '1.1.3', '1.1.4', '1.1.5', '1.1.6']}]);
	const all = checksReducer(state, {type: 'run-all'}, ran).requests[0];
	t.is(all?.type === 'run' ? all.ids.length : 0, 12);
	t.deepEqual(checksReducer(state, {type: 'back'}, ran).requests, [{type: 'back'}]);
});

test('f on a fixable WARN opens the detail and plans the fix', t => {
	const state: ChecksState = {...initialChecksState('1'), cursor: 1, selectedId: '1.1.3'};
	t.deepEqual(checksReducer(state, {type: 'fix'}, ran).requests, [{type: 'open-check', id: '1.1.3'}, {type: 'plan-fix', id: '1.1.3'}]);
});

test('f refuses with a reason when there is nothing to fix', t => {
	const notice = (state: ChecksState, context = ran) => {
		const request = checksReducer(state, {type: 'fix'}, context).requests[0];
		return request?.type === 'notice' ? request.text : '';
	};

	t.regex(notice({...initialChecksState('1'), cursor: 2, selectedId: '1.1.4'}), /no automated fix/);
	t.regex(notice({...initialChecksState('1'), cursor: 3, selectedId: '1.1.5'}), /PASS: nothing to fix/);
	t.regex(notice({...initialChecksState('1'), cursor: 1, selectedId: '1.1.3'}, notRun), /Run 1\.1\.3 first/);
	t.regex(notice({...initialChecksState('1'), cursor: 1, selectedId: '1.1.3'}, fakeContext({pending: {'1.1.3': 1}})), /is running/);
});

test('space selects a fixable WARN, again unselects it, and keeps the selection in catalogue order', t => {
	const context = fakeContext({results: {...results, '1.1.6': {...results['1.1.3']!, id: '1.1.6'}}});
	let state: ChecksState = {...initialChecksState('1'), cursor: 4, selectedId: '1.1.6'};
	state = checksReducer(state, {type: 'select'}, context).state;
	state = checksReducer({...state, cursor: 1, selectedId: '1.1.3'}, {type: 'select'}, context).state;
	t.deepEqual(state.selection, ['1.1.3', '1.1.6']);
	state = checksReducer(state, {type: 'select'}, context).state;
	t.deepEqual(state.selection, ['1.1.6']);
});

test('space refuses what cannot be fixed, with a reason, and selects nothing', t => {
	const notice = (selectedId: string, context = ran) => {
		const {state, requests} = checksReducer({...initialChecksState('1'), selectedId}, {type: 'select'}, context);
		t.deepEqual(state.selection, [], selectedId);
		return requests[0]?.type === 'notice' ? requests[0].text : '';
	};

	t.is(notice('1.1.4'), '1.1.4 has no automated fix: it cannot be selected.');
	t.is(notice('1.1.5'), '1.1.5 is PASS: nothing to fix.');
	t.regex(notice('1.1.3', notRun), /Run 1\.1\.3 first/);
	t.regex(notice('1.1.3', fakeContext({results, pending: {'1.1.3': 1}})), /is running/);
});

test('a selected check can always be unselected, even once it no longer needs a fix', t => {
	const state: ChecksState = {...initialChecksState('1'), cursor: 1, selectedId: '1.1.3', selection: ['1.1.3']};
	const passed = fakeContext({results: {...results, '1.1.3': {...results['1.1.3']!, status: 'pass', fixable: false}}});
	t.deepEqual(checksReducer(state, {type: 'select'}, passed).state.selection, []);
});

test('f with a selection asks for one merged fix of every selected check', t => {
	const state: ChecksState = {...initialChecksState('1'), cursor: 0, selectedId: '1.1.1', selection: ['1.1.3']};
	t.deepEqual(checksReducer(state, {type: 'fix'}, ran).requests, [{type: 'plan-batch', ids: ['1.1.3']}]);
	const passed = fakeContext({results: {...results, '1.1.3': {...results['1.1.3']!, status: 'pass', fixable: false}}});
	t.deepEqual(checksReducer(state, {type: 'fix'}, passed).requests, [{type: 'notice', text: '1.1.3 is PASS: nothing to fix.'}]);
	const planning = checksReducer(state, {type: 'planning'}, ran).state;
	t.true(planning.planning);
	t.regex((checksReducer(planning, {type: 'fix'}, ran).requests[0] as {text: string}).text, /Already planning the fix of 1\.1\.3/);
});

test('c clears the selection; a refused merged fix is kept until the next key; applied clears it', t => {
	let state: ChecksState = {...initialChecksState('1'), selection: ['1.1.3', '1.1.6']};
	t.deepEqual(checksReducer(state, {type: 'clear-selection'}, ran).state.selection, []);
	t.regex((checksReducer(initialChecksState('1'), {type: 'clear-selection'}, ran).requests[0] as {text: string}).text, /Nothing is selected/);

	state = checksReducer(checksReducer(state, {type: 'planning'}, ran).state, {type: 'refused', reason: 'cannot be merged'}, ran).state;
	t.is(state.refusal, 'cannot be merged');
	t.false(state.planning);
	t.deepEqual(state.selection, ['1.1.3', '1.1.6']);
	t.is(checksReducer(state, {type: 'down'}, ran).state.refusal, 'cannot be merged');
	t.is(checksReducer(state, {type: 'warn-only'}, ran).state.refusal, undefined);
	t.deepEqual(checksReducer(state, {type: 'applied'}, ran).state.selection, []);
});

test('J asks for the journal', t => {
	t.deepEqual(checksReducer(initialChecksState('1'), {type: 'journal'}, ran).requests, [{type: 'open-journal'}]);
});
