import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {actionFor, keyNames, type InputMode} from './keys.js';
import type {AppAction} from './use-app-state.js';

/**
The input hook of every screen: maps each key to the mode's action through the key table and dispatches it, nothing else.
Every key of a chunk (`jj`, two arrows) is dispatched on its own, tagged with the mode it was read in.
*/
export function useScreenInput(mode: InputMode, dispatch: Dispatch<AppAction>, isActive = true): void {
	useInput((input, key) => {
		for (const name of keyNames(input, key)) {
			const action = actionFor(mode, name);
			if (action !== undefined) {
				dispatch({type: 'key', mode, action});
			}
		}
	}, {isActive});
}
