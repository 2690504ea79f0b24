import {useInput} from 'ink';
import type {Dispatch} from 'react';
import {keyNames, type InputMode} from '../keys.js';
import type {AppAction} from './app-state.js';

/**
The input hook of every screen: names each key and dispatches it, nothing else; the app reducer maps it to an action
through the key table for the screen that is current when it is handled.
Every key of a chunk (`jj`, two arrows) is dispatched on its own, tagged with the mode it was read in.
*/
export function useScreenInput(mode: InputMode, dispatch: Dispatch<AppAction>, isActive = true): void {
	useInput((input, key) => {
		for (const name of keyNames(input, key)) {
			dispatch({type: 'key', mode, name});
		}
	}, {isActive});
}
