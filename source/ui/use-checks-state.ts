import type {Check, SectionId} from '../benchmark/types.js';
import {fixRefusal} from './fix-refusal.js';
import {isMove, moveListCursor, type MoveAction} from './list-moves.js';
import {go, sectionCheckIds, stay, type ScreenContext, type Transition} from './transition.js';

/** The checks of one section: the selected check and the WARN-only filter. */
export type ChecksState = {
	readonly section: SectionId;
	/** Row of the selection in the visible list, used when the selected check is no longer shown. */
	readonly cursor: number;
	/** The selected check, so that the selection survives filtering and streaming results. */
	readonly selectedId?: string;
	readonly warnOnly: boolean;
};

/** What can happen on the checks screen. */
export type ChecksAction = MoveAction | {readonly type: 'open' | 'run-selected' | 'run-section' | 'run-all' | 'warn-only' | 'fix' | 'back'};

/** The checks screen of a section, as it opens. */
export function initialChecksState(section: SectionId): ChecksState {
	return {section, cursor: 0, warnOnly: false};
}

/** The checks the screen lists: the section's, or only its WARNs. */
export function visibleChecks(state: ChecksState, context: ScreenContext): Check[] {
	return context.checks.filter(check => check.section === state.section
		&& (!state.warnOnly || context.results[check.id]?.status === 'warn'));
}

/** The row of the selection in the visible list (0 when the list is empty). */
export function selectedRow(state: ChecksState, visible: readonly Check[]): number {
	const row = visible.findIndex(check => check.id === state.selectedId);
	return row === -1 ? Math.min(state.cursor, Math.max(0, visible.length - 1)) : row;
}

function select(state: ChecksState, row: number, visible: readonly Check[]): ChecksState {
	return {...state, cursor: row, selectedId: visible[row]?.id};
}

/** The checks screen's reducer: moves, filters, opens, and asks to run or fix. */
export function checksReducer(state: ChecksState, action: ChecksAction, context: ScreenContext): Transition<ChecksState> {
	const visible = visibleChecks(state, context);
	const row = selectedRow(state, visible);
	const check = visible[row];
	if (isMove(action)) {
		return stay(select(state, moveListCursor(row, action, visible.length, context.height), visible));
	}

	switch (action.type) {
		case 'open': {
			return check ? go(select(state, row, visible), {type: 'open-check', id: check.id}) : stay(state);
		}

		case 'run-selected': {
			return check ? go(select(state, row, visible), {type: 'run', ids: [check.id]}) : stay(state);
		}

		case 'run-section': {
			return go(state, {type: 'run', ids: sectionCheckIds(context.checks, state.section)});
		}

		case 'run-all': {
			return go(state, {type: 'run', ids: context.checks.map(check => check.id)});
		}

		case 'warn-only': {
			const next = {...state, warnOnly: !state.warnOnly};
			const nextVisible = visibleChecks(next, context);
			return go(select(next, selectedRow(next, nextVisible), nextVisible), {
				type: 'notice',
				text: next.warnOnly ? `Showing only WARN (${nextVisible.length}): w shows all` : 'Showing every check',
			});
		}

		case 'fix': {
			if (!check) {
				return stay(state);
			}

			const refusal = fixRefusal(check.id, context.results[check.id], context.pending[check.id] !== undefined);
			return refusal === undefined
				? go(select(state, row, visible), {type: 'open-check', id: check.id}, {type: 'plan-fix', id: check.id})
				: go(state, {type: 'notice', text: refusal});
		}

		case 'back': {
			return go(state, {type: 'back'});
		}
	}
}
