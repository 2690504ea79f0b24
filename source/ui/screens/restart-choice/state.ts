import type {RestartQuestion} from '../../../model/plan.js';
import {isMove, moveListCursor, type MoveAction} from '../../parts/list-moves.js';
import type {FixOrigin} from '../fix-origin.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';
import {restartOptions} from './choices.js';

/** The question of how to restart a dockerd whose launcher is unknown: for which fix or undo, why, and the highlighted answer. */
export type RestartChoiceState = {
	/** The fix, merged fix or undo the answer is for. */
	readonly origin: FixOrigin;
	readonly question: RestartQuestion;
	/** Why the operator is asked (the planner's refusal). */
	readonly reason: string;
	readonly cursor: number;
	/** The plan of the answer is being made. */
	readonly planning: boolean;
	/** Why the plan of the last answer was refused, if it was. */
	readonly refusal?: string;
};

/** What the operator can do on the question. */
export type RestartChoiceKeyAction = MoveAction | {readonly type: 'choose' | 'back'};

/** What can happen on the question: keys, and the plan of an answer starting, or being refused. */
export type RestartChoiceAction =
	| RestartChoiceKeyAction
	| {readonly type: 'planning'}
	| {readonly type: 'refused'; readonly reason: string};

/** The question as it opens: the first choice highlighted (the --restart-command when given, else restarting later). */
export function initialRestartChoiceState(origin: FixOrigin, question: RestartQuestion, reason: string): RestartChoiceState {
	return {origin, question, reason, cursor: 0, planning: false};
}

/**
The question's reducer: moves the highlight; `enter` takes the highlighted choice (its plan is asked for and shown on the
confirm screen, nothing is written before `y`), cancel and `esc` go back having written nothing.
*/
export function restartChoiceReducer(state: RestartChoiceState, action: RestartChoiceAction, context: ScreenContext): Transition<RestartChoiceState> {
	const options = restartOptions(state.question);
	if (isMove(action)) {
		return stay({...state, cursor: moveListCursor(state.cursor, action, options.length, context.height)});
	}

	switch (action.type) {
		case 'choose': {
			const choice = options[state.cursor]?.value ?? 'cancel';
			if (choice === 'cancel') {
				return go(state, {type: 'back'}, {type: 'notice', text: 'Cancelled: nothing was written.'});
			}

			return state.planning
				? go(state, {type: 'notice', text: 'Already planning: the plan is on its way.'})
				: go(state, {type: 'plan-restart', choice});
		}

		case 'back': {
			return go(state, {type: 'back'}, {type: 'notice', text: 'Cancelled: nothing was written.'});
		}

		case 'planning': {
			return stay({...state, planning: true, refusal: undefined});
		}

		case 'refused': {
			return go({...state, planning: false, refusal: action.reason}, {type: 'notice', text: `Cannot plan it: ${action.reason}`});
		}
	}
}
