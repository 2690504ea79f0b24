import type {Check, Result, Section} from '../benchmark/types.js';
import type {ApplyOutcome, Plan} from '../fixes/types.js';
import {actionFor, type InputMode, type KeyAction} from './keys.js';
import {moveActions} from './list-moves.js';
import {applyingReducer, initialApplyingState, type ApplyingState} from './use-applying-state.js';
import {checksReducer, initialChecksState, type ChecksAction, type ChecksState} from './use-checks-state.js';
import {confirmReducer, initialConfirmState, type ConfirmAction, type ConfirmState} from './use-confirm-state.js';
import {detailReducer, initialDetailState, type DetailAction, type DetailState} from './use-detail-state.js';
import {helpReducer, initialHelpState, type HelpAction, type HelpState} from './use-help-state.js';
import {initialResultState, resultReducer, type ResultAction, type ResultState} from './use-result-state.js';
import {initialSectionsState, sectionsReducer, type SectionsAction, type SectionsState} from './use-sections-state.js';
import type {Request, ScreenContext, Transition} from './transition.js';

/** A screen on the navigation stack, with its own state. */
export type Screen =
	| {readonly name: 'sections'; readonly state: SectionsState}
	| {readonly name: 'checks'; readonly state: ChecksState}
	| {readonly name: 'detail'; readonly state: DetailState}
	| {readonly name: 'confirm'; readonly state: ConfirmState}
	| {readonly name: 'applying'; readonly state: ApplyingState}
	| {readonly name: 'result'; readonly state: ResultState};

/** Work the app asks the outside world to do, in order; `seq` makes each one start exactly once. */
export type Effect =
	| {readonly seq: number; readonly type: 'run'; readonly runId: number; readonly ids: readonly string[]}
	| {readonly seq: number; readonly type: 'plan-fix'; readonly checkId: string}
	| {readonly seq: number; readonly type: 'apply'; readonly plan: Plan}
	| {readonly seq: number; readonly type: 'exit'; readonly code: number};

/** `Omit` over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An effect before it is numbered. */
type NewEffect = DistributiveOmit<Effect, 'seq'>;

/** How far a run has got. */
export type RunProgress = {
	readonly total: number;
	readonly done: number;
};

/** The whole state of the TUI. */
export type AppState = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	readonly columns: number;
	readonly rows: number;
	/** Never empty: the sections screen at the bottom, the shown screen on top. */
	readonly stack: readonly Screen[];
	readonly help: HelpState;
	/** The latest result of each check, kept across screens. */
	readonly results: Readonly<Record<string, Result>>;
	/** Checks waiting for a result, mapped to the run that will give it (a newer run wins). */
	readonly pending: Readonly<Record<string, number>>;
	/** Runs in progress, by id. */
	readonly runs: Readonly<Record<number, RunProgress>>;
	readonly nextRunId: number;
	readonly effects: readonly Effect[];
	readonly nextSeq: number;
	/** A one-line message, cleared by the next key. */
	readonly notice?: string;
	/** Ctrl+C came while a fix was being applied: quit with 130 once it has finished. */
	readonly quitAfterApply: boolean;
	/** Set once the app is quitting; nothing happens after it. */
	readonly exitCode?: number;
};

/** Everything the app reacts to: keys (already mapped to actions by the input hook) and the outside world's answers. */
export type AppAction =
	| {readonly type: 'key'; readonly mode: InputMode; readonly name: string}
	| {readonly type: 'resize'; readonly columns: number; readonly rows: number}
	| {readonly type: 'effects-started'; readonly seq: number}
	| {readonly type: 'result'; readonly runId: number; readonly result: Result}
	| {readonly type: 'run-finished'; readonly runId: number; readonly error?: string}
	| {readonly type: 'plan-ready'; readonly checkId: string; readonly outcome: {readonly ok: true; readonly plan: Plan} | {readonly ok: false; readonly reason: string}}
	| {readonly type: 'apply-step'; readonly line: string}
	| {readonly type: 'apply-finished'; readonly outcome: ApplyOutcome};

/** What the app starts from. */
export type AppSeed = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	readonly columns: number;
	readonly rows: number;
};

/** Lines around the body: the header and status line above it, the hint line below it, and the line Ink must leave free. */
export const chromeLines = 4;

/** The state the app starts in: the sections screen, nothing run. */
export function initialAppState(seed: AppSeed): AppState {
	return {
		...seed,
		stack: [{name: 'sections', state: initialSectionsState}],
		help: initialHelpState,
		results: {},
		pending: {},
		runs: {},
		nextRunId: 1,
		effects: [],
		nextSeq: 1,
		quitAfterApply: false,
	};
}

/** The screen on top of the stack. */
export function currentScreen(state: AppState): Screen {
	return state.stack.at(-1)!;
}

/** What the keyboard talks to now. */
export function inputMode(state: AppState): InputMode {
	return state.help.open ? 'help' : currentScreen(state).name;
}

/** Lines available to the body of the screen. */
export function bodyHeight(rows: number): number {
	return Math.max(1, rows - chromeLines);
}

/** What the screen reducers and views read. */
export function screenContext(state: AppState): ScreenContext {
	return {
		sections: state.sections,
		checks: state.checks,
		results: state.results,
		pending: state.pending,
		width: Math.max(20, state.columns),
		height: bodyHeight(state.rows),
	};
}

/** The progress of every run in progress together, or undefined when nothing runs. */
export function runProgress(state: AppState): RunProgress | undefined {
	const runs = Object.values(state.runs);
	if (runs.length === 0) {
		return undefined;
	}

	return {
		total: runs.reduce((sum, run) => sum + run.total, 0),
		done: runs.reduce((sum, run) => sum + run.done, 0),
	};
}

function replaceTop(state: AppState, screen: Screen): AppState {
	return {...state, stack: [...state.stack.slice(0, -1), screen]};
}

function push(state: AppState, screen: Screen): AppState {
	return {...state, stack: [...state.stack, screen]};
}

function enqueue(state: AppState, effect: NewEffect): AppState {
	return {...state, effects: [...state.effects, {...effect, seq: state.nextSeq}], nextSeq: state.nextSeq + 1};
}

function exit(state: AppState, code: number): AppState {
	return {...enqueue(state, {type: 'exit', code}), exitCode: code};
}

function startRun(state: AppState, ids: readonly string[]): AppState {
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

function applyRequest(state: AppState, request: Request): AppState {
	const top = currentScreen(state);
	switch (request.type) {
		case 'open-section': {
			return push(state, {name: 'checks', state: initialChecksState(request.id)});
		}

		case 'open-check': {
			return push(state, {name: 'detail', state: initialDetailState(request.id)});
		}

		case 'back': {
			return state.stack.length > 1 ? {...state, stack: state.stack.slice(0, -1)} : state;
		}

		case 'run': {
			return startRun(state, request.ids);
		}

		case 'plan-fix': {
			if (top.name !== 'detail' || top.state.checkId !== request.id) {
				return state;
			}

			const planning = detailReducer(top.state, {type: 'planning'}, screenContext(state)).state;
			return enqueue(replaceTop(state, {name: 'detail', state: planning}), {type: 'plan-fix', checkId: request.id});
		}

		case 'apply': {
			if (top.name !== 'confirm') {
				return state;
			}

			const {checkId, plan} = top.state;
			return enqueue(replaceTop(state, {name: 'applying', state: initialApplyingState(checkId, plan)}), {type: 'apply', plan});
		}

		case 'notice': {
			return {...state, notice: request.text};
		}
	}
}

function settle<S>(state: AppState, transition: Transition<S>, wrap: (screenState: S) => Screen): AppState {
	return transition.requests.reduce(applyRequest, replaceTop(state, wrap(transition.state)));
}

function accepts<T extends string>(types: readonly T[], action: string): action is T {
	return (types as readonly string[]).includes(action);
}

const sectionsTypes: ReadonlyArray<SectionsAction['type']> = [...moveActions, 'open', 'run-selected', 'run-all'];
const checksTypes: ReadonlyArray<ChecksAction['type']> = [...moveActions, 'open', 'run-selected', 'run-section', 'run-all', 'warn-only', 'fix', 'back'];
const detailTypes: ReadonlyArray<DetailAction['type']> = [...moveActions, 'run-selected', 'fix', 'back'];
const confirmTypes: ReadonlyArray<ConfirmAction['type']> = [...moveActions, 'apply', 'cancel'];
const resultTypes: ReadonlyArray<ResultAction['type']> = [...moveActions, 'continue'];
const helpTypes: ReadonlyArray<HelpAction['type']> = [...moveActions, 'help', 'back'];

function screenKey(state: AppState, action: KeyAction): AppState {
	const screen = currentScreen(state);
	const context = screenContext(state);
	switch (screen.name) {
		case 'sections': {
			return accepts(sectionsTypes, action)
				? settle(state, sectionsReducer(screen.state, {type: action}, context), next => ({name: 'sections', state: next}))
				: state;
		}

		case 'checks': {
			return accepts(checksTypes, action)
				? settle(state, checksReducer(screen.state, {type: action}, context), next => ({name: 'checks', state: next}))
				: state;
		}

		case 'detail': {
			return accepts(detailTypes, action)
				? settle(state, detailReducer(screen.state, {type: action}, context), next => ({name: 'detail', state: next}))
				: state;
		}

		case 'confirm': {
			return accepts(confirmTypes, action)
				? settle(state, confirmReducer(screen.state, {type: action}, context), next => ({name: 'confirm', state: next}))
				: state;
		}

		case 'result': {
			return accepts(resultTypes, action)
				? settle(state, resultReducer(screen.state, {type: action}, context), next => ({name: 'result', state: next}))
				: state;
		}

		case 'applying': {
			return state;
		}
	}
}

function key(state: AppState, action: KeyAction): AppState {
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

		default: {
			if (state.help.open || action === 'help') {
				return accepts(helpTypes, action) ? {...state, help: helpReducer(state.help, {type: action}, bodyHeight(state.rows))} : state;
			}

			return screenKey(state, action);
		}
	}
}

function applyFinished(state: AppState, outcome: ApplyOutcome): AppState {
	const top = currentScreen(state);
	if (top.name !== 'applying') {
		return state;
	}

	const {checkId, plan} = top.state;
	// The detail under the result shows the re-run status from its top when the operator goes back to it.
	const stack = state.stack.map((screen, index): Screen => index === state.stack.length - 2 && screen.name === 'detail'
		? {name: 'detail', state: {...screen.state, scroll: 0}}
		: screen);
	const next = replaceTop({...state, stack}, {name: 'result', state: initialResultState(checkId, plan, outcome)});
	if (state.quitAfterApply) {
		return exit(next, 130);
	}

	return startRun(next, [...new Set([checkId, ...plan.checkIds])]);
}

function withoutRun(state: AppState, runId: number): AppState {
	const runs = {...state.runs};
	delete runs[runId];
	const pending = Object.fromEntries(Object.entries(state.pending).filter(([, owner]) => owner !== runId));
	return {...state, runs, pending};
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

			const mapped = actionFor(mode, action.name);
			return mapped === undefined ? state : key({...state, notice: undefined}, mapped);
		}

		case 'resize': {
			return action.columns === state.columns && action.rows === state.rows ? state : {...state, columns: action.columns, rows: action.rows};
		}

		case 'effects-started': {
			return {...state, effects: state.effects.filter(effect => effect.seq > action.seq)};
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
			return {...state, runs, pending, results: {...state.results, [id]: action.result}};
		}

		case 'run-finished': {
			const next = withoutRun(state, action.runId);
			return action.error === undefined ? next : {...next, notice: `The run failed: ${action.error}`};
		}

		case 'plan-ready': {
			const top = currentScreen(state);
			if (top.name !== 'detail' || top.state.checkId !== action.checkId || !top.state.planning) {
				return state;
			}

			if (!action.outcome.ok) {
				return settle(state, detailReducer(top.state, {type: 'refused', reason: action.outcome.reason}, screenContext(state)), next => ({name: 'detail', state: next}));
			}

			const planned = replaceTop(state, {name: 'detail', state: detailReducer(top.state, {type: 'planned'}, screenContext(state)).state});
			return {...push(planned, {name: 'confirm', state: initialConfirmState(action.checkId, action.outcome.plan)}), help: initialHelpState};
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
	}
}

/** The top line of the frame: the banner on the sections screen, where you are everywhere else. */
export function headerText(state: AppState, banner: string): string {
	const screen = currentScreen(state);
	if (screen.name === 'sections') {
		return banner;
	}

	if (screen.name === 'checks') {
		const section = state.sections.find(candidate => candidate.id === screen.state.section);
		return `${screen.state.section}  ${section?.title ?? ''}${screen.state.warnOnly ? '  (WARN only)' : ''}`;
	}

	const check = state.checks.find(candidate => candidate.id === screen.state.checkId);
	const section = state.sections.find(candidate => candidate.id === check?.section);
	const trail = [`${section?.id ?? '?'} ${section?.title ?? ''}`, screen.state.checkId];
	if (screen.name !== 'detail') {
		trail.push('fix');
	}

	return trail.join(' › ');
}

/** What is busy right now, for the spinner on the status line; undefined when nothing is. */
export function busyText(state: AppState): string | undefined {
	const parts: string[] = [];
	const progress = runProgress(state);
	if (progress) {
		parts.push(`${progress.done}/${progress.total} checks`);
	}

	const top = currentScreen(state);
	if (top.name === 'detail' && top.state.planning) {
		parts.push(`planning the fix of ${top.state.checkId}`);
	}

	if (top.name === 'applying') {
		parts.push(state.quitAfterApply ? 'applying the fix, then quitting' : 'applying the fix');
	}

	return parts.length > 0 ? parts.join(' · ') : undefined;
}
