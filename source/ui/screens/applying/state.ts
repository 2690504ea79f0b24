import type {Plan} from '../../../model/plan.js';
import type {FixOrigin} from '../fix-origin.js';

/** The applying screen: the plan being applied and the steps reported so far. */
export type ApplyingState = {
	readonly origin: FixOrigin;
	readonly plan: Plan;
	readonly steps: readonly string[];
};

/** What can happen while a fix is applied: a step is reported. Keys do nothing here but help and the refusal to quit. */
export type ApplyingAction = {readonly type: 'step'; readonly line: string};

/** The applying screen as the fix starts. */
export function initialApplyingState(origin: FixOrigin, plan: Plan): ApplyingState {
	return {origin, plan, steps: []};
}

/** The applying screen's reducer: records each step as the engine reports it. */
export function applyingReducer(state: ApplyingState, action: ApplyingAction): ApplyingState {
	switch (action.type) {
		case 'step': {
			return {...state, steps: [...state.steps, action.line]};
		}
	}
}
