import os from 'node:os';
import {catalogueOf, sections, type Catalogue} from './benchmark/catalogue.js';
import {legacyBenchmark, newestBenchmark, type BenchmarkVersion} from './model/benchmark-versions.js';
import type {FactSource} from './model/facts.js';
import {evaluateCheck, runChecks} from './benchmark/runner.js';
import type {Check, Result, Waiver} from './benchmark/types.js';
import {applyWaivers, localDay} from './waivers/apply-waivers.js';
import {keyOfWaiver, knownIdsIn, waiversIn} from './waivers/waiver-versions.js';
import {addWaiver as addWaiverToFile, hostWaiverSource, isRealDay, localWaiverSource, readWaivers, type WaiverSource} from './waivers/waiver-file.js';
import {commandLine, octal} from './model/command-line.js';
import {composePlans} from './fixes/compose-plans.js';
import {applyPlan} from './fixes/engine.js';
import {describeInvalid, journalDirectoryOf, readJournalFiles, readPendingFiles, stateDirectory, type InvalidJournalFile, type JournalEntry, type PendingEntry} from './fixes/journal.js';
import {dockerRulesFile} from './benchmark/plans/plan-audit-watch.js';
import {daemonInWords, restartMethod} from './benchmark/plans/plan-daemon-setting.js';
import {planRecover, planUndo as planUndoEntry, type UndoContext} from './fixes/plan-undo.js';
import type {ApplyOutcome, FixOptions, Plan, PlanOutcome, UnknownLauncher} from './model/plan.js';
import {createFactSource, openHost, type HostAccess, type HostOptions} from './host/fact-source.js';
import {auditWatchPaths} from './benchmark/checks/audit-watch-paths.js';
import {proveAudit as proveAuditRule} from './host/prove-audit.js';
import type {ProveOutcome} from './model/prove-outcome.js';
import type {HostDescription, Services} from './ui/services.js';

export type SessionOptions = HostOptions & FixOptions & {
	/** --waivers FILE: a waivers file of the operator's, instead of /etc/dockwarden/waivers.json under --root. */
	readonly waiversFile?: string;
	/** The CIS Docker Benchmark version whose ids the session speaks (default the newest); selectBenchmark changes it. */
	readonly benchmark?: BenchmarkVersion;
	/** How long a restart may take, and how long to wait for the API after it. */
	readonly restartTimeoutMs?: number;
	readonly daemonWaitMs?: number;
};

/** One line naming the host and Docker, or why Docker is unreachable. */
export async function describeHost(source: FactSource): Promise<HostDescription> {
	const [host, docker] = await Promise.all([source.get('host'), source.get('docker')]);
	const root = host.root === '/' ? '' : ` (root ${host.root})`;
	return docker.reachable
		? {text: `${host.hostname}${root} - Docker ${docker.info.ServerVersion ?? '?'} at ${docker.host}`, dockerReachable: true}
		: {text: `${host.hostname}${root} - Docker unreachable at ${docker.host}: ${docker.error}`, dockerReachable: false};
}

/**
A session over one host: runs checks on fresh facts, plans fixes, applies them through the engine.
The TUI and the `fix` command both use it.
*/
export function createSession(options: SessionOptions, access: HostAccess = openHost(options)) {
	const fixOptions: FixOptions = {auditKey: options.auditKey, restartCommand: options.restartCommand};
	const freshFacts = () => createFactSource(access);
	let catalogue: Catalogue = catalogueOf(options.benchmark ?? newestBenchmark);
	const findCheck = (id: string) => catalogue.findCheck(id);
	/** The checks of these ids of `from` (the session's version unless said), as the session's version has them. */
	const byIds = (ids: readonly string[], from: BenchmarkVersion = catalogue.version) => ids
		.map(id => from === catalogue.version ? catalogue.findCheck(id) : catalogue.byKey(catalogueOf(from).findCheck(id)?.key ?? ''))
		.filter((check): check is Check => check !== undefined);

	/** Verifies a plan's checks, named by the ids of the version it was made under (a journal entry without one: v1.6.0). */
	async function verify(ids: readonly string[], benchmark: BenchmarkVersion = legacyBenchmark): Promise<Result[]> {
		return runChecks(byIds(ids, benchmark), freshFacts());
	}

	/** Speaks another version from now on: ids given to the session, and those of its results and waivers, are of it. */
	function selectBenchmark(version: BenchmarkVersion): Catalogue {
		catalogue = catalogueOf(version);
		return catalogue;
	}

	/**
	Plans the fix of a check, after evaluating it on fresh facts. `unknownLauncher` says what to do about the daemon restart
	when dockerd's launcher is unknown (the TUI asks, then plans again with the operator's choice).
	*/
	async function planFix(id: string, source: FactSource = freshFacts(), unknownLauncher?: UnknownLauncher): Promise<{result?: Result; outcome: PlanOutcome}> {
		const check = findCheck(id);
		if (!check?.planFix) {
			return {outcome: {ok: false, code: 'not-applicable', reason: `${id} has no automated fix in this version: follow its remediation by hand`}};
		}

		const result = await evaluateCheck(check, source);
		if (result.status === 'error') {
			return {result, outcome: {ok: false, code: 'not-applicable', reason: `${id} could not be evaluated, so there is no fix to plan: ${result.summary}`}};
		}

		if (result.status !== 'warn') {
			return {result, outcome: {ok: false, code: 'nothing-to-do', reason: `${id} is ${result.status.toUpperCase()} now: there is nothing to fix (${result.summary})`}};
		}

		const facts = Object.fromEntries(await Promise.all(check.needs.map(async name => [name, await source.get(name)])));
		try {
			return {result, outcome: check.planFix(facts as never, unknownLauncher === undefined ? fixOptions : {...fixOptions, unknownLauncher})};
		} catch (error) {
			return {result, outcome: {ok: false, code: 'not-applicable', reason: `the fix of ${id} could not be planned: ${(error as Error).message}`}};
		}
	}

	async function apply(plan: Plan, onStep?: (line: string) => void): Promise<ApplyOutcome> {
		return applyPlan(plan, access, {
			verify,
			onStep,
			isRoot: access.isRoot,
			restartTimeoutMs: options.restartTimeoutMs,
			daemonWaitMs: options.daemonWaitMs,
		});
	}

	const waiverSource = (): WaiverSource => options.waiversFile ? localWaiverSource(options.waiversFile) : hostWaiverSource(access.fs);

	/** The waivers in force, with ids of the session's version (see waiversIn); read at each run. Throws a one-line error for a bad file. */
	async function waivers(): Promise<Waiver[]> {
		return waiversIn(catalogue.version, await readWaivers(waiverSource(), knownIdsIn));
	}

	/** Runs checks on fresh facts, with the waivers applied to each result as it comes. */
	async function run(ids: readonly string[], onResult?: (result: Result) => void, signal?: AbortSignal): Promise<Result[]> {
		const inForce = await waivers();
		const today = localDay();
		const waived = (result: Result) => applyWaivers([result], inForce, today)[0]!;
		const results = await runChecks(byIds(ids), freshFacts(), {onResult: onResult && (result => onResult(waived(result))), signal});
		return results.map(result => waived(result));
	}

	/** Records a waiver for a WARN, then runs the check again so it reads as waived. */
	async function addWaiver(id: string, reason: string, expires?: string): Promise<{ok: true; result: Result} | {ok: false; reason: string}> {
		if (expires !== undefined && (!isRealDay(expires) || expires < localDay())) {
			return {ok: false, reason: `${expires} is not a day to come: give the last day the waiver applies as YYYY-MM-DD`};
		}

		const [now] = await run([id]);
		if (now?.status !== 'warn') {
			return {ok: false, reason: `${id} is ${(now?.status ?? 'unknown').toUpperCase()} now: only a WARN can be waived`};
		}

		try {
			const key = findCheck(id)?.key;
			await addWaiverToFile(waiverSource(), {id, reason, expires, added: new Date().toISOString(), benchmark: catalogue.version}, knownIdsIn, existing => keyOfWaiver(existing) === key);
		} catch (error) {
			return {ok: false, reason: (error as Error).message};
		}

		const [result] = await run([id]);
		return {ok: true, result: result!};
	}

	/** Plans one merged fix for several checks, evaluated on one set of fresh facts. */
	async function planBatch(ids: readonly string[], unknownLauncher?: UnknownLauncher): Promise<PlanOutcome> {
		if (ids.length === 1) {
			return (await planFix(ids[0]!, freshFacts(), unknownLauncher)).outcome;
		}

		const source = freshFacts();
		const outcomes = await Promise.all(ids.map(async id => ({id, ...(await planFix(id, source, unknownLauncher))})));
		// A check that passes already needs nothing: it is said, and the others are planned without it.
		const skipped = outcomes.flatMap(({id, result, outcome}) => !outcome.ok && outcome.code === 'nothing-to-do' ? [{id, reason: `${id} already ${result?.status === 'pass' ? 'passes' : `is ${(result?.status ?? 'unknown').toUpperCase()}`}: nothing to do`}] : []);
		const refused = outcomes.filter(outcome => !outcome.outcome.ok && outcome.outcome.code !== 'nothing-to-do');
		if (refused.length > 0) {
			const refusals = refused.map(outcome => outcome.outcome as Extract<PlanOutcome, {ok: false}>);
			const first = refusals[0]!;
			// Refused only for want of a restart: one question for all of them (they restart the same dockerd).
			const restartChoice = refusals.every(refusal => refusal.restartChoice) ? first.restartChoice : undefined;
			return {ok: false, code: first.code, reason: restartChoice ? first.reason : refusals.map(refusal => refusal.reason).join('; '), ...(restartChoice ? {restartChoice} : {})};
		}

		const planned = outcomes.flatMap(({outcome}) => outcome.ok ? [outcome.plan] : []);
		if (planned.length === 0) {
			return {ok: false, code: 'nothing-to-do', reason: skipped.map(({reason}) => reason).join('; ')};
		}

		const composed = composePlans(planned);
		return composed.ok && skipped.length > 0 ? {ok: true, plan: {...composed.plan, skipped}} : composed;
	}

	/** What undo needs to know of the host now, for the files and commands of these changes. */
	async function undoContext(changes: ReadonlyArray<{kind: string; path?: string; backup?: string; written?: string}>, extraFiles: ReadonlyArray<{path: string; backup?: string}> = [], extraStats: readonly string[] = [], unknownLauncher?: UnknownLauncher): Promise<UndoContext> {
		const read = async (path: string | undefined) => path === undefined ? undefined : access.fs.readText(path).catch(() => undefined);
		const files = new Map<string, {current?: string; backup?: string; written?: string}>();
		for (const change of [...changes.filter(change => change.kind === 'write'), ...extraFiles]) {
			// eslint-disable-next-line no-await-in-loop -- an entry changes a handful of files: they are read one after another, in the entry's order
			files.set(change.path!, {current: await read(change.path), backup: await read(change.backup), written: await read('written' in change ? change.written : undefined)});
		}

		const stats = new Map<string, {uid: number; gid: number; mode: number}>();
		for (const path of [...changes.filter(change => change.kind === 'chown' || change.kind === 'chmod').map(change => change.path!), ...extraStats]) {
			// eslint-disable-next-line no-await-in-loop -- as above, a handful of paths, one stat after another
			const stat = await access.fs.stat(path);
			if (stat) {
				stats.set(path, {uid: stat.uid, gid: stat.gid, mode: stat.mode & 0o7777});
			}
		}

		const source = freshFacts();
		// The audit rules cannot be read without root: an ordinary user's undo (of their rootless daemon's daemon.json) has none to unload.
		const [audit, daemon, hostFiles] = await Promise.all([source.get('audit').catch(() => undefined), source.get('daemon'), source.get('files')]);
		// What dockwarden's fixes may change here, from its own facts: an undo touches nothing else, whatever the journal says.
		const attributeTargets = [hostFiles.dockerService, hostFiles.dockerSocketUnit, hostFiles.etcDocker, ...hostFiles.registryCerts, hostFiles.tlsCaCert, hostFiles.tlsCert, hostFiles.tlsKey, hostFiles.dockerSocket, hostFiles.daemonJson, hostFiles.etcDefaultDocker, hostFiles.etcSysconfigDocker, hostFiles.containerdSocket];
		return {
			files,
			stats,
			// `auditctl -W PATH -k KEY` has something to undo only while that rule is loaded.
			watchLoaded: (path, key) => (audit?.live ?? []).some(rule => rule.path === path && rule.key === key),
			auditctl: audit?.auditctl,
			targets: {
				// A daemon.json is a target only when the daemon serving the socket was proven and named it (not `unknown`).
				writes: new Set([dockerRulesFile, ...(String(daemon.configFile.state) === 'unknown' ? [] : [daemon.configFile.path])]),
				attributes: new Set(attributeTargets.flatMap(stat => stat ? [stat.path] : [])),
			},
			restart: restartMethod(daemon, fixOptions),
			daemon: daemonInWords(daemon),
			...(unknownLauncher === undefined ? {} : {unknownLauncher}),
			stateDirectory: access.stateDirectory,
		};
	}

	/** The journal, newest first: the valid entries. */
	async function journal(): Promise<JournalEntry[]> {
		return (await readJournalFiles(access.fs, access.stateDirectory)).entries;
	}

	/** The journal, newest first, and the journal files (entries and pending records) that failed validation. */
	async function journalFiles(): Promise<{entries: JournalEntry[]; invalid: InvalidJournalFile[]}> {
		const [{entries, invalid}, pending] = await Promise.all([readJournalFiles(access.fs, access.stateDirectory), readPendingFiles(access.fs, access.stateDirectory)]);
		return {entries, invalid: [...invalid, ...pending.invalid]};
	}

	/** Plans the undo of an entry, or of the newest one not undone yet. A journal file that fails validation is refused. */
	async function planUndo(id: string | undefined, force: boolean, unknownLauncher?: UnknownLauncher): Promise<PlanOutcome> {
		const {entries, invalid} = await journalFiles();
		const entry = id === undefined ? entries.find(candidate => !candidate.undoneAt && !candidate.undoes) : entries.find(candidate => candidate.id === id);
		// An invalid file is refused by name; "the last fix" is not taken to be an older one while a newer file is invalid.
		const refused = id === undefined ? invalid.find(file => entry === undefined || file.id > entry.id) : invalid.find(file => file.id === id);
		if (refused) {
			return {ok: false, code: 'not-applicable', reason: describeInvalid(refused)};
		}

		if (!entry) {
			return {ok: false, code: id === undefined ? 'nothing-to-do' : 'not-applicable', reason: id === undefined ? `the journal (${access.fs.local(journalDirectoryOf(access.stateDirectory ?? stateDirectory))}) has no fix left to undo` : `there is no journal entry ${id}: dockwarden journal lists them`};
		}

		return planUndoEntry(entry, await undoContext(entry.changes, [], [], unknownLauncher), force);
	}

	/** Fixes that were interrupted half-way, found by the records they left. */
	async function interrupted(): Promise<PendingEntry[]> {
		return (await readPendingFiles(access.fs, access.stateDirectory)).interrupted;
	}

	/** Plans the restore of an interrupted fix. */
	async function planRecovery(id: string): Promise<PlanOutcome> {
		const pending = (await interrupted()).find(candidate => candidate.id === id);
		if (!pending) {
			return {ok: false, code: 'not-applicable', reason: `no interrupted fix ${id} was found`};
		}

		return planRecover(pending, await undoContext([], pending.backups, (pending.attributes ?? []).map(attributes => attributes.path)));
	}

	/** Proves the live audit rule of a check 1.1.3–1.1.18 on fresh facts: a harmless touch of its path, then its newest event. */
	async function proveAudit(id: string): Promise<ProveOutcome> {
		const pick = auditWatchPaths[findCheck(id)?.key ?? id];
		if (!pick) {
			return {ok: false, reason: `${id} is not an audit-rule check (1.1.3–1.1.18)`};
		}

		const source = freshFacts();
		const [audit, paths, daemon] = await Promise.all([source.get('audit'), source.get('paths'), source.get('daemon')]);
		return proveAuditRule(access, pick(paths), audit, {}, {daemon, paths});
	}

	return {access, freshFacts, planFix, apply, run, planBatch, journal, journalFiles, planUndo, interrupted, planRecovery, waivers, addWaiver, proveAudit, selectBenchmark, get benchmark() {
		return catalogue.version;
	}};
}

export type Session = ReturnType<typeof createSession>;

/** How the TUI's services differ over the demo sandbox: its banner, and no way out to another demo. */
export type ServicesOptions = {
	readonly demo?: {readonly banner: string};
	/** Opens the demo sandbox in place of this host; it stays open until `dispose`. */
	readonly openDemo?: () => Promise<{services: Services; dispose(): Promise<void>}>;
};

/** The Services the TUI needs, over a session. */
export async function createServices(session: Session, checks: readonly Check[] = catalogueOf(session.benchmark).checks, options: ServicesOptions = {}): Promise<Services> {
	const root = session.access.fs.root === '/' ? '' : ` (root ${session.access.fs.root})`;
	const opened: Array<{dispose(): Promise<void>}> = [];
	const started = catalogueOf(session.benchmark);
	const everything = checks.length === started.checks.length;
	const selectedKeys = new Set(checks.map(check => check.key));
	return {
		sections,
		checks,
		benchmark: session.benchmark,
		// The same selection in another version: all of it when all was selected, else the same checks by their stable keys.
		checksOf: version => catalogueOf(version).checks.filter(check => everything || selectedKeys.has(check.key)),
		selectBenchmark(version) {
			session.selectBenchmark(version);
		},
		banner: options.demo?.banner ?? `${session.access.remote ? `${session.access.remote.hostname} (${session.access.remote.via})` : (session.access.fs.root === '/' ? os.hostname() : 'host')}${root} - connecting to Docker at ${session.access.options.dockerHost}…`,
		// The demo's banner says what it is from the start; a real host's says who it is once Docker has answered.
		...(options.demo ? {demo: true} : {
			async describeHost() {
				const described = await describeHost(session.freshFacts());
				// A host reached over SSH is named with how it was reached, on every screen.
				return session.access.remote ? {...described, text: `${session.access.remote.via}: ${described.text}`} : described;
			},
		}),
		...(options.openDemo ? {
			async openDemo() {
				const demo = await options.openDemo!();
				opened.push(demo);
				return demo.services;
			},
		} : {}),
		async dispose() {
			await Promise.all(opened.splice(0).map(async demo => demo.dispose()));
		},
		async run(ids, onResult, signal) {
			await session.run(ids, onResult, signal);
		},
		// The TUI asks the operator how to restart a dockerd whose launcher is unknown, then plans again with the answer.
		async planFix(id, unknownLauncher = 'ask') {
			return (await session.planFix(id, session.freshFacts(), unknownLauncher)).outcome;
		},
		async applyFix(plan, onStep) {
			return session.apply(plan, onStep);
		},
		async planBatch(ids, unknownLauncher = 'ask') {
			return session.planBatch(ids, unknownLauncher);
		},
		async journal() {
			// A journal file that fails validation is listed as invalid, with what is wrong; undoing it is refused.
			const {entries, invalid} = await session.journalFiles();
			return [
				...entries.map(entry => ({
					id: entry.id,
					time: entry.time,
					title: entry.title,
					checkIds: entry.checkIds,
					...(entry.checkIds.length > 0 ? {benchmark: entry.benchmark ?? legacyBenchmark} : {}),
					undoneAt: entry.undoneAt,
					changes: entry.changes.map(change => describeChange(change)),
				})),
				...invalid.map(file => ({id: file.id, time: 'invalid', title: `not a valid journal file: ${file.problem}`, checkIds: [], changes: [describeInvalid(file)]})),
			];
		},
		async planUndo(entryId, force, unknownLauncher) {
			return session.planUndo(entryId, force, unknownLauncher);
		},
		async addWaiver(id, reason, expires) {
			return session.addWaiver(id, reason, expires);
		},
		async proveAudit(id) {
			return session.proveAudit(id);
		},
	};
}

/** One line for a journal change, as the journal lists it. */
export function describeChange(change: JournalEntry['changes'][number]): string {
	switch (change.kind) {
		case 'write': {
			return `${change.created ? 'created' : 'wrote'} ${change.path}${change.backup ? ` (backup: ${change.backup})` : ''}`;
		}

		case 'remove': {
			return `removed ${change.path} (backup: ${change.backup})`;
		}

		case 'run': {
			return `ran ${commandLine(change.argv)}`;
		}

		case 'audit-watch': {
			return `ran auditctl -w ${change.path} -k ${change.key} (undo: auditctl -W ${change.path} -k ${change.key})`;
		}

		case 'chown': {
			return `chown ${change.uid}:${change.gid} ${change.path} (was ${change.before.uid}:${change.before.gid})`;
		}

		case 'chmod': {
			return `chmod ${octal(change.mode)} ${change.path} (was ${octal(change.before)})`;
		}

		case 'restart-daemon': {
			return `restarted the Docker daemon: ${commandLine(change.argv)}`;
		}
	}
}
