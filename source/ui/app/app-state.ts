import type {Check, Result, Section} from '../../benchmark/types.js';
import type {ApplyOutcome, Plan} from '../../fixes/types.js';
import {emptySessionRecord, type SessionRecord} from '../../report/session-record.js';
import {localDay} from '../screens/waiver/expiry-day.js';
import {originCheckIds, originWork, type FixOrigin} from '../screens/fix-origin.js';
import {actionFor, readOnlyRefusedAction, type InputMode, type KeyAction} from '../keys.js';
import {moveActions} from '../parts/list-moves.js';
import type {ProveOutcome} from '../../host/prove-audit.js';
import type {JournalSummary} from '../services.js';
import {proofLine} from '../screens/detail/proof-line.js';
import {applyingReducer, initialApplyingState, type ApplyingState} from '../screens/applying/state.js';
import {recordApplied, recordStatus, recordWaiver} from './session-recording.js';
import {checksReducer, initialChecksState, initialSearchState, selectionText, visibleChecks, type ChecksKeyAction, type ChecksState} from '../screens/checks/state.js';
import {confirmReducer, initialConfirmState, type ConfirmAction, type ConfirmState} from '../screens/confirm/state.js';
import {detailReducer, initialDetailState, type DetailAction, type DetailState} from '../screens/detail/state.js';
import {helpReducer, initialHelpState, type HelpAction, type HelpState} from './help-state.js';
import {initialJournalEntryState, journalEntryReducer, type JournalEntryKeyAction, type JournalEntryState} from '../screens/journal-entry/state.js';
import {initialJournalState, journalReducer, type JournalAction, type JournalKeyAction, type JournalState} from '../screens/journal/state.js';
import {initialResultState, resultReducer, type ResultAction, type ResultState} from '../screens/result/state.js';
import {initialSectionsState, sectionsReducer, type SectionsAction, type SectionsState} from '../screens/sections/state.js';
import {initialUndoRefusedState, undoRefusedReducer, type UndoRefusedKeyAction, type UndoRefusedState} from '../screens/undo-refused/state.js';
import {initialWaiverState, waiverReducer, type WaiverKeyAction, type WaiverState} from '../screens/waiver/state.js';
import type {Request, ScreenContext, Transition} from '../screens/transition.js';

/** A screen on the navigation stack, with its own state. */
export type Screen =
	| {readonly name: 'sections'; readonly state: SectionsState}
	| {readonly name: 'checks'; readonly state: ChecksState}
	| {readonly name: 'detail'; readonly state: DetailState}
	| {readonly name: 'waiver'; readonly state: WaiverState}
	| {readonly name: 'confirm'; readonly state: ConfirmState}
	| {readonly name: 'applying'; readonly state: ApplyingState}
	| {readonly name: 'result'; readonly state: ResultState}
	| {readonly name: 'journal'; readonly state: JournalState}
	| {readonly name: 'journal-entry'; readonly state: JournalEntryState}
	| {readonly name: 'undo-refused'; readonly state: UndoRefusedState};

/** Work the app asks the outside world to do, in order; `seq` makes each one start exactly once. */
export type Effect =
	| {readonly seq: number; readonly type: 'run'; readonly runId: number; readonly ids: readonly string[]}
	| {readonly seq: number; readonly type: 'plan-fix'; readonly checkId: string}
	| {readonly seq: number; readonly type: 'plan-batch'; readonly ids: readonly string[]}
	| {readonly seq: number; readonly type: 'load-journal'}
	| {readonly seq: number; readonly type: 'plan-undo'; readonly entryId: string; readonly force: boolean}
	| {readonly seq: number; readonly type: 'apply'; readonly plan: Plan}
	| {readonly seq: number; readonly type: 'add-waiver'; readonly checkId: string; readonly reason: string; readonly expires?: string}
	| {readonly seq: number; readonly type: 'prove-audit'; readonly checkId: string}
	| {readonly seq: number; readonly type: 'open-demo'}
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

/** A planner's answer as the app uses it: a plan, or why not (with more lines, such as a diff, when there are). */
export type PlanAnswer =
	| {readonly ok: true; readonly plan: Plan}
	| {readonly ok: false; readonly reason: string; readonly details?: readonly string[]};

/** The waiver service's answer: the check's result as it now reads, or why the waiver was refused. */
export type WaiverAnswer =
	| {readonly ok: true; readonly result: Result}
	| {readonly ok: false; readonly reason: string};

/** The journal as read, or why it could not be. */
export type JournalAnswer =
	| {readonly ok: true; readonly entries: readonly JournalSummary[]}
	| {readonly ok: false; readonly error: string};

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
	/** The local day, YYYY-MM-DD, that waiver expiry days are judged against. */
	readonly today: string;
	/** What happened in this session: statuses first and last seen, fixes applied and undone, waivers added. */
	readonly record: SessionRecord;
	/** No Docker daemon answers, and the demo sandbox can be opened in its place (`d` on the sections screen). */
	readonly demoOffered: boolean;
	/** --read-only: no fix, undo or waiver is offered, and nothing asks for one. */
	readonly readOnly: boolean;
};

/** Everything the app reacts to: keys (already mapped to actions by the input hook) and the outside world's answers. */
export type AppAction =
	| {readonly type: 'key'; readonly mode: InputMode; readonly name: string}
	| {readonly type: 'resize'; readonly columns: number; readonly rows: number}
	| {readonly type: 'effects-started'; readonly seq: number}
	| {readonly type: 'result'; readonly runId: number; readonly result: Result}
	| {readonly type: 'run-finished'; readonly runId: number; readonly error?: string}
	| {readonly type: 'plan-ready'; readonly checkId: string; readonly outcome: PlanAnswer}
	| {readonly type: 'batch-planned'; readonly ids: readonly string[]; readonly outcome: PlanAnswer}
	| {readonly type: 'journal-loaded'; readonly outcome: JournalAnswer}
	| {readonly type: 'undo-planned'; readonly entryId: string; readonly force: boolean; readonly outcome: PlanAnswer}
	| {readonly type: 'apply-step'; readonly line: string}
	| {readonly type: 'apply-finished'; readonly outcome: ApplyOutcome}
	| {readonly type: 'waiver-answered'; readonly checkId: string; readonly reason: string; readonly expires?: string; readonly outcome: WaiverAnswer}
	| {readonly type: 'proved'; readonly checkId: string; readonly outcome: ProveOutcome}
	/** The Docker daemon did not answer; `canOpenDemo` when the demo sandbox can take the host's place. */
	| {readonly type: 'docker-unreachable'; readonly canOpenDemo: boolean}
	| {readonly type: 'demo-failed'; readonly reason: string};

/** What the app starts from. */
export type AppSeed = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	readonly columns: number;
	readonly rows: number;
	/** The local day, YYYY-MM-DD; today's by default. */
	readonly today?: string;
	/** --read-only; off by default. */
	readonly readOnly?: boolean;
};

/** Lines around the body: the header and status line above it, the hint line below it, and the line Ink must leave free. */
export const chromeLines = 4;

/** The size the layout is made for; below it, the app says so on a line of its own at the top. */
export const comfortableSize = {columns: 80, rows: 24} as const;

/** The fewest rows for which the small-terminal notice is shown: below, every line goes to the screen itself. */
const noticeMinRows = 7;

/** The one-line notice of a terminal smaller than 80x24 (`small terminal: 60x15, best at 80x24 or larger`), or undefined. */
export function sizeNotice(columns: number, rows: number): string | undefined {
	if ((columns >= comfortableSize.columns && rows >= comfortableSize.rows) || rows < noticeMinRows) {
		return undefined;
	}

	return `small terminal: ${columns}x${rows}, best at ${comfortableSize.columns}x${comfortableSize.rows} or larger`;
}

/** The state the app starts in: the sections screen, nothing run. */
export function initialAppState({today, readOnly, ...seed}: AppSeed): AppState {
	return {
		...seed,
		readOnly: readOnly ?? false,
		today: today ?? localDay(new Date()),
		record: emptySessionRecord,
		stack: [{name: 'sections', state: initialSectionsState}],
		help: initialHelpState,
		results: {},
		pending: {},
		runs: {},
		nextRunId: 1,
		effects: [],
		nextSeq: 1,
		quitAfterApply: false,
		demoOffered: false,
	};
}

/** The screen on top of the stack. */
export function currentScreen(state: AppState): Screen {
	return state.stack.at(-1)!;
}

/** What the keyboard talks to now: the help, the filter input of a list, or the screen. */
export function inputMode(state: AppState): InputMode {
	if (state.help.open) {
		return 'help';
	}

	const top = currentScreen(state);
	return top.name === 'checks' && top.state.filter.open ? 'filter' : top.name;
}

/** Lines available to the body of the screen in a terminal of `columns` x `rows` (the small-terminal notice takes one). */
export function bodyHeight(rows: number, columns: number = comfortableSize.columns): number {
	return Math.max(1, rows - chromeLines - (sizeNotice(columns, rows) === undefined ? 0 : 1));
}

/** What the screen reducers and views read. */
export function screenContext(state: AppState): ScreenContext {
	return {
		sections: state.sections,
		checks: state.checks,
		results: state.results,
		pending: state.pending,
		width: Math.max(10, state.columns),
		height: bodyHeight(state.rows, state.columns),
		today: state.today,
		readOnly: state.readOnly,
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

function replaceAt(state: AppState, index: number, screen: Screen): AppState {
	return {...state, stack: state.stack.map((current, at) => at === index ? screen : current)};
}

function push(state: AppState, screen: Screen): AppState {
	return {...state, stack: [...state.stack, screen]};
}

/** Shows a confirm screen, closing the help so that the plan is what the operator sees. */
function pushConfirm(state: AppState, origin: FixOrigin, plan: Plan): AppState {
	return {...push(state, {name: 'confirm', state: initialConfirmState(origin, plan)}), help: initialHelpState};
}

function enqueue(state: AppState, effect: NewEffect): AppState {
	return {...state, effects: [...state.effects, {...effect, seq: state.nextSeq}], nextSeq: state.nextSeq + 1};
}

function exit(state: AppState, code: number): AppState {
	return {...enqueue(state, {type: 'exit', code}), exitCode: code};
}

function lastIndexOf(state: AppState, name: Screen['name']): number {
	return state.stack.findLastIndex(screen => screen.name === name);
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

/** Reads the journal (again) into the journal screen at `index`. */
function loadJournal(state: AppState, index: number): AppState {
	const screen = state.stack[index];
	if (screen?.name !== 'journal') {
		return state;
	}

	const loading = journalReducer(screen.state, {type: 'loading'}, screenContext(state)).state;
	return enqueue(replaceAt(state, index, {name: 'journal', state: loading}), {type: 'load-journal'});
}

/** Marks the undo of an entry as being planned on the screen that asked for it, or undefined when that screen cannot ask. */
function markUndoPlanning(state: AppState, entryId: string): AppState | undefined {
	const top = currentScreen(state);
	const context = screenContext(state);
	switch (top.name) {
		case 'journal': {
			return replaceTop(state, {name: 'journal', state: journalReducer(top.state, {type: 'planning', entryId}, context).state});
		}

		case 'journal-entry': {
			return top.state.entry.id === entryId ? replaceTop(state, {name: 'journal-entry', state: journalEntryReducer(top.state, {type: 'planning'}, context).state}) : undefined;
		}

		case 'undo-refused': {
			return top.state.entry.id === entryId ? replaceTop(state, {name: 'undo-refused', state: undoRefusedReducer(top.state, {type: 'planning'}, context).state}) : undefined;
		}

		default: {
			return undefined;
		}
	}
}

/** What read-only mode says instead of doing what a key would have done. */
export const readOnlyNotice = 'read-only: no fix, undo or waiver in this session';

/** The requests that would change the host or the waivers file: read-only mode refuses them, whatever asked. */
const changingRequests: ReadonlySet<Request['type']> = new Set<Request['type']>(['plan-fix', 'plan-batch', 'plan-undo', 'apply', 'open-waiver', 'add-waiver']);

function applyRequest(state: AppState, request: Request): AppState {
	if (state.readOnly && changingRequests.has(request.type)) {
		return {...state, notice: readOnlyNotice};
	}

	const top = currentScreen(state);
	switch (request.type) {
		case 'open-section': {
			return push(state, {name: 'checks', state: initialChecksState(request.id)});
		}

		case 'open-check': {
			return push(state, {name: 'detail', state: initialDetailState(request.id)});
		}

		case 'open-journal': {
			const next = push(state, {name: 'journal', state: initialJournalState});
			return enqueue(next, {type: 'load-journal'});
		}

		case 'open-demo': {
			return state.demoOffered
				? enqueue({...state, notice: 'opening the demo sandbox…'}, {type: 'open-demo'})
				: {...state, notice: 'd opens the demo only when no Docker daemon answers (or run dockwarden --demo)'};
		}

		case 'open-entry': {
			const entry = top.name === 'journal' ? top.state.entries?.find(candidate => candidate.id === request.id) : undefined;
			return entry ? push(state, {name: 'journal-entry', state: initialJournalEntryState(entry)}) : state;
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

		case 'plan-batch': {
			if (top.name !== 'checks') {
				return state;
			}

			const planning = checksReducer(top.state, {type: 'planning'}, screenContext(state)).state;
			return enqueue(replaceTop(state, {name: 'checks', state: planning}), {type: 'plan-batch', ids: request.ids});
		}

		case 'plan-undo': {
			const marked = markUndoPlanning(state, request.entryId);
			return marked ? enqueue(marked, {type: 'plan-undo', entryId: request.entryId, force: request.force}) : state;
		}

		case 'apply': {
			if (top.name !== 'confirm') {
				return state;
			}

			const {origin, plan} = top.state;
			return enqueue(replaceTop(state, {name: 'applying', state: initialApplyingState(origin, plan)}), {type: 'apply', plan});
		}

		case 'open-search': {
			return push(state, {name: 'checks', state: initialSearchState()});
		}

		case 'open-waiver': {
			return push(state, {name: 'waiver', state: initialWaiverState(request.id)});
		}

		case 'add-waiver': {
			return top.name === 'waiver' && top.state.checkId === request.id
				? enqueue(state, {type: 'add-waiver', checkId: request.id, reason: request.reason, ...(request.expires === undefined ? {} : {expires: request.expires})})
				: state;
		}

		case 'prove-audit': {
			if (top.name !== 'detail' || top.state.checkId !== request.id) {
				return state;
			}

			const proving = detailReducer(top.state, {type: 'proving'}, screenContext(state)).state;
			return enqueue(replaceTop(state, {name: 'detail', state: proving}), {type: 'prove-audit', checkId: request.id});
		}

		case 'notice': {
			return {...state, notice: request.text};
		}
	}
}

function settle<S>(state: AppState, transition: Transition<S>, wrap: (screenState: S) => Screen): AppState {
	return transition.requests.reduce(applyRequest, replaceTop(state, wrap(transition.state)));
}

/** A key's action as a screen reducer takes it: its name, and for `type` the character typed. */
type ScreenKeyAction =
	| {readonly type: Exclude<KeyAction, 'type'>}
	| {readonly type: 'type'; readonly text: string};

function accepts<A extends {readonly type: string}>(types: ReadonlyArray<A['type']>, action: {readonly type: string}): action is A {
	return (types as readonly string[]).includes(action.type);
}

const sectionsTypes: ReadonlyArray<SectionsAction['type']> = [...moveActions, 'open', 'run-selected', 'run-all', 'journal', 'filter', 'demo'];
const checksTypes: ReadonlyArray<ChecksKeyAction['type']> = [
	...moveActions,
	'open',
	'run-selected',
	'run-section',
	'run-all',
	'warn-only',
	'fix',
	'waive',
	'select',
	'clear-selection',
	'journal',
	'back',
	'filter',
	'filter-keep',
	'filter-clear',
	'delete-char',
	'type',
];
const detailTypes: ReadonlyArray<DetailAction['type']> = [...moveActions, 'run-selected', 'fix', 'waive', 'prove', 'back'];
const waiverTypes: ReadonlyArray<WaiverKeyAction['type']> = ['type', 'delete-char', 'next-field', 'submit', 'cancel'];
const confirmTypes: ReadonlyArray<ConfirmAction['type']> = [...moveActions, 'apply', 'cancel'];
const resultTypes: ReadonlyArray<ResultAction['type']> = [...moveActions, 'continue'];
const journalTypes: ReadonlyArray<JournalKeyAction['type']> = [...moveActions, 'open', 'undo', 'back'];
const journalEntryTypes: ReadonlyArray<JournalEntryKeyAction['type']> = [...moveActions, 'undo', 'back'];
const undoRefusedTypes: ReadonlyArray<UndoRefusedKeyAction['type']> = [...moveActions, 'force-undo', 'back'];
const helpTypes: ReadonlyArray<HelpAction['type']> = [...moveActions, 'help', 'back'];

function screenKey(state: AppState, action: ScreenKeyAction): AppState {
	const screen = currentScreen(state);
	const context = screenContext(state);
	switch (screen.name) {
		case 'sections': {
			return accepts<SectionsAction>(sectionsTypes, action)
				? settle(state, sectionsReducer(screen.state, action, context), next => ({name: 'sections', state: next}))
				: state;
		}

		case 'checks': {
			return accepts<ChecksKeyAction>(checksTypes, action)
				? settle(state, checksReducer(screen.state, action, context), next => ({name: 'checks', state: next}))
				: state;
		}

		case 'detail': {
			return accepts<DetailAction>(detailTypes, action)
				? settle(state, detailReducer(screen.state, action, context), next => ({name: 'detail', state: next}))
				: state;
		}

		case 'waiver': {
			return accepts<WaiverKeyAction>(waiverTypes, action)
				? settle(state, waiverReducer(screen.state, action, context), next => ({name: 'waiver', state: next}))
				: state;
		}

		case 'confirm': {
			return accepts<ConfirmAction>(confirmTypes, action)
				? settle(state, confirmReducer(screen.state, action, context), next => ({name: 'confirm', state: next}))
				: state;
		}

		case 'result': {
			return accepts<ResultAction>(resultTypes, action)
				? settle(state, resultReducer(screen.state, action, context), next => ({name: 'result', state: next}))
				: state;
		}

		case 'journal': {
			return accepts<JournalKeyAction>(journalTypes, action)
				? settle(state, journalReducer(screen.state, action, context), next => ({name: 'journal', state: next}))
				: state;
		}

		case 'journal-entry': {
			return accepts<JournalEntryKeyAction>(journalEntryTypes, action)
				? settle(state, journalEntryReducer(screen.state, action, context), next => ({name: 'journal-entry', state: next}))
				: state;
		}

		case 'undo-refused': {
			return accepts<UndoRefusedKeyAction>(undoRefusedTypes, action)
				? settle(state, undoRefusedReducer(screen.state, action, context), next => ({name: 'undo-refused', state: next}))
				: state;
		}

		case 'applying': {
			return state;
		}
	}
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
				return accepts<HelpAction>(helpTypes, helpAction) ? {...state, help: helpReducer(state.help, helpAction, bodyHeight(state.rows, state.columns))} : state;
			}

			return screenKey(state, {type: action});
		}
	}
}

/**
The stack under the result of a finished fix, by where it started: the check's detail shows its re-run status from its
top; a batch's list forgets the selection once it has been applied; an undo goes back to the journal, which is read again.
*/
function stackAfterApply(state: AppState, origin: FixOrigin, outcome: ApplyOutcome): AppState {
	const under = state.stack.length - 2;
	const below = state.stack[under];
	switch (origin.kind) {
		case 'check': {
			return below?.name === 'detail' ? replaceAt(state, under, {name: 'detail', state: {...below.state, scroll: 0}}) : state;
		}

		case 'batch': {
			return below?.name === 'checks' && outcome.ok
				? replaceAt(state, under, {name: 'checks', state: checksReducer(below.state, {type: 'applied'}, screenContext(state)).state})
				: state;
		}

		case 'undo': {
			const journal = lastIndexOf(state, 'journal');
			return journal === -1 ? state : {...state, stack: [...state.stack.slice(0, journal + 1), currentScreen(state)]};
		}
	}
}

function applyFinished(state: AppState, outcome: ApplyOutcome): AppState {
	const top = currentScreen(state);
	if (top.name !== 'applying') {
		return state;
	}

	const {origin, plan} = top.state;
	const recorded = {...state, record: recordApplied(state.record, plan, outcome, origin.kind === 'undo' ? origin.entryId : undefined)};
	const next = replaceTop(stackAfterApply(recorded, origin, outcome), {name: 'result', state: initialResultState(origin, plan, outcome)});
	if (state.quitAfterApply) {
		return exit(next, 130);
	}

	const reloaded = origin.kind === 'undo' ? loadJournal(next, lastIndexOf(next, 'journal')) : next;
	const ids = [...new Set([...originCheckIds(origin), ...plan.checkIds])];
	return ids.length === 0 ? reloaded : startRun(reloaded, ids);
}

function withoutRun(state: AppState, runId: number): AppState {
	const runs = {...state.runs};
	delete runs[runId];
	const pending = Object.fromEntries(Object.entries(state.pending).filter(([, owner]) => owner !== runId));
	return {...state, runs, pending};
}

function planReady(state: AppState, checkId: string, outcome: PlanAnswer): AppState {
	const top = currentScreen(state);
	if (top.name !== 'detail' || top.state.checkId !== checkId || !top.state.planning) {
		return state;
	}

	if (!outcome.ok) {
		return settle(state, detailReducer(top.state, {type: 'refused', reason: outcome.reason}, screenContext(state)), next => ({name: 'detail', state: next}));
	}

	const planned = replaceTop(state, {name: 'detail', state: detailReducer(top.state, {type: 'planned'}, screenContext(state)).state});
	return pushConfirm(planned, {kind: 'check', checkId}, outcome.plan);
}

function batchPlanned(state: AppState, ids: readonly string[], outcome: PlanAnswer): AppState {
	const top = currentScreen(state);
	if (top.name !== 'checks' || !top.state.planning) {
		return state;
	}

	const context = screenContext(state);
	if (!outcome.ok) {
		return settle(state, checksReducer(top.state, {type: 'refused', reason: outcome.reason}, context), next => ({name: 'checks', state: next}));
	}

	const planned = replaceTop(state, {name: 'checks', state: checksReducer(top.state, {type: 'planned'}, context).state});
	return pushConfirm(planned, {kind: 'batch', checkIds: ids}, outcome.plan);
}

function journalLoaded(state: AppState, outcome: JournalAnswer): AppState {
	const index = lastIndexOf(state, 'journal');
	const screen = state.stack[index];
	if (screen?.name !== 'journal') {
		return state;
	}

	const action: JournalAction = outcome.ok ? {type: 'loaded', entries: outcome.entries} : {type: 'load-failed', error: outcome.error};
	const transition = journalReducer(screen.state, action, screenContext(state));
	return transition.requests.reduce(applyRequest, replaceAt(state, index, {name: 'journal', state: transition.state}));
}

/** The entry the top screen is planning the undo of, if it is `entryId`. */
function undoPlannedFor(top: Screen, entryId: string): JournalSummary | undefined {
	switch (top.name) {
		case 'journal': {
			return top.state.planning === entryId ? top.state.entries?.find(entry => entry.id === entryId) : undefined;
		}

		case 'journal-entry':
		case 'undo-refused': {
			return top.state.planning && top.state.entry.id === entryId ? top.state.entry : undefined;
		}

		default: {
			return undefined;
		}
	}
}

function undoPlanned(state: AppState, entryId: string, force: boolean, outcome: PlanAnswer): AppState {
	const top = currentScreen(state);
	const entry = undoPlannedFor(top, entryId);
	if (!entry) {
		return state;
	}

	const context = screenContext(state);
	if (top.name === 'undo-refused' && !outcome.ok) {
		return settle(state, undoRefusedReducer(top.state, {type: 'refused', reason: outcome.reason, details: outcome.details ?? []}, context), next => ({name: 'undo-refused', state: next}));
	}

	let planned = state;
	switch (top.name) {
		case 'journal': {
			planned = replaceTop(state, {name: 'journal', state: journalReducer(top.state, {type: 'planned'}, context).state});
			break;
		}

		case 'journal-entry': {
			planned = replaceTop(state, {name: 'journal-entry', state: journalEntryReducer(top.state, {type: 'planned'}, context).state});
			break;
		}

		case 'undo-refused': {
			planned = replaceTop(state, {name: 'undo-refused', state: undoRefusedReducer(top.state, {type: 'planned'}, context).state});
			break;
		}

		default: {
			break;
		}
	}

	if (outcome.ok) {
		return pushConfirm(planned, {kind: 'undo', entryId, force}, outcome.plan);
	}

	return {
		...push(planned, {name: 'undo-refused', state: initialUndoRefusedState(entry, outcome.reason, outcome.details)}),
		notice: `Cannot undo ${entryId}: ${outcome.reason}`,
	};
}

/**
The waiver service answered. A waiver that was written always counts (its result replaces the check's, the record keeps
it), even when the operator has left the form; the form, when it is still shown, closes or shows the refusal.
*/
function waiverAnswered(state: AppState, checkId: string, reason: string, expires: string | undefined, outcome: WaiverAnswer): AppState {
	const top = currentScreen(state);
	const onForm = top.name === 'waiver' && top.state.checkId === checkId && top.state.saving;
	if (!outcome.ok) {
		return onForm
			? settle(state, waiverReducer(top.state, {type: 'refused', reason: outcome.reason}, screenContext(state)), next => ({name: 'waiver', state: next}))
			: {...state, notice: `Cannot waive ${checkId}: ${outcome.reason}`};
	}

	const saved: AppState = {
		...state,
		results: {...state.results, [checkId]: outcome.result},
		record: recordWaiver(state.record, outcome.result, reason, expires),
		notice: `Waived ${checkId}: ${reason}${expires === undefined ? '' : ` (until ${expires})`}`,
	};
	return onForm ? {...saved, stack: saved.stack.slice(0, -1)} : saved;
}

/** The proof answered: the detail that asked shows it; elsewhere it is a notice. */
function proved(state: AppState, checkId: string, outcome: ProveOutcome): AppState {
	const line = proofLine(checkId, outcome);
	const index = state.stack.findLastIndex(screen => screen.name === 'detail' && screen.state.checkId === checkId && screen.state.proving);
	const screen = state.stack[index];
	if (screen?.name !== 'detail') {
		return {...state, notice: line};
	}

	const transition = detailReducer(screen.state, {type: 'proved', line, found: outcome.ok && outcome.event !== undefined}, screenContext(state));
	return transition.requests.reduce(applyRequest, replaceAt(state, index, {name: 'detail', state: transition.state}));
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

			const mapped = actionFor(mode, action.name, state.readOnly);
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

function sectionLabel(state: AppState, checkId: string): string {
	const check = state.checks.find(candidate => candidate.id === checkId);
	const section = state.sections.find(candidate => candidate.id === check?.section);
	return `${section?.id ?? '?'} ${section?.title ?? ''}`;
}

function originTrail(state: AppState, origin: FixOrigin): string[] {
	switch (origin.kind) {
		case 'check': {
			return [sectionLabel(state, origin.checkId), origin.checkId, 'fix'];
		}

		case 'batch': {
			return [sectionLabel(state, origin.checkIds[0] ?? ''), origin.checkIds.join(', '), 'fix'];
		}

		case 'undo': {
			return ['Journal', origin.entryId, origin.force ? 'force undo' : 'undo'];
		}
	}
}

/** The top line of the frame: the banner on the sections screen, where you are everywhere else. */
export function headerText(state: AppState, banner: string): string {
	const screen = currentScreen(state);
	switch (screen.name) {
		case 'sections': {
			return banner;
		}

		case 'checks': {
			const warnOnly = screen.state.warnOnly ? '  (WARN only)' : '';
			if (screen.state.section === undefined) {
				const count = visibleChecks(screen.state, screenContext(state)).length;
				return `Search every check: ${count} ${count === 1 ? 'match' : 'matches'}${warnOnly}`;
			}

			const section = state.sections.find(candidate => candidate.id === screen.state.section);
			return `${screen.state.section}  ${section?.title ?? ''}${warnOnly}`;
		}

		case 'detail': {
			return [sectionLabel(state, screen.state.checkId), screen.state.checkId].join(' › ');
		}

		case 'waiver': {
			return [sectionLabel(state, screen.state.checkId), screen.state.checkId, 'waive'].join(' › ');
		}

		case 'journal': {
			const count = screen.state.entries?.length;
			return count === undefined ? 'Journal of applied fixes' : `Journal of applied fixes: ${count} ${count === 1 ? 'entry' : 'entries'}, newest first`;
		}

		case 'journal-entry': {
			return ['Journal', screen.state.entry.id].join(' › ');
		}

		case 'undo-refused': {
			return ['Journal', screen.state.entry.id, 'undo refused'].join(' › ');
		}

		default: {
			return originTrail(state, screen.state.origin).join(' › ');
		}
	}
}

function planningText(top: Screen): string | undefined {
	switch (top.name) {
		case 'detail': {
			if (top.state.proving) {
				return 'proving…';
			}

			return top.state.planning ? `planning the fix of ${top.state.checkId}` : undefined;
		}

		case 'checks': {
			return top.state.planning ? `planning the fix of ${top.state.selection.join(', ')}` : undefined;
		}

		case 'journal': {
			return top.state.planning === undefined ? undefined : `planning the undo of ${top.state.planning}`;
		}

		case 'journal-entry':
		case 'undo-refused': {
			return top.state.planning ? `planning the undo of ${top.state.entry.id}` : undefined;
		}

		case 'waiver': {
			return top.state.saving ? `saving the waiver of ${top.state.checkId}` : undefined;
		}

		default: {
			return undefined;
		}
	}
}

/** What is busy right now, for the spinner on the status line; undefined when nothing is. */
export function busyText(state: AppState): string | undefined {
	const parts: string[] = [];
	const progress = runProgress(state);
	if (progress) {
		parts.push(`${progress.done}/${progress.total} checks`);
	}

	const top = currentScreen(state);
	const planning = planningText(top);
	if (planning !== undefined) {
		parts.push(planning);
	}

	if (top.name === 'journal' && top.state.loading) {
		parts.push('reading the journal');
	}

	if (top.name === 'applying') {
		const work = originWork(top.state.origin, top.state.plan);
		parts.push(state.quitAfterApply ? `applying ${work}, then quitting` : `applying ${work}`);
	}

	return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** What the status line says about the shown screen that lasts (the checks selected for one fix), or undefined. */
export function statusInfo(state: AppState): string | undefined {
	const top = currentScreen(state);
	if (top.name === 'sections' && state.demoOffered && !state.help.open) {
		return 'no Docker daemon answers: d opens the demo sandbox, a sample host to learn on';
	}

	return top.name === 'checks' && !state.help.open ? selectionText(top.state) : undefined;
}
