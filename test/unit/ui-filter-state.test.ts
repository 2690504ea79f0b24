import test from 'ava';
import {checks} from '../../source/benchmark/catalogue.js';
import {filterWords, matchesFilter} from '../../source/ui/check-filter.js';
import {checksReducer, initialChecksState, initialSearchState, visibleChecks, type ChecksState} from '../../source/ui/use-checks-state.js';
import {filterReducer, filterShown, noFilter} from '../../source/ui/use-filter-state.js';
import {initialSectionsState, sectionsReducer} from '../../source/ui/use-sections-state.js';
import {fakeContext, initialResults} from '../helpers/fake-services.js';

const matching = (filter: string) => checks.filter(check => matchesFilter(check, filter)).map(check => check.id);

test('"namespace" finds 2.9 and 5.31 in the real catalogue, among the other namespace checks', t => {
	const ids = matching('namespace');
	t.true(ids.includes('2.9'));
	t.true(ids.includes('5.31'));
	t.deepEqual(ids, ['2.9', '5.10', '5.16', '5.17', '5.21', '5.31']);
	t.deepEqual(matching('user namespace'), ['2.9', '5.31']);
	t.deepEqual(matching('Namespace USER'), ['2.9', '5.31'], 'case and word order do not matter');
});

test('"audit" finds exactly 1.1.3 to 1.1.18', t => {
	t.deepEqual(matching('audit'), Array.from({length: 16}, (_, index) => `1.1.${index + 3}`));
});

test('words match at a word start only; ids by prefix', t => {
	t.deepEqual(matching('amespace'), [], 'not inside a word');
	t.deepEqual(matching('5.3'), ['5.3', '5.30', '5.31', '5.32']);
	t.deepEqual(matching('1.1.1'), ['1.1.1', '1.1.10', '1.1.11', '1.1.12', '1.1.13', '1.1.14', '1.1.15', '1.1.16', '1.1.17', '1.1.18']);
	t.deepEqual(matching('containerd.sock'), ['1.1.8'], 'after punctuation is a word start, and punctuation can be typed');
	t.deepEqual(matching('1.1 containerd-shim'), ['1.1.15', '1.1.16', '1.1.17']);
	t.is(matching('').length, checks.length);
	t.is(matching('   ').length, checks.length);
	t.deepEqual(filterWords('  User  NAMESPACE '), ['user', 'namespace']);
});

test('the filter input: open, type, delete, keep, clear', t => {
	let state = filterReducer(noFilter, {type: 'type', text: 'a'});
	t.is(state, noFilter, 'nothing is typed while it is closed');
	state = filterReducer(state, {type: 'filter'});
	t.true(state.open);
	t.true(filterShown(state));
	for (const text of 'audt') {
		state = filterReducer(state, {type: 'type', text});
	}

	state = filterReducer(state, {type: 'delete-char'});
	t.is(state.text, 'aud');
	state = filterReducer(state, {type: 'filter-keep'});
	t.deepEqual(state, {text: 'aud', open: false});
	t.true(filterShown(state));
	t.deepEqual(filterReducer(filterReducer(state, {type: 'filter'}), {type: 'filter-clear'}), noFilter);
	t.deepEqual(filterReducer({text: '  ', open: true}, {type: 'filter-keep'}), noFilter, 'a blank filter is no filter');
	t.false(filterShown(noFilter));
});

const ran = fakeContext({results: initialResults()});

function typed(state: ChecksState, text: string): ChecksState {
	return [...text].reduce((current, character) => checksReducer(current, {type: 'type', text: character}, ran).state, state);
}

test('the checks list narrows as the filter is typed, selecting the first match when the selected one is gone', t => {
	let state: ChecksState = checksReducer({...initialChecksState('1'), cursor: 0, selectedId: '1.1.1'}, {type: 'filter'}, ran).state;
	state = typed(state, 'audit');
	t.deepEqual(visibleChecks(state, ran).map(check => check.id), ['1.1.3', '1.1.4', '1.1.5', '1.1.6']);
	t.is(state.selectedId, '1.1.3');
	state = checksReducer(state, {type: 'down'}, ran).state;
	t.is(state.selectedId, '1.1.4');
	state = typed(state, 'x');
	t.deepEqual(visibleChecks(state, ran), []);
	t.is(state.selectedId, '1.1.4', 'kept while nothing matches');
	state = checksReducer(state, {type: 'filter-clear'}, ran).state;
	t.is(state.selectedId, '1.1.4');
	t.is(visibleChecks(state, ran).length, 5);
});

test('esc in a section list clears a kept filter first, then goes back', t => {
	let state = typed(checksReducer(initialChecksState('1'), {type: 'filter'}, ran).state, 'audit');
	state = checksReducer(state, {type: 'filter-keep'}, ran).state;
	const cleared = checksReducer(state, {type: 'back'}, ran);
	t.deepEqual(cleared.state.filter, noFilter);
	t.regex((cleared.requests[0] as {text: string}).text, /Filter cleared/);
	t.deepEqual(checksReducer(cleared.state, {type: 'back'}, ran).requests, [{type: 'back'}]);
});

test('the search of every check: / on the sections opens it; esc in its input goes back; s runs the matches', t => {
	t.deepEqual(sectionsReducer(initialSectionsState, {type: 'filter'}, ran).requests, [{type: 'open-search'}]);
	let state = initialSearchState();
	t.true(state.filter.open);
	t.is(visibleChecks(state, ran).length, ran.checks.length);
	state = typed(state, 'namespace');
	t.deepEqual(visibleChecks(state, ran).map(check => check.id), ['2.9']);
	t.deepEqual(checksReducer(state, {type: 'filter-clear'}, ran).requests, [{type: 'back'}]);
	state = checksReducer(state, {type: 'filter-keep'}, ran).state;
	t.deepEqual(checksReducer(state, {type: 'run-section'}, ran).requests, [{type: 'run', ids: ['2.9']}]);
	t.deepEqual(checksReducer(state, {type: 'back'}, ran).requests, [{type: 'back'}], 'esc on the search list goes back at once');
	t.deepEqual(checksReducer(state, {type: 'open'}, ran).requests, [{type: 'open-check', id: '2.9'}]);
});
