import type {Plan} from '../model/plan.js';
import type {RootFs} from '../host/root-fs.js';
import {isEntryId, validateJournalEntry, validatePendingEntry} from './journal-schema.js';
import {shown, visible} from '../model/rule-path.js';
import {stateDirectory} from '../host/state-directory.js';

/*
Where dockwarden keeps its journal, backups and lock: root's /var/lib/dockwarden, or an ordinary user's state directory
(source/host/state-directory.ts). Every function here takes the state directory as its last argument, root's by default.
*/
export {stateDirectory} from '../host/state-directory.js';
export {backupPath, writtenPath} from './journal-paths.js';

/** The journal directory in a state directory. */
export const journalDirectoryOf = (state: string): string => `${state}/journal`;

/** The journal directory of root's state directory. */
export const journalDirectory = journalDirectoryOf(stateDirectory);

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
	/** The CIS Docker Benchmark version the fix was made under, when recorded. */
	readonly benchmark?: string;
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
		/** A command the fix ran, kept to be shown only: undo never runs a command read from the journal. */
		| {readonly kind: 'run'; readonly argv: readonly string[]}
		/** An audit rule the fix loaded (`auditctl -w PATH -k KEY`): undo unloads it with `auditctl -W PATH -k KEY`. */
		| {readonly kind: 'audit-watch'; readonly path: string; readonly key: string}
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

/** Appends an entry to the journal, atomically. Returns its host path. */
export async function writeJournalEntry(fs: RootFs, entry: JournalEntry, state = stateDirectory): Promise<string> {
	const path = entryPath(entry.id, state);
	await fs.writeAtomic(path, `${JSON.stringify(entry, undefined, '\t')}\n`, 0o600);
	return path;
}

/** The host path of an entry. */
export function entryPath(id: string, state = stateDirectory): string {
	return `${journalDirectoryOf(state)}/${id}.json`;
}

/** Which checks a journal entry fixed, and of which CIS version their ids are: `checks 2.10, 2.16 of CIS v1.8.0`. */
export function entryChecks(entry: {readonly checkIds: readonly string[]; readonly benchmark?: string}): string {
	if (entry.checkIds.length === 0) {
		return 'no check';
	}

	return `${entry.checkIds.length === 1 ? 'check' : 'checks'} ${entry.checkIds.join(', ')}${entry.benchmark ? ` of CIS v${entry.benchmark}` : ''}`;
}

/** A journal file that failed validation: never listed as an entry, never undone or recovered. */
export type InvalidJournalFile = {
	/** The id its name says, or the name itself (made visible) when that is not an id. */
	readonly id: string;
	/** Its host path. */
	readonly file: string;
	/** What is wrong, in one line. */
	readonly problem: string;
};

/** The one line that refuses an invalid journal file: names the file and says what is wrong. */
export function describeInvalid(invalid: InvalidJournalFile): string {
	return `${invalid.file} is not a valid dockwarden journal file (${invalid.problem}): it is not used; remove it or restore it from a backup`;
}

/** The id a journal file name gives, or the name itself, made visible, when it is not of an id's shape. */
function idOfName(name: string, suffix: string): string {
	const id = name.slice(0, -suffix.length);
	return isEntryId(id) ? id : shown(name);
}

/** Reads and validates every file of the journal directory ending in `suffix`, in name order. */
async function readValidated<T>(fs: RootFs, state: string, suffix: string, accept: (name: string) => boolean, validate: (json: string, id: string) => {ok: true; value: T} | {ok: false; problem: string}): Promise<Array<{ok: true; value: T} | {ok: false; invalid: InvalidJournalFile}>> {
	const names = (await fs.readdir(journalDirectoryOf(state))).filter(name => name.endsWith(suffix) && accept(name)).sort();
	return Promise.all(names.map(async name => {
		const file = `${journalDirectoryOf(state)}/${name}`;
		const id = idOfName(name, suffix);
		let text: string | undefined;
		try {
			text = await fs.readText(file);
		} catch (error) {
			return {ok: false as const, invalid: {id, file: visible(file), problem: visible(`cannot be read: ${(error as Error).message}`)}};
		}

		const outcome = text === undefined ? {ok: false as const, problem: 'cannot be read'} : validate(text, id);
		return outcome.ok ? outcome : {ok: false as const, invalid: {id, file: visible(file), problem: visible(outcome.problem)}};
	}));
}

/** Every journal entry (newest first), validated; files that fail validation are returned apart, never as entries. */
export async function readJournalFiles(fs: RootFs, state = stateDirectory): Promise<{entries: JournalEntry[]; invalid: InvalidJournalFile[]}> {
	const read = await readValidated(fs, state, '.json', name => !name.endsWith('.pending.json'), (json, id) => validateJournalEntry(json, id, state));
	const entries: JournalEntry[] = [];
	const invalid: InvalidJournalFile[] = [];
	for (const outcome of read.reverse()) {
		if (outcome.ok) {
			entries.push(outcome.value);
		} else {
			invalid.push(outcome.invalid);
		}
	}

	return {entries, invalid};
}

/** Records that an entry was undone. The entry is validated again: an invalid one is left as it is. */
export async function markUndone(fs: RootFs, id: string, time: Date, by: string, state = stateDirectory): Promise<void> {
	const text = await fs.readText(entryPath(id, state));
	if (text === undefined) {
		return;
	}

	const validated = validateJournalEntry(text, id, state);
	if (!validated.ok) {
		return;
	}

	const entry = validated.value;
	await fs.writeAtomic(entryPath(id, state), `${JSON.stringify({...entry, undoneAt: time.toISOString(), undoneBy: by}, undefined, '\t')}\n`, 0o600);
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
	/** The audit rules the fix adds, recorded before each is loaded: recovery unloads those still loaded. */
	readonly watches: ReadonlyArray<{readonly path: string; readonly key: string}>;
	/** The CIS Docker Benchmark version, when recorded. */
	readonly benchmark?: string;
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
export function pendingPath(id: string, state = stateDirectory): string {
	return `${journalDirectoryOf(state)}/${id}.pending.json`;
}

/** Writes the record of a fix in progress, atomically. */
export async function writePending(fs: RootFs, pending: PendingEntry, state = stateDirectory): Promise<void> {
	await fs.writeAtomic(pendingPath(pending.id, state), `${JSON.stringify(pending, undefined, '\t')}\n`, 0o600);
}

/** Removes the record of a fix in progress, once it has ended. */
export async function removePending(fs: RootFs, id: string, state = stateDirectory): Promise<void> {
	await fs.remove(pendingPath(id, state));
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Records of fixes in progress, validated: those whose process is gone are interrupted; invalid files apart. */
export async function readPendingFiles(fs: RootFs, state = stateDirectory): Promise<{interrupted: PendingEntry[]; invalid: InvalidJournalFile[]}> {
	const read = await readValidated(fs, state, '.pending.json', () => true, (json, id) => validatePendingEntry(json, id, state));
	const interrupted: PendingEntry[] = [];
	const invalid: InvalidJournalFile[] = [];
	for (const outcome of read) {
		if (!outcome.ok) {
			invalid.push(outcome.invalid);
		} else if (!isAlive(outcome.value.pid)) {
			interrupted.push(outcome.value);
		}
	}

	return {interrupted, invalid};
}

/** Where the lock that keeps two dockwarden processes from changing the host at once lives. */
const lockPathOf = (state: string): string => `${state}/lock`;

/**
Takes the lock, or says who holds it. A lock left by a process that is gone is taken over.
Returns a release function.
*/
export async function takeLock(fs: RootFs, state = stateDirectory): Promise<{ok: true; release: () => Promise<void>} | {ok: false; holder: number}> {
	const lockPath = lockPathOf(state);
	for (let attempt = 0; attempt < 2; attempt++) {
		// eslint-disable-next-line no-await-in-loop -- at most two attempts: the second only after a stale lock was removed
		if (await fs.createExclusive(lockPath, `${process.pid}\n`)) {
			return {ok: true, release: async () => fs.remove(lockPath)};
		}

		// eslint-disable-next-line no-await-in-loop -- the holder of the lock this attempt found
		const holder = Number((await fs.readText(lockPath))?.trim());
		if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
			return {ok: false, holder};
		}

		// eslint-disable-next-line no-await-in-loop -- the stale lock goes before the second attempt
		await fs.remove(lockPath);
	}

	return {ok: false, holder: 0};
}
