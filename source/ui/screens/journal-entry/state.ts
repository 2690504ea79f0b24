import {entryLines} from '../journal/journal-lines.js';
import {isMove, moveScroll, type MoveAction} from '../../parts/list-moves.js';
import {clamp, maxOffset} from '../../parts/scroll.js';
import type {JournalSummary} from '../../services.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';
import {undoRequest} from '../journal/state.js';

/** The detail of one journal entry: its changes, how far they are scrolled, and whether its undo is being planned. */
export type JournalEntryState = {
	readonly entry: JournalSummary;
	readonly scroll: number;
	readonly planning: boolean;
};

/** What the operator can do on a journal entry's detail. */
export type JournalEntryKeyAction = MoveAction | {readonly type: 'undo' | 'back'};

/** What can happen on a journal entry's detail: keys, and the undo it asked for starting or finishing. */
export type JournalEntryAction = JournalEntryKeyAction | {readonly type: 'planning' | 'planned'};

/** The detail of an entry, as it opens. */
export function initialJournalEntryState(entry: JournalSummary): JournalEntryState {
	return {entry, scroll: 0, planning: false};
}

function lineCount(state: JournalEntryState, context: ScreenContext): number {
	return entryLines(state.entry, context.width, context.readOnly).length;
}

/** The scroll offset to draw with, kept within the content at the current width. */
export function journalEntryScroll(state: JournalEntryState, context: ScreenContext): number {
	return clamp(state.scroll, 0, maxOffset(lineCount(state, context), context.height));
}

/** The journal entry detail's reducer: scrolls, and asks to undo the entry. */
export function journalEntryReducer(state: JournalEntryState, action: JournalEntryAction, context: ScreenContext): Transition<JournalEntryState> {
	if (isMove(action)) {
		return stay({...state, scroll: moveScroll(journalEntryScroll(state, context), action, lineCount(state, context), context.height)});
	}

	switch (action.type) {
		case 'undo': {
			return go(state, undoRequest(state.entry, state.planning));
		}

		case 'back': {
			return go(state, {type: 'back'});
		}

		case 'planning': {
			return stay({...state, planning: true});
		}

		case 'planned': {
			return stay({...state, planning: false});
		}
	}
}
