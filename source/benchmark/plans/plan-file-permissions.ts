/**
Plans the owner and mode fixes of section 3: chown to the wanted owner, chmod that removes the bits beyond the allowed mode.
A chmod never adds a bit: the new mode is the current one with the excess removed (0577 → 0444 for a 444 check, not 0444 | anything).
*/
import type {FileStat} from '../../model/facts.js';
import {describeBits, excessBits, octalMode, restrictMode} from '../../model/file-mode.js';
import type {PlanOutcome, Step} from '../../model/plan.js';

/** The owner a fix sets, by number, with its display name (e.g. `root:docker`). */
export type WantedOwner = {
	readonly uid: number;
	readonly gid: number;
	readonly name: string;
};

/** What to fix on which files. */
export type PermissionRequest = {
	/** The files to fix; absent ones are left alone. */
	readonly files: readonly FileStat[];
	/** The owner they must have, for an ownership check. */
	readonly owner?: WantedOwner;
	/** The most permissive mode allowed, for a permission check (e.g. 0o644). */
	readonly mode?: number;
	/** How the title names a single file, e.g. `docker.service` (default: its path). */
	readonly label?: string;
	/** How the title names several files, e.g. `registry certificate files`. */
	readonly collective?: string;
	/** Impact warnings of this fix, e.g. that a socket is recreated on restart. */
	readonly warnings?: readonly string[];
};

/** A file whose owner and mode are known. */
type KnownStat = FileStat & {readonly uid: number; readonly gid: number; readonly mode: number};

const isKnown = (stat: FileStat): stat is KnownStat =>
	stat.exists && stat.error === undefined && stat.uid !== undefined && stat.gid !== undefined && stat.mode !== undefined;

/** The chown and chmod steps that bring one file in line, if any. */
function stepsFor(stat: KnownStat, request: PermissionRequest): Step[] {
	const steps: Step[] = [];
	const {owner, mode} = request;
	if (owner && (stat.uid !== owner.uid || stat.gid !== owner.gid)) {
		steps.push({kind: 'chown', path: stat.path, uid: owner.uid, gid: owner.gid, owner: owner.name, before: {uid: stat.uid, gid: stat.gid}});
	}

	if (mode !== undefined && excessBits(stat.mode, mode) !== 0) {
		steps.push({kind: 'chmod', path: stat.path, mode: restrictMode(stat.mode, mode), before: stat.mode});
	}

	return steps;
}

/** What is wanted, in words: `root:root`, `0644 or more restrictive`. */
function wanted(request: PermissionRequest): string {
	const parts: string[] = [];
	if (request.owner) {
		parts.push(request.owner.name);
	}

	if (request.mode !== undefined) {
		parts.push(`${octalMode(request.mode)} or more restrictive`);
	}

	return parts.join(', ');
}

/** What a chmod removes, in words: `group write (0664 → 0644)`, or for several files `the permissions beyond 0444`. */
function removal(chmod: Extract<Step, {kind: 'chmod'}>, several: boolean, allowed: number): {readonly what: string; readonly change: string} {
	return several
		? {what: `the permissions beyond ${octalMode(allowed)}`, change: ''}
		: {what: describeBits(chmod.before & ~chmod.mode), change: ` (${octalMode(chmod.before)} → ${octalMode(chmod.mode)})`};
}

/**
The plan's title: `Set the owner of /etc/docker to root:root`, `Remove group write from docker.service (0664 → 0644)`,
`Remove the permissions beyond 0444 from 3 registry certificate files`.
*/
function title(steps: readonly Step[], name: string, several: boolean, allowed: number | undefined): string {
	const chown = steps.find(step => step.kind === 'chown');
	const chmod = steps.find(step => step.kind === 'chmod');
	const removed = chmod?.kind === 'chmod' ? removal(chmod, several, allowed ?? chmod.mode) : undefined;
	if (chown?.kind === 'chown') {
		const owner = `Set the owner of ${name} to ${chown.owner}`;
		return removed ? `${owner} and remove ${removed.what}${removed.change}` : owner;
	}

	return removed ? `Remove ${removed.what} from ${name}${removed.change}` : `Fix the owner and mode of ${name}`;
}

/**
Plans chown and chmod steps that give `request.files` the wanted owner and take away the permission bits beyond the allowed mode.
Refuses when every file already complies (`nothing-to-do`) or none can be fixed (absent or unreadable: `not-applicable`).
*/
export function planFilePermissions(request: PermissionRequest): PlanOutcome {
	const present = request.files.filter(stat => stat.exists || stat.error !== undefined);
	if (present.length === 0) {
		const reason = request.files.length === 1 ? `${request.files[0].path} does not exist on this host` : `there are no ${request.collective ?? 'files'} on this host`;
		return {ok: false, code: 'not-applicable', reason: `${reason}: there is nothing to fix`};
	}

	const unknown = present.filter(stat => !isKnown(stat));
	const offending = present.filter(isKnown).map(stat => ({stat, steps: stepsFor(stat, request)})).filter(({steps}) => steps.length > 0);
	const unknownText = unknown.map(stat => `${stat.path} (${stat.error ?? 'owner or mode unknown'})`).join(', ');
	if (offending.length === 0) {
		return unknown.length > 0
			? {ok: false, code: 'not-applicable', reason: `cannot read the owner and mode of ${unknownText}: run dockwarden as root`}
			: {ok: false, code: 'nothing-to-do', reason: `${present.length === 1 ? `${present[0].path} is` : `all ${present.length} ${request.collective ?? 'files'} are`} already ${wanted(request)}`};
	}

	const steps = offending.flatMap(({steps}) => steps);
	const several = offending.length > 1;
	const name = several
		? `${offending.length} ${request.collective ?? 'files'}`
		: (request.files.length === 1 ? request.label : undefined) ?? offending[0].stat.path;
	const warnings = [...(request.warnings ?? [])];
	if (unknown.length > 0) {
		warnings.push(`not changed, because their owner and mode could not be read: ${unknownText}`);
	}

	return {
		ok: true,
		plan: {checkIds: [], title: title(steps, name, several, request.mode), steps, warnings, needsRoot: true},
	};
}
