import {appReducer} from '../../source/ui/app/app-reducer.js';
import {inputMode, type AppAction, type AppState} from '../../source/ui/app/app-state.js';
import {keyTable, type InputMode, type KeyAction} from '../../source/ui/keys.js';

/** The first key the key table binds to `action` in `mode` (else in any mode, for a key the mode does not take). */
export function keyFor(mode: InputMode, action: KeyAction): string {
	return (keyTable.find(binding => binding.action === action && binding.modes.includes(mode)) ?? keyTable.find(binding => binding.action === action))!.keys[0]!;
}

/** The app's state after the keys of these actions, each pressed in the input mode of the moment. */
export function keys(state: AppState, ...actions: KeyAction[]): AppState {
	return actions.reduce((current, action) => appReducer(current, {type: 'key', mode: inputMode(current), name: keyFor(inputMode(current), action)}), state);
}

/** The app's state after these actions, in order. */
export function dispatch(state: AppState, ...actions: AppAction[]): AppState {
	return actions.reduce(appReducer, state);
}
