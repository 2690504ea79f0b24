import {shortTime} from './journal-lines.js';
import {isMove, moveListCursor, type MoveAction} from '../../parts/list-moves.js';
import type {JournalSummary} from '../../services.js';
import {go, stay, type Request, type ScreenContext, type Transition} from '../transition.js';

/** The journal screen: the entries as last loaded (newest first), the selected one, and the undo being planned. */
export type JournalState = {
	/** Undefined until the journal has been read once. */
	readonly entries?: readonly JournalSummary[];
	/** The journal is being read (again). */
	readonly loading: boolean;
	/** Why the journal could not be read. */
	readonly error?: string;
	/** Row of the selection, used when the selected entry is no longer listed. */
	readonly cursor: number;
	/** The selected entry, so that the selection survives a reload. */
	readonly selectedId?: string;
	/** The entry whose undo is being planned. */
	readonly planning?: string;
};

/** What the operator can do on the journal screen. */
export type JournalKeyAction = MoveAction | {readonly type: 'open' | 'undo' | 'back'};

/** What can happen on the journal screen: keys, the journal being read, and the undo it asked for. */
export type JournalAction =
	| JournalKeyAction
	| {readonly type: 'loading'}
	| {readonly type: 'loaded'; readonly entries: readonly JournalSummary[]}
	| {readonly type: 'load-failed'; readonly error: string}
	| {readonly type: 'planning'; readonly entryId: string}
	| {readonly type: 'planned'};

/** The journal screen as it opens: reading the journal. */
export const initialJournalState: JournalState = {loading: true, cursor: 0};

/** The row of the selection (0 when the journal is empty). */
export function journalRow(state: JournalState): number {
	const entries = state.entries ?? [];
	const row = entries.findIndex(entry => entry.id === state.selectedId);
	return row === -1 ? Math.min(state.cursor, Math.max(0, entries.length - 1)) : row;
}

/** The selected entry, if any. */
export function selectedEntry(state: JournalState): JournalSummary | undefined {
	return state.entries?.[journalRow(state)];
}

/**
What `u` asks for on an entry: its undo, or a notice when it was undone already or its undo is being planned.
Shared by the journal and the entry's detail.
*/
export function undoRequest(entry: JournalSummary, planning: boolean): Request {
	if (entry.undoneAt !== undefined) {
		return {type: 'notice', text: `This fix was undone on ${shortTime(entry.undoneAt)}: there is nothing to undo.`};
	}

	if (planning) {
		return {type: 'notice', text: `Already planning the undo of ${entry.id}…`};
	}

	return {type: 'plan-undo', entryId: entry.id, force: false};
}

function select(state: JournalState, row: number): JournalState {
	return {...state, cursor: row, selectedId: state.entries?.[row]?.id};
}

/** The journal screen's reducer: moves, opens an entry, asks to undo one, and records the journal as it is read. */
export function journalReducer(state: JournalState, action: JournalAction, context: ScreenContext): Transition<JournalState> {
	const entries = state.entries ?? [];
	const row = journalRow(state);
	const entry = entries[row];
	if (isMove(action)) {
		return stay(select(state, moveListCursor(row, action, entries.length, context.height)));
	}

	switch (action.type) {
		case 'open': {
			return entry ? go(select(state, row), {type: 'open-entry', id: entry.id}) : stay(state);
		}

		case 'undo': {
			if (!entry) {
				return go(state, {type: 'notice', text: state.loading ? 'The journal is being read…' : 'The journal is empty: there is nothing to undo.'});
			}

			return go(select(state, row), undoRequest(entry, state.planning !== undefined));
		}

		case 'back': {
			return go(state, {type: 'back'});
		}

		case 'loading': {
			return stay({...state, loading: true});
		}

		case 'loaded': {
			const next: JournalState = {...state, entries: action.entries, loading: false, error: undefined};
			return stay(select(next, journalRow(next)));
		}

		case 'load-failed': {
			return go({...state, loading: false, error: action.error}, {type: 'notice', text: `Cannot read the journal: ${action.error}`});
		}

		case 'planning': {
			return stay({...state, planning: action.entryId});
		}

		case 'planned': {
			return stay({...state, planning: undefined});
		}
	}
}
