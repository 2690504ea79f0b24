import {checks as allChecks, findCheck, sections} from './benchmark/catalogue.js';
import type {FactSource} from './benchmark/facts.js';
import {evaluateCheck, runChecks} from './benchmark/runner.js';
import type {Check, Result} from './benchmark/types.js';
import {applyPlan} from './fixes/engine.js';
import type {ApplyOutcome, FixOptions, Plan, PlanOutcome} from './fixes/types.js';
import {createFactSource, openHost, type HostAccess, type HostOptions} from './host/fact-source.js';
import type {Services} from './ui/services.js';

export type SessionOptions = HostOptions & FixOptions & {
	/** How long a restart may take, and how long to wait for the API after it. */
	readonly restartTimeoutMs?: number;
	readonly daemonWaitMs?: number;
};

/** One line naming the host and Docker, or why Docker is unreachable. */
export async function describeHost(source: FactSource): Promise<string> {
	const [host, docker] = await Promise.all([source.get('host'), source.get('docker')]);
	const root = host.root === '/' ? '' : ` (root ${host.root})`;
	return docker.reachable
		? `${host.hostname}${root} - Docker ${docker.info.ServerVersion ?? '?'} at ${docker.host}`
		: `${host.hostname}${root} - Docker unreachable at ${docker.host}: ${docker.error}`;
}

/**
A session over one host: runs checks on fresh facts, plans fixes, applies them through the engine.
The TUI and the `fix` command both use it.
*/
export function createSession(options: SessionOptions) {
	const access: HostAccess = openHost(options);
	const fixOptions: FixOptions = {auditKey: options.auditKey, restartCommand: options.restartCommand};
	const freshFacts = () => createFactSource(access);
	const byIds = (ids: readonly string[]) => ids.map(id => findCheck(id)).filter((check): check is Check => check !== undefined);

	async function verify(ids: readonly string[]): Promise<Result[]> {
		return runChecks(byIds(ids), freshFacts());
	}

	/** Plans the fix of a check, after evaluating it on fresh facts. */
	async function planFix(id: string, source: FactSource = freshFacts()): Promise<{result?: Result; outcome: PlanOutcome}> {
		const check = findCheck(id);
		if (!check?.planFix) {
			return {outcome: {ok: false, code: 'not-applicable', reason: `${id} has no automated fix in this version: follow its remediation by hand`}};
		}

		const result = await evaluateCheck(check, source);
		if (result.status !== 'warn') {
			return {result, outcome: {ok: false, code: 'nothing-to-do', reason: `${id} is ${result.status.toUpperCase()} now: there is nothing to fix (${result.summary})`}};
		}

		const facts = Object.fromEntries(await Promise.all(check.needs.map(async name => [name, await source.get(name)])));
		try {
			return {result, outcome: check.planFix(facts as never, fixOptions)};
		} catch (error) {
			return {result, outcome: {ok: false, code: 'not-applicable', reason: `the fix of ${id} could not be planned: ${(error as Error).message}`}};
		}
	}

	async function apply(plan: Plan, onStep?: (line: string) => void): Promise<ApplyOutcome> {
		return applyPlan(plan, access, {
			verify,
			onStep,
			isRoot: process.getuid?.() === 0,
			restartTimeoutMs: options.restartTimeoutMs,
			daemonWaitMs: options.daemonWaitMs,
		});
	}

	async function run(ids: readonly string[], onResult?: (result: Result) => void, signal?: AbortSignal): Promise<Result[]> {
		return runChecks(byIds(ids), freshFacts(), {onResult, signal});
	}

	return {access, freshFacts, planFix, apply, run};
}

export type Session = ReturnType<typeof createSession>;

/** The Services the TUI needs, over a session. */
export async function createServices(session: Session, checks: readonly Check[] = allChecks): Promise<Services> {
	const banner = await describeHost(session.freshFacts());
	return {
		sections,
		checks,
		banner,
		async run(ids, onResult, signal) {
			await session.run(ids, onResult, signal);
		},
		async planFix(id) {
			return (await session.planFix(id)).outcome;
		},
		async applyFix(plan, onStep) {
			return session.apply(plan, onStep);
		},
	};
}
