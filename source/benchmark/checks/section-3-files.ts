/**
Section 3 (Docker daemon configuration files): the owner and mode of every file and socket the daemon depends on.

Ownership checks want root:root (the Docker socket: root and the docker group). Permission checks want "N or more restrictive":
no permission bit beyond N, compared as bit sets. An absent path or an unconfigured TLS file is `skip`; an unreadable one is `error`.
Every check plans its fix with chown/chmod steps that only take bits away.
*/
import type {DaemonFacts, DockerGroup, FileFacts, FileStat} from '../../model/facts.js';
import type {Finding} from '../types.js';
import type {CheckLogic, SectionLogic} from './check-logic.js';
import type {Section3TextId} from '../text/section-3-files.js';
import {describeBits, describeStat, excessBits, formatOwnership, hasSeveralBits, octalMode, symbolicMode} from '../../model/file-mode.js';
import {planFilePermissions, type PermissionRequest, type WantedOwner} from '../plans/plan-file-permissions.js';
import type {PlanOutcome} from '../../model/plan.js';
import {plural} from './words.js';

/** A file section 3 judges, and how findings and plans name it. */
type Target = {
	readonly pick: (files: FileFacts) => FileStat | undefined;
	/** How summaries name it, e.g. `docker.service`, `the Docker socket`. */
	readonly label: string;
	/** How plan titles name it; the path when unset. */
	readonly titleLabel?: string;
	/** Why it is not judged when `pick` gives undefined. */
	readonly unconfigured?: string;
	/** True for a file the daemon itself owns when it runs rootless (its sockets, its daemon.json). */
	readonly daemonOwned?: boolean;
	/** Impact warnings of its ownership and mode fixes. */
	readonly ownerWarnings?: readonly string[];
	readonly modeWarnings?: readonly string[];
};

/** A stat whose owner and mode are known. */
type KnownStat = FileStat & {readonly uid: number; readonly gid: number; readonly mode: number};

/** The judgement of one file against one rule. */
type Verdict = {readonly good: boolean; readonly line: string};

const rootRoot: WantedOwner = {uid: 0, gid: 0, name: 'root:root'};

const isKnown = (stat: FileStat): stat is KnownStat =>
	stat.exists && stat.error === undefined && stat.uid !== undefined && stat.gid !== undefined && stat.mode !== undefined;


/** Starts a summary with a capital, unless it starts with a file name (`docker.service`, `/etc/docker`). */
const sentence = (text: string): string => (text.startsWith('the ') ? `T${text.slice(1)}` : text);

/** Judges a file with `judge`, or says why it cannot: not configured or absent (skip), unreadable (error). */
function judgeFile(stat: FileStat | undefined, target: Target, judge: (stat: KnownStat) => Finding): Finding {
	if (stat === undefined) {
		const reason = target.unconfigured ?? `the host names no ${target.label}`;
		return {status: 'skip', summary: sentence(reason), evidence: [reason]};
	}

	const subjects = [{kind: 'file', path: stat.path}] as const;
	if (stat.error !== undefined) {
		return {status: 'error', summary: `Cannot read ${stat.path}`, evidence: [`cannot read the owner and mode of ${stat.path}: ${stat.error}`], subjects};
	}

	if (!stat.exists) {
		return {status: 'skip', summary: `${stat.path} does not exist on this host`, evidence: [`${stat.path} does not exist on this host, so there is nothing to check`], subjects};
	}

	if (!isKnown(stat)) {
		return {status: 'error', summary: `The owner and mode of ${stat.path} are unknown`, evidence: [`${stat.path} exists but its owner and mode could not be read`], subjects};
	}

	return {...judge(stat), subjects};
}

/** Judges a file's owner: the wanted uid and gid, by number. */
function judgeOwner(stat: KnownStat, owner: WantedOwner): Verdict {
	const [userName, groupName] = owner.name.split(':');
	const problems: string[] = [];
	if (stat.uid !== owner.uid) {
		problems.push(`owner ${stat.owner ?? '?'} (uid ${stat.uid}) is not ${userName} (uid ${owner.uid})`);
	}

	if (stat.gid !== owner.gid) {
		problems.push(`group ${stat.group ?? '?'} (gid ${stat.gid}) is not ${groupName} (gid ${owner.gid})`);
	}

	return problems.length === 0
		? {good: true, line: describeStat(stat)}
		: {good: false, line: `${describeStat(stat)}: ${problems.join(' and ')}`};
}

/** The mode bits that count: a socket's setuid, setgid and sticky bits mean nothing, so they are not findings. */
const countedMode = (stat: KnownStat): number => (stat.type === 'socket' ? stat.mode & 0o777 : stat.mode);

/** Judges a file's mode: no permission bit beyond `allowed`. */
function judgeMode(stat: KnownStat, allowed: number): Verdict {
	const excess = excessBits(countedMode(stat), allowed);
	return excess === 0
		? {good: true, line: `${describeStat(stat)}: within ${octalMode(allowed)} (${symbolicMode(allowed)})`}
		: {good: false, line: `${describeStat(stat)}: ${describeBits(excess)} ${hasSeveralBits(excess) ? 'are' : 'is'} beyond ${octalMode(allowed)}`};
}

/** The finding of an ownership check on one file. */
function ownerFinding(stat: KnownStat, target: Target, owner: WantedOwner): Finding {
	const verdict = judgeOwner(stat, owner);
	return verdict.good
		? {status: 'pass', summary: sentence(`${target.label} is owned by ${owner.name}`), evidence: [verdict.line]}
		: {status: 'warn', summary: sentence(`${target.label} is owned by ${formatOwnership(stat)}, not ${owner.name}`), evidence: [verdict.line]};
}

/** The finding of a permission check on one file. */
function modeFinding(stat: KnownStat, target: Target, allowed: number): Finding {
	const verdict = judgeMode(stat, allowed);
	return verdict.good
		? {status: 'pass', summary: sentence(`${target.label} is ${octalMode(stat.mode)}, within ${octalMode(allowed)}`), evidence: [verdict.line]}
		: {status: 'warn', summary: sentence(`${target.label} is ${octalMode(stat.mode)}: ${describeBits(excessBits(countedMode(stat), allowed))} beyond ${octalMode(allowed)}`), evidence: [verdict.line]};
}

/** The plan request of a single-file check. */
function request(stat: FileStat, target: Target, rule: Pick<PermissionRequest, 'owner' | 'mode' | 'warnings'>): PermissionRequest {
	return {files: [stat], label: target.titleLabel, ...rule};
}

/** Refuses a fix for a file that is not configured. */
function refuseUnconfigured(target: Target): PlanOutcome {
	return {ok: false, code: 'not-applicable', reason: `${target.unconfigured ?? `the host names no ${target.label}`}: there is nothing to fix`};
}

/**
A rootless daemon's own files (its socket, its containerd's socket, its daemon.json) belong to the daemon's user, not to root:
the finding judges the owner's uid against that user, and there is no fix to plan (root:root would lock the daemon out).
*/
function rootlessOwnerFinding(stat: KnownStat, target: Target, uid: number): Finding {
	return stat.uid === uid
		? {status: 'pass', summary: sentence(`${target.label} belongs to the rootless daemon's user (uid ${uid})`), evidence: [`${describeStat(stat)}: the daemon runs rootless as uid ${uid}, so its own files are that user's, not root's`]}
		: {status: 'warn', summary: sentence(`${target.label} is owned by ${formatOwnership(stat)}, not by the rootless daemon's user (uid ${uid})`), evidence: [`${describeStat(stat)}: the daemon runs rootless as uid ${uid}; another user owning its file can change what the daemon reads or who reaches it`]};
}

/** The refusal of an ownership fix on a rootless daemon's own file. */
function rootlessRefusal(target: Target, uid: number): PlanOutcome {
	return {ok: false, code: 'not-applicable', reason: `the daemon runs rootless as uid ${uid}: ${target.label} belongs to that user, and giving it to root would lock the daemon out; chown it to uid ${uid} by hand if it is someone else's`};
}

/** An ownership check (root:root) on one file; on a target the daemon's user owns (`daemonOwned`), that user when the daemon is rootless. */
function ownershipCheck(target: Target): CheckLogic {
	return {
		needs: ['files', 'daemon'],
		audit({files, daemon}): Finding {
			const rootless = target.daemonOwned ? rootlessUid(daemon) : undefined;
			return judgeFile(target.pick(files), target, stat => rootless === undefined ? ownerFinding(stat, target, rootRoot) : rootlessOwnerFinding(stat, target, rootless));
		},
		planFix({files, daemon}): PlanOutcome {
			const rootless = target.daemonOwned ? rootlessUid(daemon) : undefined;
			if (rootless !== undefined) {
				return rootlessRefusal(target, rootless);
			}

			const stat = target.pick(files);
			return stat === undefined ? refuseUnconfigured(target) : planFilePermissions(request(stat, target, {owner: rootRoot, warnings: target.ownerWarnings}));
		},
	};
}

/** A permission check ("`allowed` or more restrictive") on one file. */
function modeCheck(target: Target, allowed: number): CheckLogic {
	return {
		needs: ['files'],
		audit({files}): Finding {
			return judgeFile(target.pick(files), target, stat => modeFinding(stat, target, allowed));
		},
		planFix({files}): PlanOutcome {
			const stat = target.pick(files);
			return stat === undefined ? refuseUnconfigured(target) : planFilePermissions(request(stat, target, {mode: allowed, warnings: target.modeWarnings}));
		},
	};
}

// Registry certificates (3.7, 3.8): each file judged on its own ------------------------------------

const certsDir = '/etc/docker/certs.d';
const certsName = 'registry certificate files';

/** The certificate entries a rule applies to: all for ownership, files only (not directories) for the mode. */
function certEntries(files: FileFacts, filesOnly: boolean): readonly FileStat[] {
	return files.registryCerts.filter(stat => !filesOnly || stat.type !== 'directory');
}

/** Judges every certificate file; offending files give one evidence line each. */
function certsFinding(entries: readonly FileStat[], judge: (stat: KnownStat) => Verdict, wanted: string): Finding {
	if (entries.length === 0) {
		return {status: 'skip', summary: `No registry certificates under ${certsDir}`, evidence: [`there are no files under ${certsDir}, so there is nothing to check`]};
	}

	const present = entries.filter(stat => stat.exists || stat.error !== undefined);
	const verdicts = present.filter(isKnown).map(stat => judge(stat));
	const unreadable = present.filter(stat => !isKnown(stat)).map(stat => `cannot read the owner and mode of ${stat.path}: ${stat.error ?? 'unknown'}`);
	const bad = verdicts.filter(verdict => !verdict.good);
	if (bad.length > 0) {
		const rest = verdicts.length - bad.length;
		return {
			status: 'warn',
			summary: `${bad.length} of ${plural(present.length, 'registry certificate file')} ${bad.length === 1 ? 'is' : 'are'} not ${wanted}`,
			evidence: [...bad.map(verdict => verdict.line), ...unreadable, ...(rest > 0 ? [`the other ${plural(rest, 'file')} under ${certsDir} ${rest === 1 ? 'is' : 'are'} ${wanted}`] : [])],
		};
	}

	if (unreadable.length > 0) {
		return {status: 'error', summary: `Cannot read ${plural(unreadable.length, 'registry certificate file')}`, evidence: [...unreadable, ...verdicts.map(verdict => verdict.line)]};
	}

	if (verdicts.length === 0) {
		return {status: 'skip', summary: `No registry certificates under ${certsDir}`, evidence: [`the files listed under ${certsDir} no longer exist`]};
	}

	return {status: 'pass', summary: `All ${plural(verdicts.length, 'registry certificate file')} ${verdicts.length === 1 ? 'is' : 'are'} ${wanted}`, evidence: verdicts.map(verdict => verdict.line)};
}

/** Plans the fix of every offending certificate file. */
function planCerts(entries: readonly FileStat[], rule: Pick<PermissionRequest, 'owner' | 'mode'>): PlanOutcome {
	if (entries.length === 0) {
		return {ok: false, code: 'not-applicable', reason: `there are no files under ${certsDir}: there is nothing to fix`};
	}

	return planFilePermissions({files: entries, collective: certsName, ...rule});
}

const certsOwnership: CheckLogic = {
	needs: ['files'],
	audit: ({files}) => certsFinding(certEntries(files, false), stat => judgeOwner(stat, rootRoot), 'owned by root:root'),
	planFix: ({files}) => planCerts(certEntries(files, false), {owner: rootRoot}),
};

const certsMode: CheckLogic = {
	needs: ['files'],
	audit: ({files}) => certsFinding(certEntries(files, true), stat => judgeMode(stat, 0o444), '0444 or more restrictive'),
	planFix: ({files}) => planCerts(certEntries(files, true), {mode: 0o444}),
};

// The Docker socket (3.15, 3.16) -------------------------------------------------------------------

/** The socket's lasting settings, said in every socket fix. */
const dockerSocketLasting = 'the daemon (or systemd, with socket activation) recreates the Docker socket with its configured owner and mode on every restart: set SocketMode=0660, SocketUser=root and SocketGroup=docker in the [Socket] section of docker.socket (or start dockerd with --group docker) to make this fix last';

const containerdOwnerLasting = 'containerd recreates its socket whenever it restarts, owned by the uid and gid set under [grpc] in its config: set uid = 0 and gid = 0 there (/etc/containerd/config.toml for a system containerd) to make this fix last';

const containerdModeLasting = 'containerd recreates its socket whenever it restarts (normally with mode 0660): if a chmod or a tmpfiles.d rule loosened it, remove that too, or the loose mode comes back';

const dockerSocket: Target = {
	pick: files => files.dockerSocket,
	label: 'the Docker socket',
	modeWarnings: [dockerSocketLasting, 'users other than root and members of the socket\'s group lose access to the Docker daemon'],
};

const containerdSocket: Target = {
	pick: files => files.containerdSocket,
	label: 'the containerd socket',
	daemonOwned: true,
	ownerWarnings: [containerdOwnerLasting],
	modeWarnings: [containerdModeLasting, 'users other than root and members of the socket\'s group lose direct access to containerd'],
};

/** The docker group as a wanted owner, if the host has one. */
function dockerOwner(group: DockerGroup): WantedOwner | undefined {
	return group.exists && group.gid !== undefined ? {uid: 0, gid: group.gid, name: 'root:docker'} : undefined;
}

/** The uid of a rootless daemon (not 0), if the daemon proven to serve the socket runs rootless. */
function rootlessUid(daemon: DaemonFacts): number | undefined {
	return daemon.rootless?.uid;
}

/** 3.15 when there is no docker group: root alone (root:root) complies; any other group is a warning without a fix. */
function socketWithoutGroup(stat: KnownStat): Finding {
	if (stat.uid === 0 && stat.gid === 0) {
		return {status: 'pass', summary: 'The Docker socket is root:root and there is no docker group', evidence: [`${describeStat(stat)}: there is no docker group in /etc/group, so root:root leaves the socket to root alone`]};
	}

	const verdict = judgeOwner(stat, rootRoot);
	return {status: 'warn', summary: `The Docker socket is owned by ${formatOwnership(stat)}`, evidence: [verdict.line, 'there is no docker group in /etc/group: only root should own the socket']};
}

const dockerSocketOwnership: CheckLogic = {
	needs: ['files', 'dockerGroup', 'daemon'],
	audit({files, dockerGroup, daemon}): Finding {
		return judgeFile(files.dockerSocket, dockerSocket, stat => {
			const rootless = rootlessUid(daemon);
			if (rootless !== undefined) {
				return rootlessOwnerFinding(stat, dockerSocket, rootless);
			}

			const owner = dockerOwner(dockerGroup);
			return owner ? ownerFinding(stat, dockerSocket, owner) : socketWithoutGroup(stat);
		});
	},
	planFix({files, dockerGroup, daemon}): PlanOutcome {
		const rootless = rootlessUid(daemon);
		if (rootless !== undefined) {
			return rootlessRefusal(dockerSocket, rootless);
		}

		const owner = dockerOwner(dockerGroup);
		if (!owner) {
			return {ok: false, code: 'not-applicable', reason: 'there is no docker group to give the Docker socket to: create it (groupadd --system docker) and add the users who may use Docker, then run the fix again'};
		}

		const members = [...new Set([...dockerGroup.members, ...dockerGroup.primaryMembers])];
		const access = `afterwards only root and members of the docker group (gid ${owner.gid}: ${members.length > 0 ? members.join(', ') : 'no members'}) can use the Docker daemon`;
		return planFilePermissions({files: [files.dockerSocket], owner, warnings: [dockerSocketLasting, access]});
	},
};

// Single files -------------------------------------------------------------------------------------

const dockerService: Target = {pick: files => files.dockerService, label: 'docker.service', titleLabel: 'docker.service'};
const dockerSocketUnit: Target = {pick: files => files.dockerSocketUnit, label: 'docker.socket', titleLabel: 'docker.socket'};
const etcDocker: Target = {pick: files => files.etcDocker, label: '/etc/docker'};
const tlsCaCert: Target = {pick: files => files.tlsCaCert, label: 'the TLS CA certificate', unconfigured: 'the daemon names no tlscacert: TLS is not configured'};
const tlsCert: Target = {pick: files => files.tlsCert, label: 'the server certificate', unconfigured: 'the daemon names no tlscert: TLS is not configured'};
const tlsKey: Target = {pick: files => files.tlsKey, label: 'the server key', unconfigured: 'the daemon names no tlskey: TLS is not configured'};
const daemonJson: Target = {pick: files => files.daemonJson, label: 'daemon.json', titleLabel: 'daemon.json', daemonOwned: true};
const etcDefaultDocker: Target = {pick: files => files.etcDefaultDocker, label: '/etc/default/docker'};
const etcSysconfigDocker: Target = {pick: files => files.etcSysconfigDocker, label: '/etc/sysconfig/docker'};

/** Section 3, Docker daemon configuration files. */
export const section3Logic = {
	'3.1': ownershipCheck(dockerService),
	'3.2': modeCheck(dockerService, 0o644),
	'3.3': ownershipCheck(dockerSocketUnit),
	'3.4': modeCheck(dockerSocketUnit, 0o644),
	'3.5': ownershipCheck(etcDocker),
	'3.6': modeCheck(etcDocker, 0o755),
	'3.7': certsOwnership,
	'3.8': certsMode,
	'3.9': ownershipCheck(tlsCaCert),
	'3.10': modeCheck(tlsCaCert, 0o444),
	'3.11': ownershipCheck(tlsCert),
	'3.12': modeCheck(tlsCert, 0o444),
	'3.13': ownershipCheck(tlsKey),
	'3.14': modeCheck(tlsKey, 0o400),
	'3.15': dockerSocketOwnership,
	'3.16': modeCheck(dockerSocket, 0o660),
	'3.17': ownershipCheck(daemonJson),
	'3.18': modeCheck(daemonJson, 0o644),
	'3.19': ownershipCheck(etcDefaultDocker),
	'3.20': modeCheck(etcDefaultDocker, 0o644),
	'3.21': modeCheck(etcSysconfigDocker, 0o644),
	'3.22': ownershipCheck(etcSysconfigDocker),
	'3.23': ownershipCheck(containerdSocket),
	'3.24': modeCheck(containerdSocket, 0o660),
} satisfies SectionLogic<Section3TextId>;
