import type {FactName, Facts} from '../model/facts.js';
import type {CheckText} from './text/check-text.js';
import type {BenchmarkVersion} from '../model/benchmark-versions.js';
import type {PlanOutcome, FixOptions} from '../model/plan.js';

/** The status of one evaluated check. `waived` is a `warn` the operator has accepted, with a reason (see source/waivers). */
export type Status = 'pass' | 'warn' | 'info' | 'note' | 'skip' | 'error' | 'waived';

/** What a finding is about, for reports that place it (SARIF locations): a file on the host, or a container or an image by name. */
export type Subject = {readonly kind: 'file'; readonly path: string} | {readonly kind: 'container' | 'image'; readonly name: string};

/** What a check's audit returns. */
export type Finding = {
	readonly status: Status;
	/** One line. */
	readonly summary: string;
	/** Specific things looked at or found: paths, rules, flags, containers. */
	readonly evidence: readonly string[];
	/** The files, containers or images the finding is about, when the check knows them (a warn: the ones that offend); else it is host-wide. */
	readonly subjects?: readonly Subject[];
};

export type SectionId = '1' | '2' | '3' | '4' | '5' | '6' | '7';

export type Section = {
	readonly id: SectionId;
	readonly title: string;
};

/**
A CIS check: data plus a pure audit over gathered facts.

`needs` lists the facts the audit (and the fix planner) reads; the runner gathers exactly those.
A check without `audit` is in the catalogue but not evaluated by this version; the runner reports it as `info` and says so.
*/
export type Check = CheckText & {
	/** The id in the benchmark version of this catalogue (v1.8.0's 2.10 is v1.6.0's 2.9). */
	readonly id: string;
	/** Stable across versions: the v1.6.0 id, or ID@VERSION for a check new in a later version (see benchmark/versions.ts). */
	readonly key: string;
	/** The benchmark version whose id and words this is. */
	readonly benchmark: BenchmarkVersion;
	readonly section: SectionId;
	readonly needs: readonly FactName[];
	readonly audit?: (facts: Facts) => Finding;
	/** Plans the automated fix for a `warn`, if this check has one. */
	readonly planFix?: (facts: Facts, options: FixOptions) => PlanOutcome;
};

/** An accepted risk: a WARN the operator has waived, with why and until when. */
export type Waiver = {
	readonly id: string;
	readonly reason: string;
	/** YYYY-MM-DD; the waiver no longer applies after this day. */
	readonly expires?: string;
	/** ISO-8601, when it was recorded. */
	readonly added?: string;
	/** The benchmark version of `id` (absent: v1.6.0, as every waiver was before dockwarden knew versions). */
	readonly benchmark?: BenchmarkVersion;
	/**
	Set on a waiver that a session carried over to its version under another id: the id and version it was recorded under
	(a waiver of v1.6.0's 2.9 applies to v1.8.0's 2.10, and says so).
	*/
	readonly recordedAs?: {readonly id: string; readonly benchmark: BenchmarkVersion};
};

/** A check's finding in a run. */
export type Result = Finding & {
	readonly id: string;
	readonly fixable: boolean;
	readonly durationMs: number;
	/** Set when a waiver turned a `warn` into `waived`, or when an expired waiver no longer applies (`expired: true`, status stays `warn`). */
	readonly waiver?: Waiver & {readonly expired?: boolean};
};
