import type {Check, Result, Section, SectionId} from '../../benchmark/types.js';
import type {BenchmarkVersion} from '../../model/benchmark-versions.js';

/** What a screen asks of the app after handling an action: navigation, work to start, or a message to show. */
export type Request =
	| {readonly type: 'open-section'; readonly id: SectionId}
	/** A host of the fleet, from the host list: its own app, over its session. */
	| {readonly type: 'open-host'; readonly index: number}
	/** Back to the fleet's host list, from a host's sections. */
	| {readonly type: 'host-list'}
	| {readonly type: 'open-check'; readonly id: string}
	| {readonly type: 'back'}
	| {readonly type: 'run'; readonly ids: readonly string[]}
	| {readonly type: 'plan-fix'; readonly id: string}
	/** One merged fix of several checks. */
	| {readonly type: 'plan-batch'; readonly ids: readonly string[]}
	| {readonly type: 'open-journal'}
	/** The demo sandbox, in place of a host whose Docker daemon does not answer. */
	| {readonly type: 'open-demo'}
	| {readonly type: 'open-entry'; readonly id: string}
	/** The undo of a journal entry; `force` overwrites what changed since the fix. */
	| {readonly type: 'plan-undo'; readonly entryId: string; readonly force: boolean}
	/** Plans again the fix, merged fix or undo of the restart question on top, with the operator's answer. */
	| {readonly type: 'plan-restart'; readonly choice: 'command' | 'later'}
	| {readonly type: 'apply'}
	/** The search of every check, from the sections screen: a list of the matches with its filter input open. */
	| {readonly type: 'open-search'}
	/** The waiver form of a WARN. */
	| {readonly type: 'open-waiver'; readonly id: string}
	/** Records a waiver, as the form was filled in and checked. */
	| {readonly type: 'add-waiver'; readonly id: string; readonly reason: string; readonly expires?: string}
	/** Proves the live audit rule of a passing audit-rule check. */
	| {readonly type: 'prove-audit'; readonly id: string}
	/** The CIS Docker Benchmark version picker. */
	| {readonly type: 'open-benchmark'}
	/** Speak another benchmark version: its ids and titles, and what had run run again. */
	| {readonly type: 'select-benchmark'; readonly version: BenchmarkVersion}
	| {readonly type: 'notice'; readonly text: string};

/** A screen reducer's answer: its next state and what it asks of the app. */
export type Transition<S> = {
	readonly state: S;
	readonly requests: readonly Request[];
};

/** The next state, asking nothing. */
export function stay<S>(state: S): Transition<S> {
	return {state, requests: []};
}

/** The next state and the requests, in order. */
export function go<S>(state: S, ...requests: Request[]): Transition<S> {
	return {state, requests};
}

/** What every screen reducer may read: the catalogue, the results so far and the size of the body. */
export type ScreenContext = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	readonly results: Readonly<Record<string, Result>>;
	/** Check ids queued or running, mapped to their run. */
	readonly pending: Readonly<Record<string, number>>;
	/** Columns available to the body. */
	readonly width: number;
	/** Lines available to the body. */
	readonly height: number;
	/** The local day, YYYY-MM-DD: an expiry day must come after it. */
	readonly today: string;
	/** --read-only: the screens offer no fix, undo or waiver. */
	readonly readOnly?: boolean;
	/** No Docker daemon answers, and the demo sandbox can be opened in its place (`d` on the sections screen). */
	readonly demoOffered?: boolean;
	/** The CIS Docker Benchmark version of `checks`. */
	readonly benchmark?: BenchmarkVersion;
};

/** The ids of a section's checks, in catalogue order. */
export function sectionCheckIds(checks: readonly Check[], section: SectionId): string[] {
	return checks.filter(check => check.section === section).map(check => check.id);
}

/** Finds a check by id. */
export function findCheck(checks: readonly Check[], id: string): Check | undefined {
	return checks.find(check => check.id === id);
}

/** A check's section as a header names it: `1 Host Configuration`. */
export function sectionLabel(context: ScreenContext, checkId: string): string {
	const check = findCheck(context.checks, checkId);
	const section = context.sections.find(candidate => candidate.id === check?.section);
	return `${section?.id ?? '?'} ${section?.title ?? ''}`;
}
