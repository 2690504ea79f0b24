import {isMove, moveScroll, type MoveAction} from '../parts/list-moves.js';

/** The `?` help overlay: whether it is shown and how far it is scrolled. */
export type HelpState = {
	readonly open: boolean;
	readonly scroll: number;
};

/** What can happen to the help overlay. */
export type HelpAction = MoveAction | {readonly type: 'help' | 'back'};

/** The help as the app starts: closed. */
export const initialHelpState: HelpState = {open: false, scroll: 0};

/** The help overlay's reducer: `help` toggles it, `back` closes it, movements scroll its `lines` within `height` rows. */
export function helpReducer(state: HelpState, action: HelpAction, height: number, lines: number): HelpState {
	if (isMove(action)) {
		return {...state, scroll: moveScroll(state.scroll, action, lines, height)};
	}

	switch (action.type) {
		case 'help': {
			return {open: !state.open, scroll: 0};
		}

		case 'back': {
			return {open: false, scroll: 0};
		}
	}
}
