import type {Check, SectionId} from '../../../benchmark/types.js';
import {matchesFilter} from './check-filter.js';
import {fixRefusal, selectRefusal, waiveRefusal} from '../fix-refusal.js';
import {isMove, moveListCursor, type MoveAction} from '../../parts/list-moves.js';
import {go, sectionCheckIds, stay, type ScreenContext, type Transition} from '../transition.js';
import {filterReducer, filterShown, noFilter, type FilterAction, type FilterState} from './filter-state.js';

/**
A list of checks: those of one section, or (without a section) the search of every check from the sections screen;
the selected check, the WARN-only and text filters, and the checks selected for one merged fix.
*/
export type ChecksState = {
	/** Undefined for the search of every check. */
	readonly section?: SectionId;
	/** The id and title filter (`/`). */
	readonly filter: FilterState;
	/** Row of the selection in the visible list, used when the selected check is no longer shown. */
	readonly cursor: number;
	/** The selected check, so that the selection survives filtering and streaming results. */
	readonly selectedId?: string;
	readonly warnOnly: boolean;
	/** The checks marked with `space` for one merged fix (`f`), in catalogue order. */
	readonly selection: readonly string[];
	/** The merged fix of the selection is being planned. */
	readonly planning: boolean;
	/** Why the last merged fix could not be planned, shown under the list until the next key that acts. */
	readonly refusal?: string;
};

/** What the operator can do on the checks screen, and in its filter input. */
export type ChecksKeyAction =
	| MoveAction
	| FilterAction
	| {readonly type: 'open' | 'run-selected' | 'run-section' | 'run-all' | 'warn-only' | 'fix' | 'waive' | 'select' | 'clear-selection' | 'journal' | 'back'};

/** What can happen on the checks screen: keys, and the answers to the merged fix it asked for. */
export type ChecksAction =
	| ChecksKeyAction
	/** The merged fix this screen asked for has started, or finished (either way); `applied` once it has been applied. */
	| {readonly type: 'planning' | 'planned' | 'applied'}
	/** The merged fix was refused, for this reason. */
	| {readonly type: 'refused'; readonly reason: string};

/** The checks screen of a section, as it opens. */
export function initialChecksState(section: SectionId): ChecksState {
	return {section, filter: noFilter, cursor: 0, warnOnly: false, selection: [], planning: false};
}

/** The search of every check, as `/` on the sections screen opens it: every check listed, the filter input open. */
export function initialSearchState(): ChecksState {
	return {filter: {text: '', open: true}, cursor: 0, warnOnly: false, selection: [], planning: false};
}

/** The checks of the screen's scope (its section, or every check for a search), before the WARN-only and text filters. */
export function scopeChecks(state: ChecksState, context: ScreenContext): Check[] {
	return state.section === undefined ? [...context.checks] : context.checks.filter(check => check.section === state.section);
}

/** The checks the screen lists: its scope, narrowed to the WARNs (`w`) and to the checks matching the filter (`/`). */
export function visibleChecks(state: ChecksState, context: ScreenContext): Check[] {
	return scopeChecks(state, context).filter(check => (!state.warnOnly || context.results[check.id]?.status === 'warn')
		&& matchesFilter(check, state.filter.text, context.results[check.id]));
}

/** The row of the selection in the visible list (0 when the list is empty). */
export function selectedRow(state: ChecksState, visible: readonly Check[]): number {
	const row = visible.findIndex(check => check.id === state.selectedId);
	return row === -1 ? Math.min(state.cursor, Math.max(0, visible.length - 1)) : row;
}

function select(state: ChecksState, row: number, visible: readonly Check[]): ChecksState {
	return {...state, cursor: row, selectedId: visible[row]?.id};
}

/** The selection toggled for one check, kept in catalogue order. */
function toggled(selection: readonly string[], id: string, context: ScreenContext): string[] {
	const next = new Set(selection);
	if (next.has(id)) {
		next.delete(id);
	} else {
		next.add(id);
	}

	return context.checks.map(check => check.id).filter(candidate => next.has(candidate));
}

function toggle(state: ChecksState, check: Check | undefined, context: ScreenContext): Transition<ChecksState> {
	if (!check) {
		return stay(state);
	}

	if (!state.selection.includes(check.id)) {
		const refusal = selectRefusal(check.id, context.results[check.id], context.pending[check.id] !== undefined);
		if (refusal !== undefined) {
			return go(state, {type: 'notice', text: refusal});
		}
	}

	return stay({...state, selection: toggled(state.selection, check.id, context)});
}

/** `f` with a selection: one merged fix of every selected check, once each of them can be fixed. */
function fixSelection(state: ChecksState, context: ScreenContext): Transition<ChecksState> {
	if (state.planning) {
		return go(state, {type: 'notice', text: `Already planning the fix of ${state.selection.join(', ')}…`});
	}

	for (const id of state.selection) {
		const refusal = fixRefusal(id, context.results[id], context.pending[id] !== undefined);
		if (refusal !== undefined) {
			return go(state, {type: 'notice', text: refusal});
		}
	}

	return go(state, {type: 'plan-batch', ids: state.selection});
}

/**
The list after its filter changed: the selected check stays selected while it is listed, else the first match is; when
nothing matches, the selection is kept for when the filter is cleared.
*/
function refilter(state: ChecksState, filter: FilterState, context: ScreenContext): ChecksState {
	const next = {...state, filter};
	const visible = visibleChecks(next, context);
	if (visible.length === 0) {
		return next;
	}

	const kept = visible.findIndex(check => check.id === state.selectedId);
	return select(next, kept === -1 ? 0 : kept, visible);
}

/** The checks screen's reducer: moves, filters, selects, opens, and asks to run, fix or waive. */
export function checksReducer(state: ChecksState, action: ChecksAction, context: ScreenContext): Transition<ChecksState> {
	const visible = visibleChecks(state, context);
	const row = selectedRow(state, visible);
	const check = visible[row];
	if (isMove(action)) {
		return stay(select(state, moveListCursor(row, action, visible.length, context.height), visible));
	}

	switch (action.type) {
		case 'planning': {
			return stay({...state, planning: true, refusal: undefined});
		}

		case 'planned': {
			return stay({...state, planning: false});
		}

		case 'applied': {
			return stay({...state, selection: []});
		}

		case 'refused': {
			return go({...state, planning: false, refusal: action.reason}, {type: 'notice', text: `Cannot fix ${state.selection.join(', ')} together: ${action.reason}`});
		}

		case 'filter':
		case 'type':
		case 'delete-char':
		case 'filter-keep': {
			return stay(refilter(state, filterReducer(state.filter, action), context));
		}

		case 'filter-clear': {
			const cleared = refilter(state, filterReducer(state.filter, action), context);
			return state.section === undefined ? go(cleared, {type: 'back'}) : stay(cleared);
		}

		default: {
			return keyAction({...state, refusal: undefined}, action, context, check, row, visible);
		}
	}
}

function keyAction(state: ChecksState, action: Exclude<ChecksKeyAction, MoveAction | FilterAction>, context: ScreenContext, check: Check | undefined, row: number, visible: readonly Check[]): Transition<ChecksState> {
	switch (action.type) {
		case 'open': {
			return check ? go(select(state, row, visible), {type: 'open-check', id: check.id}) : stay(state);
		}

		case 'run-selected': {
			return check ? go(select(state, row, visible), {type: 'run', ids: [check.id]}) : stay(state);
		}

		case 'run-section': {
			return go(state, {type: 'run', ids: state.section === undefined ? visible.map(listed => listed.id) : sectionCheckIds(context.checks, state.section)});
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

		case 'select': {
			return toggle(select(state, row, visible), check, context);
		}

		case 'clear-selection': {
			return state.selection.length === 0
				? go(state, {type: 'notice', text: 'Nothing is selected: space selects a fixable WARN.'})
				: go({...state, selection: []}, {type: 'notice', text: `Selection cleared (${state.selection.length}).`});
		}

		case 'fix': {
			if (state.selection.length > 0) {
				return fixSelection(state, context);
			}

			if (!check) {
				return stay(state);
			}

			const refusal = fixRefusal(check.id, context.results[check.id], context.pending[check.id] !== undefined);
			return refusal === undefined
				? go(select(state, row, visible), {type: 'open-check', id: check.id}, {type: 'plan-fix', id: check.id})
				: go(state, {type: 'notice', text: refusal});
		}

		case 'waive': {
			if (!check) {
				return stay(state);
			}

			const refusal = waiveRefusal(check.id, context.results[check.id], context.pending[check.id] !== undefined);
			return refusal === undefined
				? go(select(state, row, visible), {type: 'open-waiver', id: check.id})
				: go(state, {type: 'notice', text: refusal});
		}

		case 'journal': {
			return go(state, {type: 'open-journal'});
		}

		case 'back': {
			if (state.section !== undefined && filterShown(state.filter)) {
				return go(refilter(state, noFilter, context), {type: 'notice', text: 'Filter cleared: every check of the section is listed.'});
			}

			return go(state, {type: 'back'});
		}
	}
}

/** What the status line says about the selection, or undefined when nothing is selected. */
export function selectionText(state: ChecksState): string | undefined {
	const count = state.selection.length;
	return count === 0 ? undefined : `${count} selected (f fix${count === 1 ? '' : ' as one'}, c clear)`;
}
