import type {Check, Result, Section} from '../benchmark/types.js';
import type {BenchmarkVersion} from '../model/benchmark-versions.js';
import type {ApplyOutcome, Plan, PlanOutcome, UnknownLauncher} from '../model/plan.js';
import type {ProveOutcome} from '../model/prove-outcome.js';

/**
Everything the TUI asks of the world. The real implementation is wired in `source/session.ts`; component tests pass a fake.
*/
export type Services = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	/** The CIS Docker Benchmark version of `checks` (their ids and titles). */
	readonly benchmark: BenchmarkVersion;
	/** The checks of the same selection in another version: their ids and titles there. */
	checksOf(version: BenchmarkVersion): readonly Check[];
	/** Speaks another version from now on: the ids given to every service after it are of that version. Synchronous. */
	selectBenchmark(version: BenchmarkVersion): void;
	/** Runs these checks on freshly gathered facts, reporting each result as it finishes. */
	run(ids: readonly string[], onResult: (result: Result) => void, signal: AbortSignal): Promise<void>;
	/**
	Plans the fix of one check from fresh facts. `unknownLauncher` (default `ask`): where dockerd's launcher is unknown, a
	refusal carrying the question (`restartChoice`), or the plan of the operator's answer (`command`, `later`).
	*/
	planFix(id: string, unknownLauncher?: UnknownLauncher): Promise<PlanOutcome>;
	/** Applies a confirmed plan (back up, write, run, restart, verify, journal), reporting each step as it goes. */
	applyFix(plan: Plan, onStep: (line: string) => void): Promise<ApplyOutcome>;
	/** A one-line banner shown at once: the host (and --root). */
	readonly banner: string;
	/** The full banner, once the Docker daemon has answered (or not): host, Docker version, or why Docker is unreachable. */
	describeHost?(): Promise<HostDescription>;
	/** Set inside the demo sandbox: every screen then says so. */
	readonly demo?: boolean;
	/** Opens the demo sandbox in place of this host (offered when its Docker daemon does not answer). Absent inside the demo. */
	openDemo?(): Promise<Services>;
	/** Releases what the services hold (the sandbox of the demo); called once the TUI has ended. */
	dispose?(): Promise<void>;
	/** Plans one merged fix for several checks: one diff per file, at most one daemon restart. */
	planBatch(ids: readonly string[], unknownLauncher?: UnknownLauncher): Promise<PlanOutcome>;
	/** The journal of applied fixes, newest first. */
	journal(): Promise<readonly JournalSummary[]>;
	/**
	Plans the undo of a journal entry. Refused, with the difference in `details`, when a file it wrote has changed since,
	unless `force`. The plan is applied with applyFix like any other.
	*/
	planUndo(entryId: string, force: boolean, unknownLauncher?: UnknownLauncher): Promise<PlanOutcome>;
	/**
	Records a waiver for a WARN in the waivers file: a reason (required) and an optional expiry day (YYYY-MM-DD).
	Resolves with the check's result as it now reads (`waived`), or the reason it was refused (bad date, unwritable file, not a WARN).
	*/
	addWaiver(id: string, reason: string, expires?: string): Promise<{readonly ok: true; readonly result: Result} | {readonly ok: false; readonly reason: string}>;
	/**
	Proves a passing audit-rule check (1.1.3–1.1.18) on fresh facts: touches the watched path harmlessly, then shows the
	new audit event of the live rule's key, or why none appeared. Absent where it is not wired (fakes).
	*/
	proveAudit?(id: string): Promise<ProveOutcome>;
};

/** The banner once Docker has answered, and whether it did. */
export type HostDescription = {
	readonly text: string;
	readonly dockerReachable: boolean;
};

/** One journal entry as the journal screen lists it. */
export type JournalSummary = {
	readonly id: string;
	/** ISO-8601. */
	readonly time: string;
	readonly title: string;
	readonly checkIds: readonly string[];
	/** The CIS Docker Benchmark version of those ids, when known (an entry without one: v1.6.0). */
	readonly benchmark?: string;
	/** One line per change: `wrote /etc/docker/daemon.json`, `ran auditctl -w …`, `chmod 0644 …`, `restarted the daemon`. */
	readonly changes: readonly string[];
	/** ISO-8601, when it was undone. */
	readonly undoneAt?: string;
};

/** What the audit of a fleet reports of one host (by its index in `FleetServices.hosts`) as it goes. */
export type FleetEvent =
	| {readonly type: 'connecting'; readonly index: number}
	/** Connected: the host's own services (for its app), and what the connection said worth knowing. */
	| {readonly type: 'connected'; readonly index: number; readonly services: Services; readonly note?: string}
	| {readonly type: 'result'; readonly index: number; readonly result: Result}
	| {readonly type: 'audited'; readonly index: number}
	/** Not audited, or the connection lost: why, in one line. */
	| {readonly type: 'failed'; readonly index: number; readonly reason: string};

/**
Everything the fleet's host list asks of the world (several --host in a terminal). The real implementation is in
`source/commands/fleet-tui.ts`; component tests pass a fake.
*/
export type FleetServices = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	/** The SSH URLs of the hosts, in the order given. */
	readonly hosts: readonly string[];
	/**
	Audits every host, a few at a time, reporting each step as it goes; a host that cannot be reached is reported as
	failed and does not stop the others. Each connected host's services stay usable until the TUI ends.
	*/
	audit(onEvent: (event: FleetEvent) => void, signal: AbortSignal): Promise<void>;
};
