import {clamp, moveCursor, pageStep} from './scroll.js';

/** The list and text movements every scrolling screen shares. */
export type MoveAction = {readonly type: 'up' | 'down' | 'page-up' | 'page-down' | 'top' | 'bottom'};

/** The movement actions' names. */
export const moveActions: ReadonlyArray<MoveAction['type']> = ['up', 'down', 'page-up', 'page-down', 'top', 'bottom'];

/** Whether an action is a movement. */
export function isMove(action: {readonly type: string}): action is MoveAction {
	return (moveActions as readonly string[]).includes(action.type);
}

function delta(action: MoveAction, total: number, height: number): number {
	switch (action.type) {
		case 'up': {
			return -1;
		}

		case 'down': {
			return 1;
		}

		case 'page-up': {
			return -pageStep(height);
		}

		case 'page-down': {
			return pageStep(height);
		}

		case 'top': {
			return -total;
		}

		case 'bottom': {
			return total;
		}
	}
}

/** A list cursor after a movement. */
export function moveListCursor(cursor: number, action: MoveAction, total: number, height: number): number {
	return moveCursor(cursor, delta(action, total, height), total);
}

/** A text scroll offset after a movement; `total` lines shown `height` at a time. */
export function moveScroll(offset: number, action: MoveAction, total: number, height: number): number {
	return clamp(offset + delta(action, total, height), 0, total - height);
}
