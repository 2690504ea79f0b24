import path from 'node:path';
import type {Waiver} from '../benchmark/types.js';
import {benchmarkVersions, isBenchmarkVersion, legacyBenchmark, type BenchmarkVersion} from '../model/benchmark-versions.js';
import {createRootFs, type RootFs} from '../host/root-fs.js';
import {findJsonSyntaxError, lineAndColumn} from './json-syntax.js';

/** Where the waivers live on the host (under `--root`) unless `--waivers FILE` names another file. */
export const defaultWaiversPath = '/etc/dockwarden/waivers.json';

/** A waivers file to read and write: the host's, through a RootFs, or a local one given with `--waivers`. `label` names it in errors. */
export type WaiverSource = {
	readonly label: string;
	/** The file's text, or undefined when there is no such file. */
	read(): Promise<string | undefined>;
	/** Replaces the file's text, atomically. */
	write(text: string): Promise<void>;
};

/** The keys a waiver may have, in the order the file is written. */
const waiverKeys = ['id', 'reason', 'expires', 'added', 'benchmark'] as const;

/**
The check ids a waiver may name: one set for every version, or the ids of the version the waiver names (a waiver without
`benchmark` names a v1.6.0 id, as every waiver did before dockwarden knew versions).
*/
export type KnownIds = ReadonlySet<string> | ((benchmark: BenchmarkVersion) => ReadonlySet<string>);

type WaiverKey = typeof waiverKeys[number];

/** A value that is a plain object. */
type JsonObject = Record<string, unknown>;

const isoDateTime = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** A source over a file of a RootFs; written atomically, keeping an existing file's owner and mode (0644 for a new one). */
function rootFsSource(rootFs: RootFs, filePath: string, label: string): WaiverSource {
	return {
		label,
		read: async () => rootFs.readText(filePath),
		write: async text => rootFs.writeAtomic(filePath, text, 0o644),
	};
}

/** The host's waivers file (`/etc/dockwarden/waivers.json` unless `hostPath` says otherwise), under the RootFs's root; named by its local path. */
export function hostWaiverSource(rootFs: RootFs, hostPath = defaultWaiversPath): WaiverSource {
	return rootFsSource(rootFs, hostPath, rootFs.local(hostPath));
}

/** A waivers file on this machine, as given with `--waivers FILE` (relative to the working directory); named as given. */
export function localWaiverSource(file: string): WaiverSource {
	return rootFsSource(createRootFs('/'), path.resolve(file), file);
}

/** A one-line error: the file's label, then where, then what. */
function invalid(label: string, ...parts: string[]): Error {
	return new Error([label, ...parts].join(': '));
}

/** How a JSON value is named in messages: `a string`, `an array`, `null`. */
function typeName(value: unknown): string {
	if (value === null) {
		return 'null';
	}

	if (Array.isArray(value)) {
		return 'an array';
	}

	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True for a real calendar day written YYYY-MM-DD (`2027-02-30` is not one). */
export function isRealDay(text: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) {
		return false;
	}

	const [year, month, day] = match.slice(1).map(Number);
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for an ISO-8601 date or date-time (`2025-03-04`, `2025-03-04T05:06:07.089Z`) on a real day. */
function isIsoDateTime(text: string): boolean {
	return isoDateTime.test(text) && isRealDay(text.slice(0, 10)) && !Number.isNaN(Date.parse(text));
}

/** Parses the text as JSON, or throws one line with the line and column of the first problem. */
function parseJson(text: string, label: string): unknown {
	const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
	let problem;
	try {
		problem = findJsonSyntaxError(body);
	} catch {
		// Too deeply nested to scan: JSON.parse below says what it can.
	}

	if (problem) {
		const {line, column} = lineAndColumn(body, problem.offset);
		throw invalid(label, `line ${line}, column ${column}`, `not valid JSON: ${problem.message}`);
	}

	try {
		return JSON.parse(body);
	} catch (error) {
		throw invalid(label, `not valid JSON (${(error as Error).message.replaceAll(/\s+/g, ' ')})`);
	}
}

/** The `waivers` array of the file's top-level object. */
function waiverEntries(value: unknown, label: string): unknown[] {
	if (!isObject(value)) {
		throw invalid(label, `expected an object like {"waivers": […]}, found ${typeName(value)}`);
	}

	const unknownKey = Object.keys(value).find(key => key !== 'waivers');
	if (unknownKey !== undefined) {
		throw invalid(label, `unknown key ${JSON.stringify(unknownKey)} (the file has only "waivers")`);
	}

	if (!('waivers' in value)) {
		throw invalid(label, 'no "waivers" array');
	}

	if (!Array.isArray(value.waivers)) {
		throw invalid(label, `"waivers" must be an array, not ${typeName(value.waivers)}`);
	}

	return value.waivers;
}

/** An entry's string field, checked for presence (when required) and type. */
function stringField(entry: JsonObject, key: WaiverKey, required: boolean, fail: (message: string) => Error): string | undefined {
	const value = entry[key];
	if (value === undefined) {
		if (required) {
			throw fail(`no ${JSON.stringify(key)}`);
		}

		return undefined;
	}

	if (typeof value !== 'string') {
		throw fail(`${JSON.stringify(key)} must be a string, not ${typeName(value)}`);
	}

	return value;
}

function checkId(id: string, benchmark: BenchmarkVersion | undefined, knownIds: KnownIds, fail: (message: string) => Error): void {
	const known = typeof knownIds === 'function' ? knownIds(benchmark ?? legacyBenchmark) : knownIds;
	if (!known.has(id)) {
		throw fail(`unknown check id ${JSON.stringify(id)}${typeof knownIds === 'function' ? ` in CIS Docker Benchmark v${benchmark ?? legacyBenchmark}${benchmark === undefined ? ' (a waiver without "benchmark" names a v1.6.0 id)' : ''}` : ''}`);
	}
}

function checkBenchmark(benchmark: string | undefined, fail: (message: string) => Error): BenchmarkVersion | undefined {
	if (benchmark !== undefined && !isBenchmarkVersion(benchmark)) {
		throw fail(`"benchmark" must be one of ${benchmarkVersions.join(', ')}, not ${JSON.stringify(benchmark)}`);
	}

	return benchmark;
}

function checkReason(reason: string, fail: (message: string) => Error): void {
	if (reason.trim() === '') {
		throw fail('"reason" must not be empty');
	}

	if (/[\u0000-\u001F\u007F]/.test(reason)) {
		throw fail('"reason" must be one line, without control characters');
	}
}

function checkExpires(expires: string | undefined, fail: (message: string) => Error): void {
	if (expires === undefined) {
		return;
	}

	if (!/^\d{4}-\d{2}-\d{2}$/.test(expires)) {
		throw fail(`"expires" must be a day written YYYY-MM-DD, not ${JSON.stringify(expires)}`);
	}

	if (!isRealDay(expires)) {
		throw fail(`"expires" is not a real day: ${JSON.stringify(expires)}`);
	}
}

function checkAdded(added: string | undefined, fail: (message: string) => Error): void {
	if (added !== undefined && !isIsoDateTime(added)) {
		throw fail(`"added" must be an ISO-8601 date-time such as "2025-03-04T05:06:07Z", not ${JSON.stringify(added)}`);
	}
}

/** One entry checked and turned into a Waiver (keys in file order), or a one-line error naming `where`. */
function toWaiver(entry: unknown, where: string, knownIds: KnownIds, label: string): Waiver {
	const fail = (message: string) => invalid(label, where, message);
	if (!isObject(entry)) {
		throw fail(`a waiver must be an object, not ${typeName(entry)}`);
	}

	const unknownKey = Object.keys(entry).find(key => !(waiverKeys as readonly string[]).includes(key));
	if (unknownKey !== undefined) {
		throw fail(`unknown key ${JSON.stringify(unknownKey)} (a waiver has ${waiverKeys.join(', ')})`);
	}

	const id = stringField(entry, 'id', true, fail)!;
	const reason = stringField(entry, 'reason', true, fail)!;
	const expires = stringField(entry, 'expires', false, fail);
	const added = stringField(entry, 'added', false, fail);
	const benchmark = checkBenchmark(stringField(entry, 'benchmark', false, fail), fail);
	checkId(id, benchmark, knownIds, fail);
	checkReason(reason, fail);
	checkExpires(expires, fail);
	checkAdded(added, fail);
	return {id, reason, ...(expires === undefined ? {} : {expires}), ...(added === undefined ? {} : {added}), ...(benchmark === undefined ? {} : {benchmark})};
}

function rejectDuplicates(waivers: readonly Waiver[], label: string): void {
	const firstIndex = new Map<string, number>();
	for (const [index, waiver] of waivers.entries()) {
		const name = `${waiver.benchmark ?? legacyBenchmark} ${waiver.id}`;
		const first = firstIndex.get(name);
		if (first !== undefined) {
			throw invalid(label, `waivers[${index}]`, `a second waiver for ${waiver.id}${waiver.benchmark ? ` of v${waiver.benchmark}` : ''} (waivers[${first}] is the first; keep one)`);
		}

		firstIndex.set(name, index);
	}
}

/**
The waivers in a waivers file's text: `{"waivers": [{"id": "2.9", "reason": "…", "expires": "2027-01-31", "added": "ISO-8601"}]}`.
Throws an Error with one line naming `label` and where, for text that is not JSON (`label: line 4, column 9: not valid JSON: …`),
an unknown key, a wrong type, an unknown check id, an empty reason, a bad day, or a second waiver for one check (`label: waivers[2]: …`).
Nothing is ever dropped silently.
*/
export function parseWaivers(text: string, label: string, knownIds: KnownIds): Waiver[] {
	const waivers = waiverEntries(parseJson(text, label), label)
		.map((entry, index) => toWaiver(entry, `waivers[${index}]`, knownIds, label));
	rejectDuplicates(waivers, label);
	return waivers;
}

/** The waivers file's text for these waivers: pretty JSON (two-space indents) ending in a newline. */
export function formatWaivers(waivers: readonly Waiver[]): string {
	return `${JSON.stringify({waivers}, undefined, 2)}\n`;
}

/** The error of a failed read or write, as one line naming the file. */
function ioError(label: string, doing: string, error: unknown): Error {
	const {code, message} = error as NodeJS.ErrnoException;
	return invalid(label, `cannot ${doing} it (${code ?? message.replaceAll(/\s+/g, ' ')})`);
}

/** The waivers in a source's file; none when there is no file. Throws a one-line Error for a file that cannot be read or is invalid. */
export async function readWaivers(source: WaiverSource, knownIds: KnownIds): Promise<Waiver[]> {
	let text;
	try {
		text = await source.read();
	} catch (error) {
		throw ioError(source.label, 'read', error);
	}

	return text === undefined ? [] : parseWaivers(text, source.label, knownIds);
}

/**
Records a waiver in a source's file and returns the file's waivers as written. A waiver for a check that already has one replaces it
in place; the others keep their order. The waiver is checked like a file entry, and an invalid existing file is never overwritten:
both throw a one-line Error. The caller sets `added` (e.g. `new Date().toISOString()`).
*/
export async function addWaiver(source: WaiverSource, waiver: Waiver, knownIds: KnownIds, sameCheck: (existing: Waiver) => boolean = existing => existing.id === waiver.id && existing.benchmark === waiver.benchmark): Promise<Waiver[]> {
	const checked = toWaiver(waiver, `the waiver for ${waiver.id}`, knownIds, source.label);
	const current = await readWaivers(source, knownIds);
	const index = current.findIndex(existing => sameCheck(existing));
	// The waiver replaces the one of the same check in place, also one recorded under another version's id; any other copy goes.
	const kept = current.filter((existing, at) => at === index || !sameCheck(existing));
	const next = index === -1 ? [...kept, checked] : kept.with(kept.indexOf(current[index]!), checked);
	try {
		await source.write(formatWaivers(next));
	} catch (error) {
		throw ioError(source.label, 'write', error);
	}

	return next;
}
