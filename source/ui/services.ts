import type {Check, Result, Section} from '../benchmark/types.js';
import type {ApplyOutcome, Plan, PlanOutcome} from '../fixes/types.js';

/**
Everything the TUI asks of the world. The real implementation is wired in `source/session.ts`; component tests pass a fake.
*/
export type Services = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	/** Runs these checks on freshly gathered facts, reporting each result as it finishes. */
	run(ids: readonly string[], onResult: (result: Result) => void, signal: AbortSignal): Promise<void>;
	/** Plans the fix of one check from fresh facts. */
	planFix(id: string): Promise<PlanOutcome>;
	/** Applies a confirmed plan (back up, write, run, restart, verify, journal), reporting each step as it goes. */
	applyFix(plan: Plan, onStep: (line: string) => void): Promise<ApplyOutcome>;
	/** A one-line banner: host, Docker version, root, or why Docker is unreachable. */
	readonly banner: string;
};
