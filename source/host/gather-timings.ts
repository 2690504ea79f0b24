/**
Opt-in timing of the fact gatherers: with DOCKWARDEN_TIMINGS=1, each fact source records when each gatherer started and ended,
which other facts it waited for, and its own wall time (from the later of its start and the end of the last fact it waited for,
to its end); when the process exits it writes one JSON line per fact source to stderr:
`{"dockwardenTimings":{"processes":{"startMs":…,"endMs":…,"ownMs":…,"waitedFor":["containers"]},…}}`.
Without the variable nothing is recorded and the gatherers run as they are.
*/
import {AsyncLocalStorage} from 'node:async_hooks';

/** The timing of one gatherer, in ms from the fact source's creation. */
export type GathererTiming = {startMs: number; endMs?: number; ownMs?: number; waitedFor: string[]; failed?: boolean};

/** Timings of one fact source's gatherers; `run` wraps a gatherer, `waiting` notes that the running gatherer asked for another fact. */
export type GatherTimings = {
	run<Value>(name: string, gather: () => Promise<Value>): Promise<Value>;
	waiting(name: string): void;
	readonly records: ReadonlyMap<string, GathererTiming>;
};

const current = new AsyncLocalStorage<string>();
const sources: Array<ReadonlyMap<string, GathererTiming>> = [];
let exitHooked = false;

/** Whether DOCKWARDEN_TIMINGS asks for timings (1 or true). */
export function timingsWanted(environment: NodeJS.ProcessEnv = process.env): boolean {
	return environment.DOCKWARDEN_TIMINGS === '1' || environment.DOCKWARDEN_TIMINGS === 'true';
}

/** Own wall time: from the later of the start and the end of the last fact waited for, to the end. */
function ownTime(timing: GathererTiming, records: ReadonlyMap<string, GathererTiming>): number | undefined {
	if (timing.endMs === undefined) {
		return undefined;
	}

	const ready = Math.max(timing.startMs, ...timing.waitedFor.map(name => records.get(name)?.endMs ?? timing.startMs));
	return Math.max(0, Math.round((timing.endMs - ready) * 10) / 10);
}

/** The JSON line of one fact source's timings. */
export function timingsLine(records: ReadonlyMap<string, GathererTiming>): string {
	const round = (ms: number | undefined) => ms === undefined ? undefined : Math.round(ms * 10) / 10;
	const entries = [...records.entries()].map(([name, timing]) => [name, {...timing, startMs: round(timing.startMs), endMs: round(timing.endMs), ownMs: ownTime(timing, records)}]);
	return JSON.stringify({dockwardenTimings: Object.fromEntries(entries)});
}

/** A recorder for one fact source when timings are wanted, else undefined. */
export function createGatherTimings(environment: NodeJS.ProcessEnv = process.env): GatherTimings | undefined {
	if (!timingsWanted(environment)) {
		return undefined;
	}

	const origin = performance.now();
	const records = new Map<string, GathererTiming>();
	sources.push(records);
	if (!exitHooked) {
		exitHooked = true;
		process.on('exit', () => {
			for (const source of sources) {
				process.stderr.write(`${timingsLine(source)}\n`);
			}
		});
	}

	return {
		records,
		async run(name, gather) {
			const timing: GathererTiming = {startMs: performance.now() - origin, waitedFor: []};
			records.set(name, timing);
			try {
				return await current.run(name, gather);
			} catch (error) {
				timing.failed = true;
				throw error;
			} finally {
				timing.endMs = performance.now() - origin;
			}
		},
		waiting(name) {
			const asking = current.getStore();
			const timing = asking === undefined ? undefined : records.get(asking);
			if (timing && !timing.waitedFor.includes(name)) {
				timing.waitedFor.push(name);
			}
		},
	};
}
