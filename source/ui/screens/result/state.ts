import type {ApplyOutcome, Plan} from '../../../model/plan.js';
import type {FixOrigin} from '../fix-origin.js';
import {isMove, moveScroll, type MoveAction} from '../../parts/list-moves.js';
import {resultLines} from './result-lines.js';
import {clamp, maxOffset} from '../../parts/scroll.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';

/** The fix result screen: what applying did, and how far it is scrolled. */
export type ResultState = {
	readonly origin: FixOrigin;
	readonly plan: Plan;
	readonly outcome: ApplyOutcome;
	readonly scroll: number;
};

/** What can happen on the result screen: scroll, or continue back to where the fix started. */
export type ResultAction = MoveAction | {readonly type: 'continue'};

/** The result screen of a finished fix. */
export function initialResultState(origin: FixOrigin, plan: Plan, outcome: ApplyOutcome): ResultState {
	return {origin, plan, outcome, scroll: 0};
}

function lineCount(state: ResultState, context: ScreenContext): number {
	return resultLines(state.plan, state.outcome, context.results, context.pending, context.width).length;
}

/** The scroll offset to draw with, kept within the content as it is now. */
export function resultScroll(state: ResultState, context: ScreenContext): number {
	return clamp(state.scroll, 0, maxOffset(lineCount(state, context), context.height));
}

/** The result screen's reducer. */
export function resultReducer(state: ResultState, action: ResultAction, context: ScreenContext): Transition<ResultState> {
	if (isMove(action)) {
		return stay({...state, scroll: moveScroll(resultScroll(state, context), action, lineCount(state, context), context.height)});
	}

	switch (action.type) {
		case 'continue': {
			return go(state, {type: 'back'});
		}
	}
}
