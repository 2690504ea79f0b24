import type {Status} from '../benchmark/types.js';

/** What happened in one TUI session, for the summary printed when the operator quits. */
export type SessionRecord = {
	/** The first status each check had in the session. */
	readonly first: Readonly<Record<string, Status>>;
	/** The last status each check had in the session. */
	readonly last: Readonly<Record<string, Status>>;
	readonly fixesApplied: ReadonlyArray<{readonly title: string; readonly checkIds: readonly string[]; readonly journalEntry?: string}>;
	readonly fixesUndone: ReadonlyArray<{readonly title: string; readonly entry: string}>;
	readonly waiversAdded: ReadonlyArray<{readonly id: string; readonly reason: string; readonly expires?: string}>;
	/** The session was in the demo sandbox: nothing of it is on this machine any more. */
	readonly demo?: true;
};

/** An empty record. */
export const emptySessionRecord: SessionRecord = {first: {}, last: {}, fixesApplied: [], fixesUndone: [], waiversAdded: []};

/** True when the session changed anything: a fix applied or undone, a waiver added. */
export function sessionChanged(record: SessionRecord): boolean {
	return record.fixesApplied.length > 0 || record.fixesUndone.length > 0 || record.waiversAdded.length > 0;
}
