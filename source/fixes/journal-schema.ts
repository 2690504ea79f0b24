/**
The strict schema of dockwarden's journal: applied entries (`ID.json`) and the records of fixes in progress
(`ID.pending.json`). A journal file is data read from the host, not code: it is validated field by field before it is
listed, shown, undone or recovered, and a file that does not match is refused with one line naming it and what is wrong.

Written by hand (the project has no runtime schema library): exact known keys and types, no unknown key, ids of the
shape `entryId` makes, host paths absolute, normalised and free of control characters, backups only at the entry's own
backup paths, audit keys and rule paths as `rule-path.ts` allows them.
*/
import {auditKeyProblem, hasControlCharacters, pathProblem, rulePathProblem, shown} from '../model/rule-path.js';
import {stateDirectory} from '../host/state-directory.js';
import {backupPath, writtenPath} from './journal-paths.js';
import type {JournalEntry, PendingAttributes, PendingEntry} from './journal.js';

/** The outcome of validating one journal file. */
export type Validated<T> = {readonly ok: true; readonly value: T} | {readonly ok: false; readonly problem: string};

/** The shape of an entry id: the time of the fix (`2026-11-29T05-00-00-000Z`), then what it fixed or undid. */
const idShape = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[A-Za-z\d_.-]{1,95}$/;

/** The shape of a time: `Date.toISOString()`. */
const timeShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A CIS check id, e.g. `1.1.3`, `2.9`. */
const checkIdShape = /^\d{1,2}(\.\d{1,3}){1,2}$/;

/** The largest uid or gid (2^32 - 2: 2^32 - 1 is the kernel's "no change"). */
const maxId = 4_294_967_294;

/** How large a journal file may be, in characters; a real one is a few kilobytes. */
export const maxJournalFileLength = 1_000_000;

/** True when text is an entry id of the shape dockwarden makes. */
export function isEntryId(text: string): boolean {
	return idShape.test(text) && text.length <= 120;
}

/** A schema violation: where in the file, and what. */
type Failure = {readonly failure: string};

function fail(at: string, what: string): never {
	// A plain object, not an Error: caught in `validated` only.
	throw {failure: at === '' ? what : `${at}: ${what}`} satisfies Failure;
}

const isFailure = (value: unknown): value is Failure => typeof value === 'object' && value !== null && typeof (value as Failure).failure === 'string';

function typeName(value: unknown): string {
	return value === null ? 'null' : (Array.isArray(value) ? 'an array' : `a ${typeof value}`);
}

/** The object at `at`, with exactly the keys in `required` and some of `optional`, and no other. */
function object(value: unknown, at: string, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		fail(at, `must be an object, not ${typeName(value)}`);
	}

	const record = value as Record<string, unknown>;
	for (const key of Object.keys(record)) {
		if (!required.includes(key) && !optional.includes(key)) {
			fail(at, `unknown field ${shown(key)}${/argv/i.test(key) ? ' (dockwarden never runs a command stored in its journal)' : ''}`);
		}
	}

	for (const key of required) {
		if (!Object.hasOwn(record, key)) {
			fail(at, `the field "${key}" is missing`);
		}
	}

	return record;
}

const join = (at: string, key: string | number) => typeof key === 'number' ? `${at}[${key}]` : (at === '' ? key : `${at}.${key}`);

function text(value: unknown, at: string, maxLength = 1000): string {
	if (typeof value !== 'string') {
		fail(at, `must be a string, not ${typeName(value)}`);
	}

	if (value.length > maxLength) {
		fail(at, `is longer than ${maxLength} characters`);
	}

	if (hasControlCharacters(value)) {
		fail(at, `${shown(value)} holds a control character`);
	}

	return value;
}

function flag(value: unknown, at: string): boolean {
	if (typeof value !== 'boolean') {
		fail(at, `must be true or false, not ${typeName(value)}`);
	}

	return value;
}

function integer(value: unknown, at: string, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		fail(at, `must be a whole number from ${min} to ${max}, not ${shown(value)}`);
	}

	return value;
}

function list<T>(value: unknown, at: string, maxLength: number, item: (value: unknown, at: string) => T): T[] {
	if (!Array.isArray(value)) {
		fail(at, `must be a list, not ${typeName(value)}`);
	}

	if (value.length > maxLength) {
		fail(at, `has more than ${maxLength} items`);
	}

	return value.map((element, index) => item(element, join(at, index)));
}

function hostPath(value: unknown, at: string): string {
	const problem = pathProblem(text(value, at, 4096));
	if (problem !== undefined) {
		fail(at, problem);
	}

	return value as string;
}

function rulePath(value: unknown, at: string): string {
	const problem = rulePathProblem(hostPath(value, at));
	if (problem !== undefined) {
		fail(at, problem);
	}

	return value as string;
}

function auditKey(value: unknown, at: string): string {
	const problem = auditKeyProblem(text(value, at, 100));
	if (problem !== undefined) {
		fail(at, problem);
	}

	return value as string;
}

function entryIdField(value: unknown, at: string): string {
	if (!isEntryId(text(value, at, 120))) {
		fail(at, `${shown(value)} is not a journal entry id`);
	}

	return value as string;
}

function time(value: unknown, at: string): string {
	if (!timeShape.test(text(value, at, 40)) || Number.isNaN(Date.parse(value as string))) {
		fail(at, `${shown(value)} is not a time (ISO 8601, UTC)`);
	}

	return value as string;
}

function sha256(value: unknown, at: string): string {
	if (!/^[\da-f]{64}$/.test(text(value, at, 64))) {
		fail(at, 'is not a SHA-256 in hex');
	}

	return value as string;
}

/** An argv kept only to be shown (what a fix ran): strings without control characters; never run by undo. */
function shownArgv(value: unknown, at: string): string[] {
	const argv = list(value, at, 64, (item, where) => text(item, where, 4096));
	if (argv.length === 0) {
		fail(at, 'is empty');
	}

	return argv;
}

function owner(value: unknown, at: string): {uid: number; gid: number} {
	const record = object(value, at, ['uid', 'gid']);
	return {uid: integer(record.uid, join(at, 'uid'), 0, maxId), gid: integer(record.gid, join(at, 'gid'), 0, maxId)};
}

const mode = (value: unknown, at: string) => integer(value, at, 0, 0o7777);

/** The backup of `path` must be where the engine puts it for this entry, and nowhere else. */
function ownBackup(value: unknown, at: string, expected: string): string {
	if (hostPath(value, at) !== expected) {
		fail(at, `${shown(value)} is not this entry's own copy (${expected})`);
	}

	return expected;
}

type Change = JournalEntry['changes'][number];

function change(value: unknown, at: string, id: string, state: string): Change {
	const kind = object(value, at, ['kind'], ['path', 'created', 'backup', 'afterSha256', 'written', 'argv', 'key', 'uid', 'gid', 'before', 'mode']).kind;
	const here = (key: string) => join(at, key);
	switch (kind) {
		case 'write': {
			const record = object(value, at, ['kind', 'path', 'created'], ['backup', 'afterSha256', 'written']);
			const path = hostPath(record.path, here('path'));
			const created = flag(record.created, here('created'));
			if (created && record.backup !== undefined) {
				fail(here('backup'), 'a file the fix created has no backup');
			}

			return {
				kind,
				path,
				created,
				...(record.backup === undefined ? {} : {backup: ownBackup(record.backup, here('backup'), backupPath(id, path, state))}),
				...(record.afterSha256 === undefined ? {} : {afterSha256: sha256(record.afterSha256, here('afterSha256'))}),
				...(record.written === undefined ? {} : {written: ownBackup(record.written, here('written'), writtenPath(id, path, state))}),
			};
		}

		case 'remove': {
			const record = object(value, at, ['kind', 'path', 'backup']);
			const path = hostPath(record.path, here('path'));
			return {kind, path, backup: ownBackup(record.backup, here('backup'), backupPath(id, path, state))};
		}

		case 'audit-watch': {
			const record = object(value, at, ['kind', 'path', 'key']);
			return {kind, path: rulePath(record.path, here('path')), key: auditKey(record.key, here('key'))};
		}

		case 'run': {
			const record = object(value, at, ['kind', 'argv']);
			return {kind, argv: shownArgv(record.argv, here('argv'))};
		}

		case 'chown': {
			const record = object(value, at, ['kind', 'path', 'uid', 'gid', 'before']);
			return {kind, path: hostPath(record.path, here('path')), uid: integer(record.uid, here('uid'), 0, maxId), gid: integer(record.gid, here('gid'), 0, maxId), before: owner(record.before, here('before'))};
		}

		case 'chmod': {
			const record = object(value, at, ['kind', 'path', 'mode', 'before']);
			return {kind, path: hostPath(record.path, here('path')), mode: mode(record.mode, here('mode')), before: mode(record.before, here('before'))};
		}

		case 'restart-daemon': {
			const record = object(value, at, ['kind', 'argv']);
			return {kind, argv: shownArgv(record.argv, here('argv'))};
		}

		default: {
			return fail(here('kind'), `${shown(kind)} is not a kind of change dockwarden makes`);
		}
	}
}

function validated<T>(parse: () => T): Validated<T> {
	try {
		return {ok: true, value: parse()};
	} catch (error) {
		if (isFailure(error)) {
			return {ok: false, problem: error.failure};
		}

		throw error;
	}
}

function parsed(json: string): unknown {
	if (json.length > maxJournalFileLength) {
		fail('', `the file is larger than ${maxJournalFileLength} characters`);
	}

	try {
		return JSON.parse(json) as unknown;
	} catch (error) {
		return fail('', `not JSON (${(error as Error).message})`);
	}
}

/** Checks that the id inside a file is the one its name says (`ID.json`, `ID.pending.json`). */
function sameId(id: string, expected: string | undefined): void {
	if (expected !== undefined && id !== expected) {
		fail('id', `${shown(id)} is not the id its file name says (${shown(expected)})`);
	}
}

/**
Validates the text of an applied entry (`ID.json`). `expectedId` is the id its file name says; the id inside must match.
Every value is checked; the result holds only known fields.
*/
export function validateJournalEntry(json: string, expectedId?: string, state = stateDirectory): Validated<JournalEntry> {
	return validated(() => {
		const record = object(parsed(json), '', ['id', 'time', 'checkIds', 'title', 'changes'], ['undoes', 'undoneAt', 'undoneBy', 'benchmark']);
		const id = entryIdField(record.id, 'id');
		sameId(id, expectedId);
		return {
			id,
			time: time(record.time, 'time'),
			checkIds: list(record.checkIds, 'checkIds', 200, (value, at) => {
				if (!checkIdShape.test(text(value, at, 12))) {
					fail(at, `${shown(value)} is not a check id`);
				}

				return value as string;
			}),
			title: text(record.title, 'title'),
			...(record.undoes === undefined ? {} : {undoes: entryIdField(record.undoes, 'undoes')}),
			...(record.undoneAt === undefined ? {} : {undoneAt: time(record.undoneAt, 'undoneAt')}),
			...(record.undoneBy === undefined ? {} : {undoneBy: entryIdField(record.undoneBy, 'undoneBy')}),
			...(record.benchmark === undefined ? {} : {benchmark: text(record.benchmark, 'benchmark', 40)}),
			changes: list(record.changes, 'changes', 1000, (value, at) => change(value, at, id, state)),
		};
	});
}

/** The largest pid Linux hands out (PID_MAX_LIMIT). */
const maxPid = 4_194_304;

/**
Validates the text of a pending record (`ID.pending.json`): the files backed up, the audit rules about to be added and
the owners and modes about to be changed. It holds no command: recovery derives the inverse of each step itself.
*/
export function validatePendingEntry(json: string, expectedId?: string, state = stateDirectory): Validated<PendingEntry> {
	return validated(() => {
		const record = object(parsed(json), '', ['id', 'pid', 'time', 'title', 'backups', 'watches'], ['attributes', 'benchmark']);
		const id = entryIdField(record.id, 'id');
		sameId(id, expectedId);
		return {
			id,
			pid: integer(record.pid, 'pid', 1, maxPid),
			time: time(record.time, 'time'),
			title: text(record.title, 'title'),
			...(record.benchmark === undefined ? {} : {benchmark: text(record.benchmark, 'benchmark', 40)}),
			backups: list(record.backups, 'backups', 1000, (value, at) => {
				const backup = object(value, at, ['path', 'created'], ['backup']);
				const path = hostPath(backup.path, join(at, 'path'));
				const created = flag(backup.created, join(at, 'created'));
				if (created && backup.backup !== undefined) {
					fail(join(at, 'backup'), 'a file the fix created has no backup');
				}

				return {path, created, ...(backup.backup === undefined ? {} : {backup: ownBackup(backup.backup, join(at, 'backup'), backupPath(id, path, state))})};
			}),
			watches: list(record.watches, 'watches', 100, (value, at) => {
				const watch = object(value, at, ['path', 'key']);
				return {path: rulePath(watch.path, join(at, 'path')), key: auditKey(watch.key, join(at, 'key'))};
			}),
			...(record.attributes === undefined ? {} : {
				attributes: list(record.attributes, 'attributes', 1000, (value, at): PendingAttributes => {
					const attributes = object(value, at, ['path'], ['owner', 'mode']);
					return {
						path: hostPath(attributes.path, join(at, 'path')),
						...(attributes.owner === undefined ? {} : {owner: owner(attributes.owner, join(at, 'owner'))}),
						...(attributes.mode === undefined ? {} : {mode: mode(attributes.mode, join(at, 'mode'))}),
					};
				}),
			}),
		};
	});
}
