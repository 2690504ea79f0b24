import {moveActions} from '../../parts/list-moves.js';
import {originTrail} from '../fix-origin.js';
import {defineScreen} from '../screen-module.js';
import {resultReducer, type ResultAction, type ResultState} from './state.js';
import ResultView from './view.js';

/** What a fix or undo did, and the checks it re-ran. */
export const resultScreen = defineScreen<ResultState, ResultAction>({
	title: 'Fix result',
	changesHost: true,
	keys: [...moveActions, 'continue'],
	onKey: resultReducer,
	header: (state, context) => originTrail(state.origin, context),
	View: ResultView,
});
