import {actionFor, helpLines, readOnlyRefusedAction, type KeyAction} from '../keys.js';
import {moveActions} from '../parts/list-moves.js';
import {applyingReducer} from '../screens/applying/state.js';
import type {ScreenKeyAction} from '../screens/screen-module.js';
import {applyFinished, batchPlanned, journalLoaded, planReady, proved, undoPlanned, waiverAnswered} from './answers.js';
import {currentScreen, inputMode, type AppAction, type AppState} from './app-state.js';
import {helpReducer, type HelpAction} from './help-state.js';
import {bodyHeight, screenContext} from './layout.js';
import {moduleOf} from './registry.js';
import {readOnlyNotice, settle} from './requests.js';
import {recordStatus} from './session-recording.js';
import {exit, replaceTop, withoutRun} from './stack.js';

function accepts<A extends {readonly type: string}>(types: ReadonlyArray<A['type']>, action: {readonly type: string}): action is A {
	return (types as readonly string[]).includes(action.type);
}

const helpTypes: ReadonlyArray<HelpAction['type']> = [...moveActions, 'help', 'back'];

/** Hands a key's action to the shown screen's module, when its reducer takes it. */
function screenKey(state: AppState, action: ScreenKeyAction): AppState {
	const screen = currentScreen(state);
	const {keys, onKey} = moduleOf(screen);
	return onKey && keys.includes(action.type) ? settle(state, onKey(screen.state, action, screenContext(state))) : state;
}

/** The character a key name types into a text input (`space` is a space), or undefined for a key that types nothing. */
function typedText(name: string): string | undefined {
	const text = name === 'space' ? ' ' : name;
	return [...text].length === 1 ? text : undefined;
}

function key(state: AppState, action: KeyAction, name: string): AppState {
	const applying = currentScreen(state).name === 'applying';
	switch (action) {
		case 'interrupt': {
			if (!applying || state.quitAfterApply) {
				return exit(state, 130);
			}

			return {...state, quitAfterApply: true, notice: 'Quitting once the fix has finished. Ctrl+C again quits now and may leave it half-done.'};
		}

		case 'quit': {
			return applying ? {...state, notice: 'A fix is being applied: wait for it to finish, then quit.'} : exit(state, 0);
		}

		case 'type': {
			const text = typedText(name);
			return text === undefined ? state : screenKey(state, {type: 'type', text});
		}

		default: {
			if (state.help.open || action === 'help') {
				const helpAction = {type: action};
				return accepts<HelpAction>(helpTypes, helpAction) ? {...state, help: helpReducer(state.help, helpAction, bodyHeight(state.rows, state.columns), helpLines(state.readOnly, state.fleet).length)} : state;
			}

			return screenKey(state, {type: action});
		}
	}
}


/** The app's reducer: routes keys to the shown screen's reducer, carries out what screens ask, and records what the world answers. */
export function appReducer(state: AppState, action: AppAction): AppState {
	if (state.exitCode !== undefined && action.type !== 'effects-started') {
		return state;
	}

	switch (action.type) {
		case 'key': {
			// Keys are read against the screen that is current when they are handled, so keys typed ahead (a paste, key
			// repeat, a slow link) act in order and none is lost. One exception: the fix confirm only takes keys typed
			// while it was on screen, so nothing typed before the plan was shown can answer it.
			const mode = inputMode(state);
			if (mode === 'confirm' && action.mode !== 'confirm') {
				return state;
			}

			if (state.readOnly && readOnlyRefusedAction(mode, action.name) !== undefined) {
				return {...state, notice: readOnlyNotice};
			}

			const mapped = actionFor(mode, action.name, state.readOnly, state.fleet);
			return mapped === undefined ? state : key({...state, notice: undefined}, mapped, action.name);
		}

		case 'resize': {
			return action.columns === state.columns && action.rows === state.rows ? state : {...state, columns: action.columns, rows: action.rows};
		}

		case 'effects-started': {
			return {...state, effects: state.effects.filter(effect => effect.seq > action.seq)};
		}

		case 'docker-unreachable': {
			return {...state, demoOffered: action.canOpenDemo};
		}

		case 'demo-failed': {
			return {...state, notice: `the demo sandbox could not be opened: ${action.reason}`};
		}

		case 'result': {
			const run = state.runs[action.runId];
			if (!run) {
				return state;
			}

			const {id} = action.result;
			const runs = {...state.runs, [action.runId]: {...run, done: Math.min(run.total, run.done + 1)}};
			if (state.pending[id] !== action.runId) {
				return {...state, runs};
			}

			const pending = {...state.pending};
			delete pending[id];
			return {...state, runs, pending, results: {...state.results, [id]: action.result}, record: recordStatus(state.record, action.result)};
		}

		case 'run-finished': {
			const next = withoutRun(state, action.runId);
			return action.error === undefined ? next : {...next, notice: `The run failed: ${action.error}`};
		}

		case 'plan-ready': {
			return planReady(state, action.checkId, action.outcome);
		}

		case 'batch-planned': {
			return batchPlanned(state, action.ids, action.outcome);
		}

		case 'journal-loaded': {
			return journalLoaded(state, action.outcome);
		}

		case 'undo-planned': {
			return undoPlanned(state, action.entryId, action.force, action.outcome);
		}

		case 'apply-step': {
			const top = currentScreen(state);
			return top.name === 'applying'
				? replaceTop(state, {name: 'applying', state: applyingReducer(top.state, {type: 'step', line: action.line})})
				: state;
		}

		case 'apply-finished': {
			return applyFinished(state, action.outcome);
		}

		case 'waiver-answered': {
			return waiverAnswered(state, action.checkId, action.reason, action.expires, action.outcome);
		}

		case 'proved': {
			return proved(state, action.checkId, action.outcome);
		}
	}
}

