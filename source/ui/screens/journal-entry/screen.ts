import {moveActions} from '../../parts/list-moves.js';
import {defineScreen} from '../screen-module.js';
import {journalEntryReducer, type JournalEntryAction, type JournalEntryState} from './state.js';
import JournalEntryView from './view.js';

/** One journal entry: what the fix changed, where its backups are. */
export const journalEntryScreen = defineScreen<JournalEntryState, JournalEntryAction>({
	title: 'Journal entry',
	keys: [...moveActions, 'undo', 'back'],
	onKey: journalEntryReducer,
	header: state => ['Journal', state.entry.id].join(' › '),
	busy: state => state.planning ? `planning the undo of ${state.entry.id}` : undefined,
	undo: {
		planning: (state, entryId, context) => state.entry.id === entryId ? journalEntryReducer(state, {type: 'planning'}, context).state : undefined,
		plannedEntry: (state, entryId) => state.planning && state.entry.id === entryId ? state.entry : undefined,
		planned: (state, context) => journalEntryReducer(state, {type: 'planned'}, context).state,
	},
	View: JournalEntryView,
});
