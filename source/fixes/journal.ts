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
	/** Set on the entry of an undo: the entry it reverted. */
	readonly undoes?: string;
	/** Set once the entry has been undone: when, and by which entry. */
	readonly undoneAt?: string;
	readonly undoneBy?: string;
	readonly changes: ReadonlyArray<
		| {
			readonly kind: 'write';
			readonly path: string;
			readonly created: boolean;
			/** Host path of the copy of the file as it was before (absent when the fix created it). */
			readonly backup?: string;
			/** SHA-256 of what the fix wrote: undo refuses when the file has changed since, unless forced. */
			readonly afterSha256?: string;
			/** Host path of a copy of what the fix wrote, to show the difference when the file has changed since. */
			readonly written?: string;
		}
		| {readonly kind: 'remove'; readonly path: string; readonly backup: string}
		| {readonly kind: 'run'; readonly argv: readonly string[]; readonly undoArgv?: readonly string[]}
		| {readonly kind: 'chown'; readonly path: string; readonly uid: number; readonly gid: number; readonly before: {readonly uid: number; readonly gid: number}}
		| {readonly kind: 'chmod'; readonly path: string; readonly mode: number; readonly before: number}
		| {readonly kind: 'restart-daemon'; readonly argv: readonly string[]}
	>;
};

/** A journal entry id: sortable time, then the checks (or what it undoes). */
export function entryId(time: Date, plan: Plan): string {
	const what = plan.undoes ? `undo-${plan.undoes.slice(25)}` : plan.checkIds.join('_') || 'fix';
	return `${time.toISOString().replaceAll(/[:.]/g, '-')}-${what}`.slice(0, 120);
}

/** The backup path of a file for one entry. */
export function backupPath(id: string, path: string): string {
	return `${backupDirectory}/${id}${path}`;
}

/** Where a copy of what a fix wrote is kept, to show what changed since. */
export function writtenPath(id: string, path: string): string {
	return `${backupDirectory}/${id}/written${path}`;
}

/** Appends an entry to the journal, atomically. Returns its host path. */
export async function writeJournalEntry(fs: RootFs, entry: JournalEntry): Promise<string> {
	const path = `${journalDirectory}/${entry.id}.json`;
	await fs.writeAtomic(path, `${JSON.stringify(entry, undefined, '\t')}\n`, 0o600);
	return path;
}

/** The host path of an entry. */
export function entryPath(id: string): string {
	return `${journalDirectory}/${id}.json`;
}

/** Every journal entry, newest first. Unreadable entries are skipped. */
export async function readJournal(fs: RootFs): Promise<JournalEntry[]> {
	const names = (await fs.readdir(journalDirectory)).filter(name => name.endsWith('.json') && !name.endsWith('.pending.json')).sort().reverse();
	const entries = await Promise.all(names.map(async name => {
		try {
			return JSON.parse(await fs.readText(`${journalDirectory}/${name}`) ?? '') as JournalEntry;
		} catch {
			return undefined;
		}
	}));
	return entries.filter(entry => entry !== undefined);
}

/** Records that an entry was undone. */
export async function markUndone(fs: RootFs, id: string, time: Date, by: string): Promise<void> {
	const text = await fs.readText(entryPath(id));
	if (text === undefined) {
		return;
	}

	const entry = JSON.parse(text) as JournalEntry;
	await fs.writeAtomic(entryPath(id), `${JSON.stringify({...entry, undoneAt: time.toISOString(), undoneBy: by}, undefined, '\t')}\n`, 0o600);
}

/**
A fix in progress: written before the first step and removed when the fix ends (applied or rolled back).
One left behind means dockwarden was killed half-way: its backups can restore the files.
*/
export type PendingEntry = {
	readonly id: string;
	readonly pid: number;
	readonly time: string;
	readonly title: string;
	readonly backups: ReadonlyArray<{readonly path: string; readonly backup?: string; readonly created: boolean}>;
	readonly undoArgv: ReadonlyArray<readonly string[]>;
	/** Owners and modes as they were before a chown or chmod of the fix (absent in records of older versions). */
	readonly attributes?: readonly PendingAttributes[];
};

/** A path's owner or mode before the fix changed it. */
export type PendingAttributes = {
	readonly path: string;
	readonly owner?: {readonly uid: number; readonly gid: number};
	readonly mode?: number;
};

/** The host path of a pending record. */
export function pendingPath(id: string): string {
	return `${journalDirectory}/${id}.pending.json`;
}

export async function writePending(fs: RootFs, pending: PendingEntry): Promise<void> {
	await fs.writeAtomic(pendingPath(pending.id), `${JSON.stringify(pending, undefined, '\t')}\n`, 0o600);
}

export async function removePending(fs: RootFs, id: string): Promise<void> {
	await fs.remove(pendingPath(id));
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Fixes that were interrupted: pending records whose process is gone. */
export async function findInterrupted(fs: RootFs): Promise<PendingEntry[]> {
	const names = (await fs.readdir(journalDirectory)).filter(name => name.endsWith('.pending.json')).sort();
	const pending = await Promise.all(names.map(async name => {
		try {
			return JSON.parse(await fs.readText(`${journalDirectory}/${name}`) ?? '') as PendingEntry;
		} catch {
			return undefined;
		}
	}));
	return pending.filter((entry): entry is PendingEntry => entry !== undefined && !isAlive(entry.pid));
}

/** Where the lock that keeps two dockwarden processes from changing the host at once lives. */
export const lockPath = `${stateDirectory}/lock`;

/**
Takes the lock, or says who holds it. A lock left by a process that is gone is taken over.
Returns a release function.
*/
export async function takeLock(fs: RootFs): Promise<{ok: true; release: () => Promise<void>} | {ok: false; holder: number}> {
	for (let attempt = 0; attempt < 2; attempt++) {
		// eslint-disable-next-line no-await-in-loop
		if (await fs.createExclusive(lockPath, `${process.pid}\n`)) {
			return {ok: true, release: async () => fs.remove(lockPath)};
		}

		// eslint-disable-next-line no-await-in-loop
		const holder = Number((await fs.readText(lockPath))?.trim());
		if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
			return {ok: false, holder};
		}

		// eslint-disable-next-line no-await-in-loop
		await fs.remove(lockPath);
	}

	return {ok: false, holder: 0};
}
