import type {Plan} from './types.js';
import type {RootFs} from '../host/root-fs.js';

/** Where dockwarden keeps its journal and backups on the host (under --root). */
export const stateDirectory = '/var/lib/dockwarden';
export const journalDirectory = `${stateDirectory}/journal`;
export const backupDirectory = `${stateDirectory}/backups`;

/** What one applied fix changed, enough to undo it. */
export type JournalEntry = {
	readonly id: string;
	readonly time: string;
	readonly checkIds: readonly string[];
	readonly title: string;
	readonly changes: ReadonlyArray<
		| {readonly kind: 'write'; readonly path: string; readonly created: boolean; readonly backup?: string}
		| {readonly kind: 'run'; readonly argv: readonly string[]; readonly undoArgv?: readonly string[]}
		| {readonly kind: 'chown'; readonly path: string; readonly uid: number; readonly gid: number; readonly before: {readonly uid: number; readonly gid: number}}
		| {readonly kind: 'chmod'; readonly path: string; readonly mode: number; readonly before: number}
		| {readonly kind: 'restart-daemon'; readonly argv: readonly string[]}
	>;
};

/** A journal entry id: sortable time, then the checks. */
export function entryId(time: Date, plan: Plan): string {
	return `${time.toISOString().replaceAll(/[:.]/g, '-')}-${plan.checkIds.join('_') || 'fix'}`;
}

/** The backup path of a file for one entry. */
export function backupPath(id: string, path: string): string {
	return `${backupDirectory}/${id}${path}`;
}

/** Appends an entry to the journal, atomically. Returns its host path. */
export async function writeJournalEntry(fs: RootFs, entry: JournalEntry): Promise<string> {
	const path = `${journalDirectory}/${entry.id}.json`;
	await fs.writeAtomic(path, `${JSON.stringify(entry, undefined, '\t')}\n`, 0o600);
	return path;
}
