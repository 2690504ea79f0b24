import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {sectionLabel} from '../transition.js';
import {detailReducer, type DetailAction, type DetailState} from './state.js';
import DetailView from './view.js';

/** A check's detail: its result and evidence, rationale, impact and remediation. */
export const detailScreen = defineScreen<DetailState, DetailAction>({
	title: 'Check detail',
	keys: [...moveActions, 'run-selected', 'fix', 'waive', 'prove', 'back'],
	onKey: detailReducer,
	header: (state, context) => [sectionLabel(context, state.checkId), state.checkId].join(' › '),
	busy(state) {
		if (state.proving) {
			return 'proving…';
		}

		return state.planning ? `planning the fix of ${state.checkId}` : undefined;
	},
	View: DetailView,
});
