import type {Plan} from '../../../model/plan.js';
import {confirmFixedLines, confirmLines} from './confirm-lines.js';
import type {FixOrigin} from '../fix-origin.js';
import {isMove, moveScroll, type MoveAction} from '../../parts/list-moves.js';
import {clamp, maxOffset} from '../../parts/scroll.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';

/** The confirm screen: the plan waiting for a `y`, and how far it is scrolled. */
export type ConfirmState = {
	/** What the plan fixes or undoes. */
	readonly origin: FixOrigin;
	readonly plan: Plan;
	readonly scroll: number;
};

/** What can happen on the confirm screen: scroll, apply (`y` only) or cancel (anything else). */
export type ConfirmAction = MoveAction | {readonly type: 'apply' | 'cancel'};

/** The confirm screen of a freshly planned fix (or undo). */
export function initialConfirmState(origin: FixOrigin, plan: Plan): ConfirmState {
	return {origin, plan, scroll: 0};
}

/** Lines of plan the confirm screen can show at once. */
export function confirmViewport(context: ScreenContext): number {
	return Math.max(1, context.height - confirmFixedLines);
}

/** The scroll offset to draw with, kept within the plan at the current width. */
export function confirmScroll(state: ConfirmState, context: ScreenContext): number {
	return clamp(state.scroll, 0, maxOffset(confirmLines(state.plan, context.width).length, confirmViewport(context)));
}

/** The confirm screen's reducer. Only `apply` applies; `cancel` goes back having written nothing. */
export function confirmReducer(state: ConfirmState, action: ConfirmAction, context: ScreenContext): Transition<ConfirmState> {
	if (isMove(action)) {
		const total = confirmLines(state.plan, context.width).length;
		return stay({...state, scroll: moveScroll(confirmScroll(state, context), action, total, confirmViewport(context))});
	}

	switch (action.type) {
		case 'apply': {
			return go(state, {type: 'apply'});
		}

		case 'cancel': {
			return go(state, {type: 'back'}, {type: 'notice', text: 'Cancelled: nothing was written.'});
		}
	}
}
