import type {Plan} from '../../model/plan.js';
import type {FixOrigin} from '../screens/fix-origin.js';
import {initialConfirmState} from '../screens/confirm/state.js';
import {journalReducer} from '../screens/journal/state.js';
import type {AppState, NewEffect, Screen} from './app-state.js';
import {initialHelpState} from './help-state.js';
import {screenContext} from './layout.js';

/** The stack with its top screen replaced. */
export function replaceTop(state: AppState, screen: Screen): AppState {
	return {...state, stack: [...state.stack.slice(0, -1), screen]};
}

/** The stack with the screen at `index` replaced. */
export function replaceAt(state: AppState, index: number, screen: Screen): AppState {
	return {...state, stack: state.stack.map((current, at) => at === index ? screen : current)};
}

/** The stack with `screen` shown on top. */
export function push(state: AppState, screen: Screen): AppState {
	return {...state, stack: [...state.stack, screen]};
}

/** Shows a confirm screen, closing the help so that the plan is what the operator sees. */
export function pushConfirm(state: AppState, origin: FixOrigin, plan: Plan): AppState {
	return {...push(state, {name: 'confirm', state: initialConfirmState(origin, plan)}), help: initialHelpState};
}

/** Queues work for the outside world, numbered so that it starts exactly once. */
export function enqueue(state: AppState, effect: NewEffect): AppState {
	return {...state, effects: [...state.effects, {...effect, seq: state.nextSeq}], nextSeq: state.nextSeq + 1};
}

/** Quits with `code`: nothing happens after it. */
export function exit(state: AppState, code: number): AppState {
	return {...enqueue(state, {type: 'exit', code}), exitCode: code};
}

/** Where the topmost screen called `name` is on the stack, or -1. */
export function lastIndexOf(state: AppState, name: Screen['name']): number {
	return state.stack.findLastIndex(screen => screen.name === name);
}

/** Runs the checks that are not already waiting for a result; the others are said to be on their way. */
export function startRun(state: AppState, ids: readonly string[]): AppState {
	const fresh = [...new Set(ids)].filter(id => state.pending[id] === undefined);
	if (fresh.length === 0) {
		return {...state, notice: ids.length === 0 ? 'Nothing to run here.' : 'Already running: the results are on their way.'};
	}

	const runId = state.nextRunId;
	const results = {...state.results};
	const pending = {...state.pending};
	for (const id of fresh) {
		delete results[id];
		pending[id] = runId;
	}

	return enqueue({
		...state,
		results,
		pending,
		runs: {...state.runs, [runId]: {total: fresh.length, done: 0}},
		nextRunId: runId + 1,
	}, {type: 'run', runId, ids: fresh});
}

/** Reads the journal (again) into the journal screen at `index`. */
export function loadJournal(state: AppState, index: number): AppState {
	const screen = state.stack[index];
	if (screen?.name !== 'journal') {
		return state;
	}

	const loading = journalReducer(screen.state, {type: 'loading'}, screenContext(state)).state;
	return enqueue(replaceAt(state, index, {name: 'journal', state: loading}), {type: 'load-journal'});
}

/** Forgets a finished run and the results it still owed. */
export function withoutRun(state: AppState, runId: number): AppState {
	const runs = {...state.runs};
	delete runs[runId];
	const pending = Object.fromEntries(Object.entries(state.pending).filter(([, owner]) => owner !== runId));
	return {...state, runs, pending};
}
