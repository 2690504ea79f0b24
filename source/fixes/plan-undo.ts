import {createTwoFilesPatch} from 'diff';
import {backupPath, entryPath, pendingPath, stateDirectory, type JournalEntry, type PendingEntry} from './journal.js';
import type {PlanOutcome, RestartMethod, Step, UnknownLauncher} from '../model/plan.js';
import {isBenchmarkVersion} from '../model/benchmark-versions.js';

/**
What dockwarden's own fixes may change on this host, from its own facts (never from the journal): an undo or a recovery
touches nothing else, whatever a journal file says.
*/
export type FixTargets = {
	/** The files fixes write: the rules file and the daemon.json in use. */
	readonly writes: ReadonlySet<string>;
	/** The files whose owner and mode section 3 fixes set. */
	readonly attributes: ReadonlySet<string>;
};

/** What undo needs to know about the host now. */
export type UndoContext = {
	/** For each file the entry wrote: its text now, the backup (before the fix) and what the fix wrote. */
	readonly files: ReadonlyMap<string, {readonly current?: string; readonly backup?: string; readonly written?: string}>;
	/** Owner and mode of each file the entry changed the owner or mode of, now. */
	readonly stats: ReadonlyMap<string, {readonly uid: number; readonly gid: number; readonly mode: number}>;
	/** True while the audit rule watching `path` with key `key` is loaded: only then has its undo something to undo. */
	readonly watchLoaded: (path: string, key: string) => boolean;
	/** The auditctl that unloads a rule (its path on this host, or the bare name); unloading is refused without it. */
	readonly auditctl?: string;
	/** What dockwarden's fixes may change on this host. */
	readonly targets: FixTargets;
	/** How to restart dockerd, when the entry restarted it. */
	readonly restart?: RestartMethod;
	/** Which dockerd, in words, for the question when its restart is unknown. */
	readonly daemon?: string;
	/** `later`: with no known restart, restore the files and restart nothing (the operator restarts dockerd). */
	readonly unknownLauncher?: UnknownLauncher;
	/** The state directory the journal and backups are in (root's /var/lib/dockwarden by default). */
	readonly stateDirectory?: string;
};

/** An ordinary user's journal (a state directory of their own) holds only changes of their own files, which they can undo without root. */
const ownerNeedsRoot = (context: UndoContext): boolean => (context.stateDirectory ?? stateDirectory) === stateDirectory;

const isRulesFile = (path: string) => path.startsWith('/etc/audit/rules.d/');

/** The lines a fix added to a rules file: in what it wrote, not in what was there before. */
function addedLines(backup: string | undefined, written: string): string[] {
	const before = new Set((backup ?? '').split('\n'));
	return written.split('\n').filter(line => line.trim() !== '' && !before.has(line));
}

/** The text without one occurrence of each line, or undefined when one of them is missing. */
function withoutLines(text: string, lines: readonly string[]): string | undefined {
	const kept = text.split('\n');
	for (const line of lines) {
		const index = kept.indexOf(line);
		if (index === -1) {
			return undefined;
		}

		kept.splice(index, 1);
	}

	return kept.join('\n');
}

/** True when a rules file holds nothing but comments and blank lines. */
const onlyComments = (text: string) => text.split('\n').every(line => line.trim() === '' || line.trim().startsWith('#'));

function difference(path: string, written: string, current: string | undefined): string[] {
	return createTwoFilesPatch(`${path} (as the fix wrote it)`, `${path} (now)`, written, current ?? '', '', '', {context: 2})
		.split('\n').filter(line => line !== '' && !line.startsWith('===') && !line.startsWith('\\'));
}

type Undone = {steps: Step[]} | {changed: string[]};

/** Why a path is not one an undo may restore or remove, or undefined when it is one of the fixes' own write targets. */
function notWriteTarget(path: string, targets: FixTargets): string | undefined {
	return targets.writes.has(path) ? undefined : `${path} is not a file dockwarden's fixes write on this host (${[...targets.writes].join(', ') || 'none'})`;
}

/** Why a path is not one whose owner and mode an undo may set, or undefined. */
function notAttributeTarget(path: string, targets: FixTargets): string | undefined {
	return targets.attributes.has(path) ? undefined : `${path} is not a file whose owner and mode dockwarden's fixes set on this host`;
}

/** The command that unloads an audit rule a fix added: derived here, never read from the journal. */
function unwatchArgv(auditctl: string, path: string, key: string): string[] {
	return [auditctl, '-W', path, '-k', key];
}

/** The first thing a journal record names that its undo may not touch, as one line naming the file, or undefined. */
function outsideTargets(file: string, paths: ReadonlyArray<{readonly path: string; readonly kind: 'write' | 'attributes'}>, targets: FixTargets): string | undefined {
	for (const {path, kind} of paths) {
		const problem = kind === 'write' ? notWriteTarget(path, targets) : notAttributeTarget(path, targets);
		if (problem !== undefined) {
			return `${file}: ${problem}: refused, nothing was changed`;
		}
	}

	return undefined;
}

/** Reverts one file the entry wrote. */
function undoWrite(change: Extract<JournalEntry['changes'][number], {kind: 'write'}>, context: UndoContext, force: boolean): Undone {
	const file = context.files.get(change.path) ?? {};
	const {current, backup, written = ''} = file;
	const unchanged = current === written;
	if (isRulesFile(change.path) && !unchanged && current !== undefined) {
		// Audit rules: take out exactly the lines the fix added, whatever was added since.
		const remaining = withoutLines(current, addedLines(backup, written));
		if (remaining !== undefined) {
			return {steps: [change.created && onlyComments(remaining) ? {kind: 'remove', path: change.path, before: current} : {kind: 'write', path: change.path, before: current, after: remaining, mode: 0o640}]};
		}
	}

	if (!unchanged && !force) {
		return {changed: [`${change.path} has changed since the fix wrote it:`, ...difference(change.path, written, current)]};
	}

	if (change.created) {
		return {steps: current === undefined ? [] : [{kind: 'remove', path: change.path, before: current}]};
	}

	if (backup === undefined) {
		return {changed: [`the backup of ${change.path} (${change.backup ?? 'none'}) cannot be read: it cannot be restored`]};
	}

	return {steps: [{kind: 'write', path: change.path, before: current, after: backup, mode: 0o644}]};
}

/** Reverts an owner or mode change, unless it was changed again since. */
function undoStat(change: Extract<JournalEntry['changes'][number], {kind: 'chown' | 'chmod'}>, context: UndoContext, force: boolean): Undone {
	const now = context.stats.get(change.path);
	if (!now) {
		return {changed: [`${change.path} no longer exists`]};
	}

	if (change.kind === 'chown') {
		if (!force && (now.uid !== change.uid || now.gid !== change.gid)) {
			return {changed: [`${change.path} is owned by ${now.uid}:${now.gid} now, not ${change.uid}:${change.gid} as the fix left it`]};
		}

		return {steps: [{kind: 'chown', path: change.path, uid: change.before.uid, gid: change.before.gid, owner: `${change.before.uid}:${change.before.gid}`, before: {uid: now.uid, gid: now.gid}}]};
	}

	if (!force && now.mode !== change.mode) {
		return {changed: [`${change.path} has mode ${now.mode.toString(8)} now, not ${change.mode.toString(8)} as the fix left it`]};
	}

	return {steps: [{kind: 'chmod', path: change.path, mode: change.before, before: now.mode}]};
}

/**
Plans the undo of a journal entry: files restored byte for byte from their backups (audit rules: the added lines taken out),
added audit rules unloaded, owners and modes set back, and the daemon restarted if the fix restarted it.
Refuses, showing the difference, when a file has changed since the fix, unless forced.
*/
export function planUndo(entry: JournalEntry, context: UndoContext, force: boolean): PlanOutcome {
	if (entry.undoneAt) {
		return {ok: false, code: 'nothing-to-do', reason: `${entry.id} was already undone at ${entry.undoneAt}${entry.undoneBy ? ` (${entry.undoneBy})` : ''}`};
	}

	if (entry.undoes) {
		return {ok: false, code: 'not-applicable', reason: `${entry.id} is itself an undo: to have the change back, apply the fix again`};
	}

	const outside = outsideTargets(entryPath(entry.id, context.stateDirectory), entry.changes.flatMap((change): Array<{path: string; kind: 'write' | 'attributes'}> => {
		switch (change.kind) {
			case 'write':
			case 'remove': {
				return [{path: change.path, kind: 'write' as const}];
			}

			case 'chown':
			case 'chmod': {
				return [{path: change.path, kind: 'attributes' as const}];
			}

			default: {
				return [];
			}
		}
	}), context.targets);
	if (outside !== undefined) {
		return {ok: false, code: 'not-applicable', reason: outside};
	}

	const watches = entry.changes.filter(change => change.kind === 'audit-watch');
	if (watches.length > 0 && context.auditctl === undefined && watches.some(watch => context.watchLoaded(watch.path, watch.key))) {
		return {ok: false, code: 'auditctl-missing', reason: `${entry.id} added audit rules that are still loaded, and auditctl is not installed to unload them`};
	}

	const steps: Step[] = [];
	const changed: string[] = [];
	let restart = false;
	for (const change of [...entry.changes].reverse()) {
		let undone: Undone | undefined;
		switch (change.kind) {
			case 'write': {
				undone = undoWrite(change, context, force);
				break;
			}

			case 'chown':
			case 'chmod': {
				undone = undoStat(change, context, force);
				break;
			}

			case 'audit-watch': {
				undone = {steps: context.auditctl !== undefined && context.watchLoaded(change.path, change.key) ? [{kind: 'run', argv: unwatchArgv(context.auditctl, change.path, change.key)}] : []};
				break;
			}

			case 'run': {
				// Shown in the journal only: a command read from the journal is never run.
				break;
			}

			case 'restart-daemon': {
				restart = true;
				break;
			}

			case 'remove': {
				break;
			}
		}

		if (undone && 'changed' in undone) {
			changed.push(...undone.changed);
		} else if (undone) {
			steps.push(...undone.steps);
		}
	}

	if (changed.length > 0) {
		return {ok: false, code: 'changed-since', reason: `${entry.id}: the host has changed since this fix; undo with --force (U in the journal) to restore it anyway`, details: changed};
	}

	const later = restart && !context.restart && context.unknownLauncher === 'later';
	if (restart && !later) {
		if (!context.restart) {
			return {
				ok: false,
				code: 'not-applicable',
				reason: 'the fix restarted dockerd, and dockwarden does not know how to restart it here (no systemd unit or init script runs it): give the command that restarts dockerd with --restart-command',
				restartChoice: {daemon: context.daemon ?? 'dockerd', work: 'undo'},
			};
		}

		steps.push({kind: 'restart-daemon', method: context.restart});
	}

	if (steps.length === 0) {
		return {ok: false, code: 'nothing-to-do', reason: `${entry.id}: nothing of it is left on the host to undo`};
	}

	return {
		ok: true,
		plan: {
			checkIds: entry.checkIds,
			...(isBenchmarkVersion(entry.benchmark) ? {benchmark: entry.benchmark} : {}),
			title: `${entry.title} (journal entry ${entry.id})`,
			steps,
			warnings: later
				? [`dockwarden restarts nothing: the restored files take effect when you restart ${context.daemon ?? 'dockerd'} yourself; that restart stops the running containers (unless live-restore is on)`]
				: (restart ? ['the restart stops the running containers (unless live-restore is on)'] : []),
			needsRoot: ownerNeedsRoot(context),
			verify: 'none',
			undoes: entry.id,
		},
	};
}

/**
Plans the restore of a fix that was interrupted (dockwarden killed half-way): every file it had backed up is put back
as it was, files it had created are removed, and the audit rules it had recorded are unloaded (with a command derived
here: a pending record holds no command). A record naming a file outside the fixes' targets is refused.
*/
export function planRecover(pending: PendingEntry, context: UndoContext): PlanOutcome {
	const file = pendingPath(pending.id, context.stateDirectory);
	const outside = outsideTargets(file, [
		...pending.backups.map(({path}) => ({path, kind: 'write' as const})),
		...(pending.attributes ?? []).map(({path}) => ({path, kind: 'attributes' as const})),
	], context.targets);
	if (outside !== undefined) {
		return {ok: false, code: 'not-applicable', reason: outside};
	}

	const misplaced = pending.backups.find(({path, backup}) => backup !== undefined && backup !== backupPath(pending.id, path, context.stateDirectory));
	if (misplaced) {
		return {ok: false, code: 'not-applicable', reason: `${file} names ${misplaced.backup} as the backup of ${misplaced.path}, not its own copy: refused, nothing was changed`};
	}

	const loaded = pending.watches.filter(({path, key}) => context.watchLoaded(path, key));
	if (loaded.length > 0 && context.auditctl === undefined) {
		return {ok: false, code: 'auditctl-missing', reason: `${pending.id} had loaded audit rules, and auditctl is not installed to unload them`};
	}

	const steps: Step[] = [];
	for (const {path, created} of pending.backups) {
		const {current, backup} = context.files.get(path) ?? {};
		if (created) {
			if (current !== undefined) {
				steps.push({kind: 'remove', path, before: current});
			}
		} else if (backup !== undefined && current !== backup) {
			steps.push({kind: 'write', path, before: current, after: backup, mode: 0o644});
		}
	}

	for (const {path, key} of [...loaded].reverse()) {
		steps.push({kind: 'run', argv: unwatchArgv(context.auditctl!, path, key)});
	}

	for (const {path, owner, mode} of pending.attributes ?? []) {
		const now = context.stats.get(path);
		if (now && owner && (now.uid !== owner.uid || now.gid !== owner.gid)) {
			steps.push({kind: 'chown', path, uid: owner.uid, gid: owner.gid, owner: `${owner.uid}:${owner.gid}`, before: {uid: now.uid, gid: now.gid}});
		}

		if (now && mode !== undefined && (now.mode & 0o7777) !== mode) {
			steps.push({kind: 'chmod', path, mode, before: now.mode & 0o7777});
		}
	}

	return {
		ok: true,
		plan: {
			checkIds: [],
			title: `Restore what the interrupted fix ${pending.id} (${pending.title}) had changed`,
			steps,
			warnings: steps.length === 0 ? ['nothing had been changed yet: only the record of the interrupted fix is removed'] : [],
			needsRoot: ownerNeedsRoot(context),
			verify: 'none',
			recovers: pending.id,
		},
	};
}
