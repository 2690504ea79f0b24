import {refusalLines} from '../journal/journal-lines.js';
import {isMove, moveScroll, type MoveAction} from '../../parts/list-moves.js';
import {clamp, maxOffset} from '../../parts/scroll.js';
import type {JournalSummary} from '../../services.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';

/** A refused undo: the entry, why it was refused and the details (the difference of a file changed since), scrolled. */
export type UndoRefusedState = {
	readonly entry: JournalSummary;
	readonly reason: string;
	readonly details: readonly string[];
	readonly scroll: number;
	/** The forced undo is being planned. */
	readonly planning: boolean;
};

/** What the operator can do on a refused undo. */
export type UndoRefusedKeyAction = MoveAction | {readonly type: 'force-undo' | 'back'};

/** What can happen on a refused undo: keys, the forced undo starting or finishing, or being refused in turn. */
export type UndoRefusedAction =
	| UndoRefusedKeyAction
	| {readonly type: 'planning' | 'planned'}
	| {readonly type: 'refused'; readonly reason: string; readonly details: readonly string[]};

/** The refused undo of an entry. */
export function initialUndoRefusedState(entry: JournalSummary, reason: string, details: readonly string[] = []): UndoRefusedState {
	return {entry, reason, details, scroll: 0, planning: false};
}

function lineCount(state: UndoRefusedState, context: ScreenContext): number {
	return refusalLines(state.entry, state.reason, state.details, context.width).length;
}

/** The scroll offset to draw with, kept within the content at the current width. */
export function undoRefusedScroll(state: UndoRefusedState, context: ScreenContext): number {
	return clamp(state.scroll, 0, maxOffset(lineCount(state, context), context.height));
}

/** The refused undo's reducer: scrolls the difference, and asks for the forced undo (`U`). */
export function undoRefusedReducer(state: UndoRefusedState, action: UndoRefusedAction, context: ScreenContext): Transition<UndoRefusedState> {
	if (isMove(action)) {
		return stay({...state, scroll: moveScroll(undoRefusedScroll(state, context), action, lineCount(state, context), context.height)});
	}

	switch (action.type) {
		case 'force-undo': {
			return state.planning
				? go(state, {type: 'notice', text: `Already planning the undo of ${state.entry.id}…`})
				: go(state, {type: 'plan-undo', entryId: state.entry.id, force: true});
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

		case 'refused': {
			return go(
				{...state, reason: action.reason, details: action.details, scroll: 0, planning: false},
				{type: 'notice', text: `Cannot undo ${state.entry.id}: ${action.reason}`},
			);
		}
	}
}
