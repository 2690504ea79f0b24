import type {Check, Result, Section} from '../../benchmark/types.js';
import {newestBenchmark, type BenchmarkVersion} from '../../model/benchmark-versions.js';
import type {ApplyOutcome, Plan, RestartQuestion, UnknownLauncher} from '../../model/plan.js';
import type {ProveOutcome} from '../../model/prove-outcome.js';
import {emptySessionRecord, type SessionRecord} from '../../report/session-record.js';
import type {InputMode} from '../keys.js';
import {initialSectionsState} from '../screens/sections/state.js';
import {localDay} from '../screens/waiver/expiry-day.js';
import type {JournalSummary} from '../services.js';
import {initialHelpState, type HelpState} from './help-state.js';
import {recordStatus} from './session-recording.js';
import type {Screen} from './registry.js';

export type {Screen} from './registry.js';

/** Work the app asks the outside world to do, in order; `seq` makes each one start exactly once. */
export type Effect =
	| {readonly seq: number; readonly type: 'run'; readonly runId: number; readonly ids: readonly string[]}
	| {readonly seq: number; readonly type: 'plan-fix'; readonly checkId: string; readonly unknownLauncher?: UnknownLauncher}
	| {readonly seq: number; readonly type: 'plan-batch'; readonly ids: readonly string[]; readonly unknownLauncher?: UnknownLauncher}
	| {readonly seq: number; readonly type: 'load-journal'}
	| {readonly seq: number; readonly type: 'plan-undo'; readonly entryId: string; readonly force: boolean; readonly unknownLauncher?: UnknownLauncher}
	| {readonly seq: number; readonly type: 'apply'; readonly plan: Plan}
	| {readonly seq: number; readonly type: 'add-waiver'; readonly checkId: string; readonly reason: string; readonly expires?: string}
	| {readonly seq: number; readonly type: 'prove-audit'; readonly checkId: string}
	| {readonly seq: number; readonly type: 'open-demo'}
	| {readonly seq: number; readonly type: 'select-benchmark'; readonly version: BenchmarkVersion}
	/** Back to the fleet's host list (this app stays as it is, hidden, until the host is opened again). */
	| {readonly seq: number; readonly type: 'host-list'}
	| {readonly seq: number; readonly type: 'exit'; readonly code: number};

/** `Omit` over each member of a union. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An effect before it is numbered. */
export type NewEffect = DistributiveOmit<Effect, 'seq'>;

/** How far a run has got. */
export type RunProgress = {
	readonly total: number;
	readonly done: number;
};

/**
A planner's answer as the app uses it: a plan, or why not (with more lines, such as a diff, when there are), and the
question to put to the operator when only the way to restart dockerd is missing.
*/
export type PlanAnswer =
	| {readonly ok: true; readonly plan: Plan}
	| {readonly ok: false; readonly reason: string; readonly details?: readonly string[]; readonly restartChoice?: RestartQuestion};

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
	/** The checks in the benchmark version in use: their ids and titles. */
	readonly checks: readonly Check[];
	/** The CIS Docker Benchmark version in use (`b` picks another). */
	readonly benchmark: BenchmarkVersion;
	/** The same checks in each version, for the picker to switch to. */
	readonly versionChecks?: Readonly<Partial<Record<BenchmarkVersion, readonly Check[]>>>;
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
	/** One host of a fleet: esc on the sections goes back to the host list. */
	readonly fleet: boolean;
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
	/** The version of `checks`; by default theirs (the newest when there are none). */
	readonly benchmark?: BenchmarkVersion;
	/** The same checks in each version (the services' checksOf); without it the picker offers only the version in use. */
	readonly versionChecks?: Readonly<Partial<Record<BenchmarkVersion, readonly Check[]>>>;
	readonly columns: number;
	readonly rows: number;
	/** The local day, YYYY-MM-DD; today's by default. */
	readonly today?: string;
	/** --read-only; off by default. */
	readonly readOnly?: boolean;
	/** One host of a fleet; off by default. */
	readonly fleet?: boolean;
	/** Results known already (the fleet's audit of this host): the sections show their counts at once. */
	readonly results?: Readonly<Record<string, Result>>;
};

/** The state the app starts in: the sections screen, nothing run. */
export function initialAppState({today, readOnly, benchmark, fleet, results = {}, ...seed}: AppSeed): AppState {
	return {
		...seed,
		benchmark: benchmark ?? seed.checks[0]?.benchmark ?? newestBenchmark,
		readOnly: readOnly ?? false,
		fleet: fleet ?? false,
		today: today ?? localDay(new Date()),
		// The statuses known at the start are the first ones seen: the session's summary compares against them.
		record: Object.values(results).reduce(recordStatus, emptySessionRecord),
		stack: [{name: 'sections', state: initialSectionsState}],
		help: initialHelpState,
		results,
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

