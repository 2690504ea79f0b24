import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {journalReducer, type JournalAction, type JournalState} from './state.js';
import JournalView from './view.js';

/** The journal of applied fixes, newest first. */
export const journalScreen = defineScreen<JournalState, JournalAction>({
	title: 'Journal',
	keys: [...moveActions, 'open', 'undo', 'back'],
	onKey: journalReducer,
	header(state) {
		const count = state.entries?.length;
		return count === undefined ? 'Journal of applied fixes' : `Journal of applied fixes: ${count} ${count === 1 ? 'entry' : 'entries'}, newest first`;
	},
	busy(state) {
		const parts = [
			...(state.planning === undefined ? [] : [`planning the undo of ${state.planning}`]),
			...(state.loading ? ['reading the journal'] : []),
		];
		return parts.length > 0 ? parts.join(' · ') : undefined;
	},
	undo: {
		planning: (state, entryId, context) => journalReducer(state, {type: 'planning', entryId}, context).state,
		plannedEntry: (state, entryId) => state.planning === entryId ? state.entries?.find(entry => entry.id === entryId) : undefined,
		planned: (state, context) => journalReducer(state, {type: 'planned'}, context).state,
	},
	View: JournalView,
});
