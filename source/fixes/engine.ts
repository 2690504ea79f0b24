import type {Result} from '../benchmark/types.js';
import type {BenchmarkVersion} from '../model/benchmark-versions.js';
import {errorMessage} from '../model/error-message.js';
import type {HostAccess} from '../host/fact-source.js';
import {describeFailure} from '../host/exec.js';
import {waitForDaemon} from '../host/daemon-restart.js';
import {findDaemonPid} from '../host/daemon.js';
import {commandLine, octal} from '../model/command-line.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {backupPath, entryId, markUndone, removePending, takeLock, writeJournalEntry, writePending, writtenPath, type JournalEntry, type PendingAttributes, type PendingEntry} from './journal.js';
import {auditKeyProblem, hasControlCharacters, pathProblem, rulePathProblem, shown} from '../model/rule-path.js';
import type {ApplyOutcome, Plan, Step} from '../model/plan.js';

/** What the engine needs besides the host. */
export type EngineOptions = {
	/** Re-runs the plan's checks on fresh facts. */
	readonly verify: (checkIds: readonly string[], benchmark?: BenchmarkVersion) => Promise<Result[]>;
	/** Called with a line as each step starts or finishes. */
	readonly onStep?: (line: string) => void;
	readonly now?: () => Date;
	/** How long a restart command may take. */
	readonly restartTimeoutMs?: number;
	/** How long to wait for the API after a restart. */
	readonly daemonWaitMs?: number;
	/** True when this process may change the host (root). */
	readonly isRoot: boolean;
};

type Undo = {readonly line: string; run(): Promise<void>};

/**
Applies a confirmed plan: back up each file it replaces, write atomically, run the commands, restart the daemon if asked, verify by re-running the checks, and journal what changed.
Any failure rolls back the steps already done (restoring files before restarting the daemon once more) and says what happened.
*/
export async function applyPlan(plan: Plan, access: HostAccess, options: EngineOptions): Promise<ApplyOutcome> {
	const log: string[] = [];
	const say = (line: string) => {
		log.push(line);
		options.onStep?.(line);
	};

	if (plan.needsRoot && !options.isRoot) {
		return {ok: false, error: 'this fix changes the host and needs root: run it again with sudo', log, rolledBack: true};
	}

	// Nothing is attempted that the journal could not record and read back (its schema refuses such a path or title).
	const unrecordable = plan.steps.map(step => recordProblem(step)).find(problem => problem !== undefined) ?? (hasControlCharacters(plan.title) ? 'the title holds a control character' : undefined);
	if (unrecordable !== undefined) {
		return {ok: false, error: `refused before any step: ${unrecordable}, so the journal could not record it for undo`, log, rolledBack: true};
	}

	// An ordinary user's fix (the daemon.json of their rootless daemon) writes only their own files: / is not theirs to write.
	const notWritable = options.isRoot ? await access.fs.notWritable() : undefined;
	if (notWritable) {
		const where = access.fs.root === '/' ? 'the root file system' : `--root ${access.fs.root}`;
		return {ok: false, error: `${where} cannot be written: ${notWritable}; mount the host read-write to apply fixes (e.g. -v /:/host without :ro)`, log, rolledBack: true, readOnly: true};
	}

	const state = access.stateDirectory;
	const lock = await takeLock(access.fs, state);
	if (!lock.ok) {
		return {ok: false, error: `another dockwarden (pid ${lock.holder}) is changing this host: wait for it to finish, then plan again`, log, rolledBack: true, busy: true};
	}

	const time = (options.now ?? (() => new Date()))();
	const id = entryId(time, plan);
	const undos: Undo[] = [];
	const changes: Array<JournalEntry['changes'][number]> = [];
	const pending: {backups: Array<PendingEntry['backups'][number]>; watches: Array<PendingEntry['watches'][number]>; attributes: PendingAttributes[]} = {backups: [], watches: [], attributes: []};
	const recordPending = async () => writePending(access.fs, {id, pid: process.pid, time: time.toISOString(), title: plan.title, ...pending}, state);
	let restarted: Extract<Step, {kind: 'restart-daemon'}> | undefined;
	let pidBeforeRestart: number | undefined;

	try {
		await recordPending();
		for (const step of plan.steps) {
			// eslint-disable-next-line no-await-in-loop -- steps run in order: each depends on the one before
			await applyStep(step);
		}

		say('verifying: running the check again on fresh facts');
		const results = await options.verify(plan.checkIds, plan.benchmark);
		const failing = results.filter(result => result.status !== 'pass');
		if (plan.verify !== 'none' && failing.length > 0) {
			throw new Error(`after the fix, ${failing.map(result => `${result.id} is still ${result.status.toUpperCase()} (${result.evidence[0] ?? result.summary})`).join('; ')}`);
		}

		say(`${plan.verify === 'none' ? 'now' : 'verified'}: ${results.map(result => `${result.id} ${result.status.toUpperCase()}`).join(', ')}`);
		const journalEntry = await writeJournalEntry(access.fs, {id, time: time.toISOString(), checkIds: plan.checkIds, title: plan.title, undoes: plan.undoes, ...(plan.benchmark ? {benchmark: plan.benchmark} : {}), changes}, state);
		if (plan.undoes) {
			await markUndone(access.fs, plan.undoes, time, id, state);
		}

		if (plan.recovers) {
			await removePending(access.fs, plan.recovers, state);
		}

		await removePending(access.fs, id, state);
		say(`journal: ${journalEntry}`);
		return {ok: true, log, journalEntry};
	} catch (error) {
		const message = errorMessage(error);
		say(`failed: ${message}`);
		const rolledBack = await rollBack();
		if (rolledBack) {
			await removePending(access.fs, id, state).catch(() => undefined);
		}

		return {ok: false, error: message, log, rolledBack};
	} finally {
		await lock.release();
	}

	async function applyStep(step: Step): Promise<void> {
		switch (step.kind) {
			case 'write': {
				await write(step);
				break;
			}

			case 'run': {
				const line = commandLine(step.argv);
				// The journal holds no command: an audit rule is recorded as its path and key, before it is loaded,
				// and undo derives `auditctl -W PATH -k KEY` from them.
				const watch = auditWatchOf(step);
				if (watch) {
					pending.watches.push(watch);
					await recordPending();
				}

				say(`run: ${line}`);
				const result = await access.exec(step.argv);
				if (result.exitCode !== 0 || result.failure) {
					throw new Error(describeFailure(step.argv, result));
				}

				changes.push(watch ? {kind: 'audit-watch', ...watch} : {kind: 'run', argv: step.argv});
				if (step.undoArgv) {
					const undoArgv = step.undoArgv;
					undos.push({
						line: `run: ${commandLine(undoArgv)}`,
						async run() {
							const undone = await access.exec(undoArgv);
							if (undone.exitCode !== 0) {
								throw new Error(describeFailure(undoArgv, undone));
							}
						},
					});
				}

				break;
			}

			case 'remove': {
				const current = await access.fs.readBytes(step.path);
				if (current?.toString('utf8') !== step.before) {
					throw new Error(`${step.path} changed since the plan was made: nothing was removed; plan again`);
				}

				const backup = backupPath(id, step.path, state);
				await access.fs.writeAtomic(backup, current, 0o600);
				pending.backups.push({path: step.path, backup, created: false});
				await recordPending();
				undos.push({line: `restore ${step.path} from ${backup}`, run: async () => access.fs.writeAtomic(step.path, current, 0o644)});
				await access.fs.remove(step.path);
				changes.push({kind: 'remove', path: step.path, backup});
				say(`removed ${step.path} (a copy is in ${backup})`);
				break;
			}

			case 'chown': {
				const {uid, gid} = step.before;
				pending.attributes.push({path: step.path, owner: step.before});
				await recordPending();
				// Through a descriptor, on the file the check saw: its owner must still be the one planned from.
				await access.fs.chown(step.path, step.uid, step.gid, {uid, gid});
				undos.push({line: `chown ${uid}:${gid} ${step.path}`, run: async () => access.fs.chown(step.path, uid, gid, {uid: step.uid, gid: step.gid})});
				changes.push({kind: 'chown', path: step.path, uid: step.uid, gid: step.gid, before: step.before});
				say(`chown ${step.owner} ${step.path}`);
				break;
			}

			case 'chmod': {
				const {before} = step;
				pending.attributes.push({path: step.path, mode: before});
				await recordPending();
				await access.fs.chmod(step.path, step.mode, {mode: before});
				undos.push({line: `chmod ${octal(before)} ${step.path}`, run: async () => access.fs.chmod(step.path, before, {mode: step.mode})});
				changes.push({kind: 'chmod', path: step.path, mode: step.mode, before});
				say(`chmod ${octal(step.mode)} ${step.path}`);
				break;
			}

			case 'restart-daemon': {
				restarted = step;
				pidBeforeRestart = await findDaemonPid(access.fs, access.options.dockerHost);
				await restart(step, step.expectSecurityOption);
				changes.push({kind: 'restart-daemon', argv: step.method.argv});
				break;
			}
		}
	}

	async function write(step: Extract<Step, {kind: 'write'}>): Promise<void> {
		// A symlinked file is refused, never written through nor replaced by a file: the link stays, and so does what it points to.
		const link = await access.fs.readlink(step.path);
		if (link !== undefined) {
			throw new Error(`${step.path} is a symbolic link to ${link}: dockwarden does not write through a link, nor replace it with a file; nothing was written. Make ${step.path} the file itself, or change the file it points to by hand`);
		}

		const current = await access.fs.readBytes(step.path);
		if ((current?.toString('utf8')) !== step.before) {
			throw new Error(`${step.path} changed since the plan was made: nothing was written; plan the fix again`);
		}

		if (step.validate === 'dockerd-config') {
			await validateDaemonConfig(step.after);
		}

		let backup: string | undefined;
		if (current) {
			backup = backupPath(id, step.path, state);
			await access.fs.writeAtomic(backup, current, 0o600);
			say(`backed up ${step.path} to ${backup}`);
		}

		pending.backups.push({path: step.path, backup, created: !current});
		await recordPending();
		await faultPoint('after-backup');
		try {
			await access.fs.writeAtomic(step.path, step.after, step.mode);
		} catch (error) {
			// The write is atomic: when it fails, the file is as it was.
			throw new Error(`cannot write ${step.path}: ${fileError(error)}; the file is unchanged`);
		}

		const original = current;
		undos.push({
			line: original ? `restore ${step.path} from ${backup}` : `remove ${step.path}`,
			async run() {
				await (original ? access.fs.writeAtomic(step.path, original, step.mode) : access.fs.remove(step.path));
			},
		});
		const written = await access.fs.readText(step.path);
		if (written !== step.after) {
			throw new Error(`${step.path} does not read back as written`);
		}

		const copy = writtenPath(id, step.path, state);
		await access.fs.writeAtomic(copy, step.after, 0o600);
		changes.push({kind: 'write', path: step.path, created: !current, backup, afterSha256: sha256(step.after), written: copy});
		say(`wrote ${step.path}`);
	}

	/** Asks the installed dockerd whether it accepts the candidate daemon.json, where it can (`--validate`, Docker 23+). */
	async function validateDaemonConfig(text: string): Promise<void> {
		const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'dockwarden-'));
		const candidate = path.join(directory, 'daemon.json');
		try {
			await fs.writeFile(candidate, text, {mode: 0o600});
			const result = await access.exec(['dockerd', '--validate', '--config-file', candidate], {timeoutMs: 30_000});
			const output = `${result.stdout}\n${result.stderr}`;
			if (result.exitCode === 0) {
				say('dockerd --validate accepts the new daemon.json');
			} else if (/unknown flag: --validate|flag provided but not defined/.test(output) || result.failure) {
				say('this dockerd has no --validate (it came with Docker 23): the new daemon.json was checked by dockwarden');
			} else {
				throw new Error(`dockerd --validate refuses the new daemon.json: ${(result.stderr.trim() || result.stdout.trim()).split('\n').at(-1)}; nothing was written`);
			}
		} finally {
			await fs.rm(directory, {recursive: true, force: true});
		}
	}

	async function restart(step: Extract<Step, {kind: 'restart-daemon'}>, expect: string | undefined): Promise<void> {
		say(`restart: ${commandLine(step.method.argv)}`);
		const result = await access.exec(step.method.argv, {timeoutMs: options.restartTimeoutMs ?? 90_000});
		if (result.exitCode !== 0 || result.failure) {
			throw new Error(`the restart failed: ${describeFailure(step.method.argv, result)}`);
		}

		say('waiting for the Docker API to answer');
		const waited = await waitForDaemon(await access.docker(), {timeoutMs: options.daemonWaitMs ?? 60_000, expectSecurityOption: expect});
		if (!waited.ok) {
			throw new Error(waited.reason);
		}

		say(`the daemon is back${expect ? ` and docker info shows ${expect}` : ''}`);
	}

	async function rollBack(): Promise<boolean> {
		let complete = true;
		for (const undo of undos.reverse()) {
			try {
				say(`rollback: ${undo.line}`);
				// eslint-disable-next-line no-await-in-loop -- rollback undoes the steps in reverse order, one at a time
				await undo.run();
			} catch (error) {
				complete = false;
				say(`rollback failed: ${errorMessage(error)}`);
			}
		}

		if (restarted && pidBeforeRestart !== undefined && pidBeforeRestart === await findDaemonPid(access.fs, access.options.dockerHost)) {
			say(`rollback: the daemon was never restarted (still pid ${pidBeforeRestart}), so it still runs on the previous configuration`);
		} else if (restarted) {
			try {
				say('rollback: restarting the daemon on the restored configuration');
				await restart(restarted, undefined);
			} catch (error) {
				complete = false;
				say(`rollback: the daemon did not come back: ${errorMessage(error)}`);
			}
		}

		return complete;
	}
}

/** The path and key of a step that loads an audit watch (`auditctl -w PATH -k KEY`, undone by `-W`), else undefined. */
function auditWatchOf(step: Extract<Step, {kind: 'run'}>): {path: string; key: string} | undefined {
	const [auditctl, flag, path, keyFlag, key, ...rest] = step.argv;
	const undo = step.undoArgv ?? [];
	const isWatch = auditctl !== undefined && /(^|\/)auditctl$/.test(auditctl) && flag === '-w' && keyFlag === '-k' && rest.length === 0
		&& undo.length === 5 && undo[0] === auditctl && undo[1] === '-W' && undo[2] === path && undo[3] === '-k' && undo[4] === key;
	return isWatch ? {path: path!, key: key!} : undefined;
}

/** Why the journal could not keep a command to show: empty, or a control character in it. */
function argvProblem(argv: readonly string[]): string | undefined {
	if (argv.length === 0) {
		return 'a command is empty';
	}

	return argv.some(argument => hasControlCharacters(argument)) ? `the command ${shown(argv.join(' '))} holds a control character` : undefined;
}

/** Why the journal could not record a step (a path it would refuse when read back), or undefined. */
function recordProblem(step: Step): string | undefined {
	switch (step.kind) {
		case 'write':
		case 'remove':
		case 'chown':
		case 'chmod': {
			return pathProblem(step.path);
		}

		case 'run': {
			const watch = auditWatchOf(step);
			return watch ? rulePathProblem(watch.path) ?? auditKeyProblem(watch.key) : argvProblem(step.argv);
		}

		case 'restart-daemon': {
			return argvProblem(step.method.argv);
		}
	}
}

/** A file system error in words, with its code. */
function fileError(error: unknown): string {
	const {code, message} = error as NodeJS.ErrnoException;
	const words: Record<string, string> = {EROFS: 'the file system is read-only', ENOSPC: 'no space left on the device', EACCES: 'permission denied', EPERM: 'operation not permitted (immutable file?)', EDQUOT: 'disk quota exceeded'};
	return code && words[code] ? `${words[code]} (${code})` : message;
}

/** The SHA-256 of a text, hex. */
export function sha256(text: string | Buffer): string {
	// node:crypto is loaded on the first hash, not with every run (about 4 ms of each start).
	return process.getBuiltinModule('node:crypto').createHash('sha256').update(text).digest('hex');
}

/**
Stops the process at a named point when DOCKWARDEN_FAULT names it: the fault tests use it to prove that a fix killed
half-way is found and restored by the next run. It does nothing otherwise.
*/
async function faultPoint(name: string): Promise<void> {
	if (process.env.DOCKWARDEN_FAULT === name) {
		process.kill(process.pid, 'SIGKILL');
		await new Promise(() => undefined);
	}
}
