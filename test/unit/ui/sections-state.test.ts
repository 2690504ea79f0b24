import test from 'ava';
import {initialSectionsState, sectionsReducer} from '../../../source/ui/screens/sections/state.js';
import {fakeContext} from '../../helpers/fake-services.js';

const context = fakeContext({height: 3});

test('moves stay within the seven sections', t => {
	let state = initialSectionsState;
	state = sectionsReducer(state, {type: 'up'}, context).state;
	t.is(state.cursor, 0);
	state = sectionsReducer(state, {type: 'down'}, context).state;
	state = sectionsReducer(state, {type: 'down'}, context).state;
	t.is(state.cursor, 2);
	state = sectionsReducer(state, {type: 'bottom'}, context).state;
	t.is(state.cursor, 6);
	state = sectionsReducer(state, {type: 'down'}, context).state;
	t.is(state.cursor, 6);
	state = sectionsReducer(state, {type: 'page-up'}, context).state;
	t.is(state.cursor, 4);
	state = sectionsReducer(state, {type: 'top'}, context).state;
	t.is(state.cursor, 0);
	t.deepEqual(sectionsReducer(state, {type: 'page-down'}, context).requests, []);
});

test('enter opens the selected section', t => {
	t.deepEqual(sectionsReducer({cursor: 1}, {type: 'open'}, context).requests, [{type: 'open-section', id: '2'}]);
});

test('r runs the selected section, a runs everything', t => {
	t.deepEqual(sectionsReducer({cursor: 0}, {type: 'run-selected'}, context).requests, [{type: 'run', ids: ['1.1.1', '1.1.3', '1.1.4', '1.1.5', '1.1.6']}]);
	const all = sectionsReducer({cursor: 3}, {type: 'run-all'}, context).requests;
	t.is(all.length, 1);
	t.is(all[0]?.type === 'run' ? all[0].ids.length : 0, 12);
});
