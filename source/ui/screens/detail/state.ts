import {isAuditWatchCheck} from '../../../benchmark/checks/audit-watch-paths.js';
import type {Result} from '../../../benchmark/types.js';
import {detailLines} from './detail-lines.js';
import {fixRefusal, waiveRefusal} from '../fix-refusal.js';
import {isMove, moveScroll, type MoveAction} from '../../parts/list-moves.js';
import {clamp, maxOffset} from '../../parts/scroll.js';
import {findCheck, go, stay, type ScreenContext, type Transition} from '../transition.js';

/** The detail of one check: how far it is scrolled, and whether its fix is being planned. */
export type DetailState = {
	readonly checkId: string;
	readonly scroll: number;
	readonly planning: boolean;
	/** Why the last fix could not be planned, shown in full in the body until the next attempt or run. */
	readonly refusal?: string;
	/** Proving the audit rule (p) is under way. */
	readonly proving?: boolean;
	/** The last proof's outcome, shown in the body until the next run or proof. */
	readonly proof?: string;
};

/** What can happen on the detail screen. */
export type DetailAction =
	| MoveAction
	| {readonly type: 'run-selected' | 'fix' | 'waive' | 'prove' | 'back'}
	/** The proof this screen asked for has started, or answered with this line; `found` when it made a new event. */
	| {readonly type: 'proving'}
	| {readonly type: 'proved'; readonly line: string; readonly found: boolean}
	/** The fix planning this screen asked for has started, or finished (either way). */
	| {readonly type: 'planning' | 'planned'}
	/** The fix planning was refused, for this reason. */
	| {readonly type: 'refused'; readonly reason: string};

/** The detail of a check, as it opens. */
export function initialDetailState(checkId: string): DetailState {
	return {checkId, scroll: 0, planning: false};
}

/** How many lines the detail of this check has at the body's width. */
export function detailLineCount(state: DetailState, context: ScreenContext): number {
	const check = findCheck(context.checks, state.checkId);
	return check ? detailLines(check, context.results[check.id], context.pending[check.id] !== undefined, context.width, state.refusal, state.proof, context.readOnly).length : 0;
}

/** The scroll offset to draw with: the stored one, kept within the content as it is now (results and width change). */
export function visibleScroll(state: DetailState, context: ScreenContext): number {
	return clamp(state.scroll, 0, maxOffset(detailLineCount(state, context), context.height));
}

/** Why `p` cannot prove this check's audit rule now, or undefined when it can: only a passing audit-rule check can be proved. */
export function proveRefusal(checkId: string, result: Result | undefined, pending: boolean): string | undefined {
	if (!isAuditWatchCheck(checkId)) {
		return `${checkId} is not an audit-rule check: p proves the audit rules of 1.1.3–1.1.18`;
	}

	if (pending) {
		return `${checkId} is running: wait for its result, then prove it`;
	}

	if (result?.status !== 'pass') {
		return `${checkId} is ${result === undefined ? 'not run yet' : result.status.toUpperCase()}: p only works on a passing rule`;
	}

	return undefined;
}

/** The detail screen's reducer: scrolls, and asks to re-run, fix or waive this check. */
export function detailReducer(state: DetailState, action: DetailAction, context: ScreenContext): Transition<DetailState> {
	if (isMove(action)) {
		const total = detailLineCount(state, context);
		return stay({...state, scroll: moveScroll(visibleScroll(state, context), action, total, context.height)});
	}

	switch (action.type) {
		case 'run-selected': {
			return go({...state, refusal: undefined, proof: undefined}, {type: 'run', ids: [state.checkId]});
		}

		case 'fix': {
			if (state.planning) {
				return go(state, {type: 'notice', text: `Already planning the fix of ${state.checkId}…`});
			}

			const refusal = fixRefusal(state.checkId, context.results[state.checkId], context.pending[state.checkId] !== undefined);
			return refusal === undefined ? go(state, {type: 'plan-fix', id: state.checkId}) : go(state, {type: 'notice', text: refusal});
		}

		case 'waive': {
			const refusal = waiveRefusal(state.checkId, context.results[state.checkId], context.pending[state.checkId] !== undefined);
			return refusal === undefined ? go(state, {type: 'open-waiver', id: state.checkId}) : go(state, {type: 'notice', text: refusal});
		}

		case 'prove': {
			if (state.proving) {
				return go(state, {type: 'notice', text: `Already proving the audit rule of ${state.checkId}…`});
			}

			const refusal = proveRefusal(state.checkId, context.results[state.checkId], context.pending[state.checkId] !== undefined);
			return refusal === undefined ? go(state, {type: 'prove-audit', id: state.checkId}) : go(state, {type: 'notice', text: refusal});
		}

		case 'proving': {
			return stay({...state, proving: true, proof: undefined});
		}

		case 'proved': {
			// A new event: run the check again, so that its evidence lists the event among the recent ones.
			const notice = {type: 'notice', text: action.line} as const;
			return go({...state, proving: false, proof: action.line}, ...(action.found ? [notice, {type: 'run', ids: [state.checkId]} as const] : [notice]));
		}

		case 'planning': {
			return stay({...state, planning: true, refusal: undefined});
		}

		case 'planned': {
			return stay({...state, planning: false});
		}

		case 'refused': {
			return go({...state, planning: false, refusal: action.reason}, {type: 'notice', text: `Cannot fix ${state.checkId}: ${action.reason}`});
		}

		case 'back': {
			return go(state, {type: 'back'});
		}
	}
}
