import type {AuditEvent, AuditFacts, AuditWatch, DaemonFacts, HostPaths, ResolvedPath} from '../model/facts.js';
import type {ProveOutcome} from '../model/prove-outcome.js';
import {parseAusearch, quietReasons} from '../model/audit-events.js';
import {watchCovers} from '../model/audit-rules.js';
import {commandLine} from '../model/command-line.js';
import {auditKeyProblem, rulePathProblem} from '../model/rule-path.js';
import {ausearchArgv} from './audit-events.js';
import {describeFailure, type Exec} from './exec.js';

/** What the watched path is, as far as choosing a touch goes. */
export type PathKind = {
	readonly type: 'file' | 'directory' | 'other';
	/** Any execute bit set (files only). */
	readonly executable: boolean;
	/**
	True when dockwarden may run it: a root-owned regular file, writable by root only, that is the verified dockerd's
	binary (/proc/PID/exe of the daemon serving the socket, run as root) or containerd's. Anything else is only read.
	*/
	readonly runnable?: boolean;
};

/** The harmless touch that makes a rule record an event, or why there is none (and what the operator could run). */
export type Touch =
	| {readonly ok: true; readonly argv: readonly string[]}
	| {readonly ok: false; readonly why: string};

/**
Chooses a touch that reads or runs the path, never one that changes it: the verified dockerd or containerd binary
(`kind.runnable`) with `x` in the watch runs with `--version`; with `r`, a directory is listed and a file's first byte
read (the path is absolute, so never taken for an option). A watch of only `w` and `a` gets no touch: dockwarden does not write to the host's files to prove it, and runs no
other program than those two.
*/
export function chooseTouch(path: string, permissions: string, kind: PathKind): Touch {
	if (kind.type === 'file' && kind.executable && kind.runnable === true && permissions.includes('x')) {
		return {ok: true, argv: [path, '--version']};
	}

	if (permissions.includes('r') && kind.type === 'directory') {
		return {ok: true, argv: ['ls', path]};
	}

	if (permissions.includes('r') && kind.type === 'file') {
		return {ok: true, argv: ['head', '-c', '1', path]};
	}

	if (permissions.includes('x') && kind.type === 'file' && kind.executable) {
		return {ok: false, why: `the rule records only -p ${permissions}, and dockwarden runs no program but the verified dockerd's and containerd's root-owned binaries: ${path} is not one of them`};
	}

	const records = permissions.includes('r') || permissions.includes('x') ? `-p ${permissions}` : `only writes and attribute changes (-p ${permissions})`;
	return {
		ok: false,
		why: `the rule records ${records} and ${path} is ${kind.type === 'other' ? 'neither a regular file nor a directory' : 'not something dockwarden can read or run harmlessly'}; dockwarden makes no change to the host's files to prove it: run \`chmod --reference=${path} ${path}\` (an attribute change that changes nothing) yourself, then the search`,
	};
}


/** What a proof needs of the host. */
export type ProveAccess = {
	readonly exec: Exec;
	readonly fs: {stat(hostPath: string): Promise<import('node:fs').Stats | undefined>};
	/** Where the machine's ausearch is, as HostAccess finds it (the sandbox's in the demo). */
	tool(name: 'ausearch'): Promise<string | undefined>;
};

/** Waits, replaceable in tests. */
export type ProveOptions = {
	/** How long to wait for auditd to write the event before each search; 300 ms. */
	readonly waitMs?: number;
	/** How many searches after the touch at most; 5. */
	readonly attempts?: number;
};

const touchTimeoutMs = 5000;
const searchTimeoutMs = 5000;

/** The binaries `p` may run: the verified daemon's and containerd's, from the facts (never a process's name). */
export type ProveTrust = {
	readonly daemon: Pick<DaemonFacts, 'process'>;
	readonly paths: Pick<HostPaths, 'containerd'>;
};

/** The binaries of `trust` that may be run: the dockerd serving the socket (as root) by its /proc/PID/exe, and containerd's. */
function trustedBinaries(trust: ProveTrust | undefined): Set<string> {
	const binaries = new Set<string>();
	const process = trust?.daemon.process;
	if (process?.exe && process.uid === 0) {
		binaries.add(process.exe);
	}

	if (trust?.paths.containerd.exists) {
		binaries.add(trust.paths.containerd.path);
	}

	return binaries;
}

async function kindOf(fs: ProveAccess['fs'], path: string, trust: ProveTrust | undefined): Promise<PathKind | undefined> {
	const stat = await fs.stat(path);
	if (!stat) {
		return undefined;
	}

	const isFile = stat.isFile();
	// Run only a root-owned regular file that nobody but root can change, and only the verified binaries.
	const runnable = isFile && stat.uid === 0 && (stat.mode & 0o022) === 0 && trustedBinaries(trust).has(path);
	return {type: stat.isDirectory() ? 'directory' : (isFile ? 'file' : 'other'), executable: isFile && (stat.mode & 0o111) !== 0, runnable};
}

/** The live keyed rule to prove: one that covers the path and allows a touch, else the first keyed one. */
function pickRule(rules: readonly AuditWatch[], path: string, kind: PathKind): AuditWatch | undefined {
	const keyed = rules.filter(rule => rule.key && watchCovers(rule, path));
	return keyed.find(rule => chooseTouch(path, rule.permissions, kind).ok) ?? keyed[0];
}

async function search(exec: Exec, argv: readonly string[], key: string): Promise<{events: AuditEvent[]; error?: string}> {
	const result = await exec(argv, {timeoutMs: searchTimeoutMs});
	if (!result.failure && result.exitCode === 1 && /<no matches>/.test(result.stderr + result.stdout)) {
		return {events: []};
	}

	if (result.failure || result.exitCode !== 0) {
		return {events: [], error: describeFailure(argv, result)};
	}

	return {events: parseAusearch(result.stdout, key)};
}

async function sleep(ms: number): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, ms);
	});
}

/**
Proves a passing audit-rule check: touches the watched path harmlessly (see `chooseTouch`), then searches the events of
the live rule's key with `ausearch -k KEY -i --start recent` until a new one appears, or says why none did.
The path must be absolute, normalised and free of control characters and whitespace; only the binaries `trust` names
(the verified dockerd's and containerd's) are ever run, and only when root owns them.
*/
export async function proveAudit(access: ProveAccess, target: ResolvedPath, audit: AuditFacts, options: ProveOptions = {}, trust?: ProveTrust): Promise<ProveOutcome> {
	const {path} = target;
	const pathProblem = rulePathProblem(path);
	if (pathProblem !== undefined) {
		return {ok: false, reason: `refused: ${pathProblem}`};
	}

	if (!target.exists) {
		return {ok: false, reason: `${path} does not exist on this host`};
	}

	if (audit.live === undefined) {
		return {ok: false, reason: `the live audit rules could not be read: ${audit.liveError ?? 'auditctl -l failed'}`};
	}

	const kind = await kindOf(access.fs, path, trust);
	if (!kind) {
		return {ok: false, reason: `${path} could not be read (stat failed)`};
	}

	const rule = pickRule(audit.live, path, kind);
	if (!rule) {
		return {ok: false, reason: audit.live.some(candidate => watchCovers(candidate, path)) ? `the live rule on ${path} has no key (-k), so ausearch -k cannot pick out its events` : `no live rule watches ${path}`};
	}

	const keyProblem = auditKeyProblem(rule.key!);
	if (keyProblem !== undefined) {
		return {ok: false, reason: `refused: the live rule on ${path}: ${keyProblem}`};
	}

	const ausearch = await access.tool('ausearch');
	if (!ausearch) {
		return {ok: false, reason: 'ausearch is not installed on this machine (it comes with the auditd package)'};
	}

	const argv = ausearchArgv(ausearch, rule.key!);
	const command = commandLine(argv);
	const touch = chooseTouch(path, rule.permissions, kind);
	if (!touch.ok) {
		return {ok: false, reason: `${touch.why}: ${command}`};
	}

	const before = await search(access.exec, argv, rule.key!);
	const touched = commandLine(touch.argv);
	const ran = await access.exec(touch.argv, {timeoutMs: touchTimeoutMs});
	const touchFailure = ran.failure ? describeFailure(touch.argv, ran) : undefined;
	const attempts = options.attempts ?? 5;
	let last: {events: AuditEvent[]; error?: string} = before;
	for (let attempt = 0; attempt < attempts; attempt++) {
		// eslint-disable-next-line no-await-in-loop -- auditd writes the log on its own time: wait, then look again
		await sleep(options.waitMs ?? 300);
		// eslint-disable-next-line no-await-in-loop -- the search runs after each wait, as above
		last = await search(access.exec, argv, rule.key!);
		if (!last.error && last.events.length > before.events.length) {
			return {ok: true, touched, event: last.events.at(-1)!, command};
		}
	}

	const why = touchFailure ?? (last.error ? `the search failed: ${last.error}` : quietReasons(audit.status).replace(/: nothing touched the path recently$/, ': yet no new event was found'));
	return {ok: true, touched, command, why};
}
