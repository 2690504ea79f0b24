import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {undoRefusedReducer, type UndoRefusedAction, type UndoRefusedState} from './state.js';
import UndoRefusedView from './view.js';

/** An undo that was refused, with why and the difference since the fix; `U` undoes it anyway. */
export const undoRefusedScreen = defineScreen<UndoRefusedState, UndoRefusedAction>({
	title: 'Undo refused',
	changesHost: true,
	keys: [...moveActions, 'force-undo', 'back'],
	onKey: undoRefusedReducer,
	header: state => ['Journal', state.entry.id, 'undo refused'].join(' › '),
	busy: state => state.planning ? `planning the undo of ${state.entry.id}` : undefined,
	undo: {
		planning: (state, entryId, context) => state.entry.id === entryId ? undoRefusedReducer(state, {type: 'planning'}, context).state : undefined,
		plannedEntry: (state, entryId) => state.planning && state.entry.id === entryId ? state.entry : undefined,
		planned: (state, context) => undoRefusedReducer(state, {type: 'planned'}, context).state,
		refused: (state, reason, details, context) => undoRefusedReducer(state, {type: 'refused', reason, details}, context),
	},
	View: UndoRefusedView,
});
