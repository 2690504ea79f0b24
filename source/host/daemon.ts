import path from 'node:path';
import type {DaemonConfigFile, DaemonFacts, DaemonLauncher, DaemonProcess, RootlessDaemon} from '../model/facts.js';
import {accountEntries} from './account-files.js';
import {parseDaemonFlags} from './daemon-flags.js';
import {findLauncher} from './daemon-launcher.js';
import {normalizeSocket, proveHoldsSocket, socketOfHost, statusUids} from './daemon-socket.js';
import {findProcesses, pidInFile, processExecutable, type ProcessScan} from './proc.js';
import type {RootFs} from './root-fs.js';

/** The default daemon.json path. */
export const defaultDaemonJson = '/etc/docker/daemon.json';

export {socketOfHost} from './daemon-socket.js';

/** Locates a JSON parse error as "line L, column C" in the text. */
export function locateJsonError(text: string, error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const position = /position (\d+)/.exec(message)?.[1];
	if (position === undefined) {
		return message;
	}

	const before = text.slice(0, Number(position));
	const line = before.split('\n').length;
	const column = Number(position) - before.lastIndexOf('\n');
	return `${message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '')} at line ${line}, column ${column}`;
}

/** Reads and parses a daemon.json. Never throws. */
export async function readDaemonConfig(fs: RootFs, path: string): Promise<DaemonConfigFile> {
	let text: string | undefined;
	try {
		text = await fs.readText(path);
	} catch (error) {
		return {state: 'unreadable', path, error: (error as Error).message};
	}

	if (text === undefined) {
		return {state: 'absent', path};
	}

	if (text.trim() === '') {
		return {state: 'ok', path, text, config: {}};
	}

	try {
		const config: unknown = JSON.parse(text);
		if (typeof config !== 'object' || config === null || Array.isArray(config)) {
			return {state: 'malformed', path, text, error: 'the top level is not a JSON object'};
		}

		return {state: 'ok', path, text, config: config as Record<string, unknown>};
	} catch (error) {
		return {state: 'malformed', path, text, error: locateJsonError(text, error)};
	}
}

/** Where snap's Docker keeps its daemon.json. */
const snapDaemonJson = '/var/snap/docker/current/config/daemon.json';

/** A process proven to serve the socket, with what was read of it. */
type ProvenDaemon = DaemonProcess & {readonly uid: number; readonly note: string};

/** The owner of the socket file, or undefined when it cannot be read. */
async function socketOwner(fs: RootFs, socket: string): Promise<number | undefined> {
	const stat = await fs.stat(socket).catch(() => undefined);
	return stat?.isSocket() ? stat.uid : undefined;
}

/**
Proves one candidate: named dockerd, holding a listening descriptor of the socket in its own network namespace, and running as root
(every uid 0) or as the user who owns the socket (rootless). Gives the reason when it is not proven.
*/
async function proveCandidate(fs: RootFs, pid: number, socket: string): Promise<ProvenDaemon | {reason: string}> {
	const [comm, cmdline, status] = await Promise.all([
		fs.readText(`/proc/${pid}/comm`).catch(() => undefined),
		fs.readText(`/proc/${pid}/cmdline`).catch(() => undefined),
		fs.readText(`/proc/${pid}/status`).catch(() => undefined),
	]);
	if (comm === undefined || status === undefined) {
		return {reason: `pid ${pid} has exited`};
	}

	if (comm.trim() !== 'dockerd') {
		return {reason: `pid ${pid} is not a dockerd`};
	}

	const proof = await proveHoldsSocket(fs, pid, socket);
	if (!proof.proven) {
		return {reason: `dockerd pid ${pid}: ${proof.reason}`};
	}

	const uids = statusUids(status);
	const uid = uids[0];
	if (uid === undefined || uids.some(other => other !== uid)) {
		return {reason: `dockerd pid ${pid} holds the socket but its uids are mixed (${uids.join(', ')})`};
	}

	if (uid !== 0) {
		const owner = await socketOwner(fs, socket);
		if (owner !== uid) {
			return {reason: `dockerd pid ${pid} holds the socket but runs as uid ${uid}, which is neither root nor the owner of ${socket} (${owner === undefined ? 'not readable' : `uid ${owner}`})`};
		}
	}

	const argv = (cmdline ?? '').split('\0').filter(Boolean);
	const exe = await processExecutable(fs, pid);
	return {pid, argv, uid, exe, note: `dockerd pid ${pid} holds the listening socket ${socket} (descriptor ${proof.fd}, socket inode ${proof.inode}) and runs as ${uid === 0 ? 'root' : `uid ${uid}, the socket's owner (rootless)`}`};
}

/**
Finds the dockerd that serves `socket`, by proof, never by name or flags alone: the pid files beside the socket and in /run are tried
first (cheap), then every process named dockerd (from `scan`, the run's pass over /proc, when given). Each must hold the
listening socket and run as root or as the socket's owner.
*/
export async function proveDaemon(fs: RootFs, socket: string, scan?: ProcessScan): Promise<{daemon?: ProvenDaemon; note: string}> {
	const hints = await Promise.all([path.posix.join(path.posix.dirname(socket), 'docker.pid'), '/run/docker.pid'].map(async file => pidInFile(fs, file)));
	const tried = new Set<number>();
	const reasons: string[] = [];
	const attempt = async (pids: readonly number[]) => {
		for (const pid of pids.filter(pid => !tried.has(pid))) {
			tried.add(pid);
			// eslint-disable-next-line no-await-in-loop -- candidates are proved in turn; the first that holds the socket wins
			const outcome = await proveCandidate(fs, pid, socket);
			if ('pid' in outcome) {
				return outcome;
			}

			reasons.push(outcome.reason);
		}

		return undefined;
	};

	const fromHints = await attempt(hints.filter(pid => pid !== undefined));
	if (fromHints) {
		return {daemon: fromHints, note: fromHints.note};
	}

	const named = (await findProcesses(fs, ['dockerd'], scan).catch(() => [])).map(process => process.pid);
	const found = await attempt(named);
	if (found) {
		return {daemon: found, note: found.note};
	}

	const dockerds = named.length === 0 ? 'no dockerd process runs in /proc' : `${named.length} dockerd process${named.length === 1 ? '' : 'es'} run${named.length === 1 ? 's' : ''}`;
	return {note: `no process could be proven to serve ${socket}: ${dockerds}${reasons.length > 0 ? ` (${reasons.filter(reason => !reason.endsWith('is not a dockerd')).join('; ')})` : ''}`};
}

/** The pid of the dockerd proven to serve `dockerHost`, if one runs. */
export async function findDaemonPid(fs: RootFs, dockerHost: string): Promise<number | undefined> {
	const socket = socketOfHost(dockerHost);
	return socket === undefined ? undefined : (await proveDaemon(fs, normalizeSocket(socket))).daemon?.pid;
}

/** The NUL-separated environment of a process, as a record; empty when it cannot be read. */
async function processEnvironment(fs: RootFs, pid: number): Promise<Record<string, string>> {
	const text = await fs.readText(`/proc/${pid}/environ`).catch(() => undefined);
	const environment: Record<string, string> = {};
	for (const entry of (text ?? '').split('\0')) {
		const index = entry.indexOf('=');
		if (index > 0) {
			environment[entry.slice(0, index)] = entry.slice(index + 1);
		}
	}

	return environment;
}

/** The name and home of a uid, from /etc/passwd under --root. */
async function passwdEntry(fs: RootFs, uid: number): Promise<{name: string; home: string} | undefined> {
	const text = await fs.readText('/etc/passwd').catch(() => undefined);
	const entry = accountEntries(text).find(fields => fields[0] && Number(fields[2]) === uid && fields[5] !== undefined);
	return entry ? {name: entry[0]!, home: entry[5]!} : undefined;
}

/** The daemon.json of the proven daemon, and how that path was chosen. */
function configPathOf(flags: ReturnType<typeof parseDaemonFlags>, launcher: DaemonLauncher, rootless: RootlessDaemon | undefined, environment: Readonly<Record<string, string>>): {path: string; how: string} {
	const flag = flags['config-file'];
	if (typeof flag === 'string') {
		return {path: flag, how: 'the --config-file of the running dockerd'};
	}

	if (rootless) {
		const config = environment.XDG_CONFIG_HOME ?? (rootless.home ? `${rootless.home}/.config` : undefined);
		if (config) {
			return {path: `${config}/docker/daemon.json`, how: `the rootless daemon's own, ${environment.XDG_CONFIG_HOME ? '$XDG_CONFIG_HOME' : '~/.config'}/docker/daemon.json of ${rootless.user ?? `uid ${rootless.uid}`}`};
		}
	}

	if (launcher.kind === 'snap') {
		return {path: snapDaemonJson, how: 'the snap\'s daemon.json'};
	}

	return {path: defaultDaemonJson, how: 'the default daemon.json'};
}

/**
Gathers the daemon model: the dockerd proven to serve the Docker host, its flags, who launched it and will start it next, the daemon.json
it reads, and whether it is rootless. When no dockerd is proven, no file is read: its daemon.json would be a guess.
*/
export async function gatherDaemon(fs: RootFs, dockerHost: string, auditorUid?: number, scan?: ProcessScan): Promise<DaemonFacts> {
	const rawSocket = socketOfHost(dockerHost);
	if (rawSocket === undefined) {
		const note = `the Docker host ${dockerHost} is not a unix socket of this host, so no local dockerd can be proven to serve it`;
		return {processNote: note, flags: {}, configFile: {state: 'unknown', path: defaultDaemonJson, reason: note}};
	}

	const socket = normalizeSocket(rawSocket);
	const {daemon: found, note} = await proveDaemon(fs, socket, scan);
	if (!found) {
		return {processNote: note, socket: rawSocket, flags: {}, configFile: {state: 'unknown', path: defaultDaemonJson, reason: note}};
	}

	const {note: _note, ...process} = found;
	const allFlags = parseDaemonFlags(process.argv);
	const {'config-file': _configFile, ...flags} = allFlags;
	const [environment, user] = await Promise.all([
		found.uid === 0 ? Promise.resolve<Record<string, string>>({}) : processEnvironment(fs, found.pid),
		found.uid === 0 ? Promise.resolve(undefined) : passwdEntry(fs, found.uid),
	]);
	const rootless: RootlessDaemon | undefined = found.uid === 0 ? undefined : {
		uid: found.uid,
		...(user ? {user: user.name, home: environment.HOME ?? user.home} : (environment.HOME ? {home: environment.HOME} : {})),
		runtimeDir: environment.XDG_RUNTIME_DIR ?? path.posix.dirname(rawSocket),
	};
	const launcher = await findLauncher(fs, {pid: found.pid, argv: found.argv, exe: found.exe, uid: found.uid, user: rootless?.home ? {name: rootless.user ?? String(found.uid), home: rootless.home} : undefined, environment, auditorUid});
	const config = configPathOf(allFlags, launcher, rootless, environment);
	const configFile = await readDaemonConfig(fs, config.path);
	const defaults = rootless
		? {execRoot: `${rootless.runtimeDir}/docker`, dataRoot: `${environment.XDG_DATA_HOME ?? `${rootless.home ?? '~'}/.local/share`}/docker`}
		: {execRoot: '/var/run/docker', dataRoot: '/var/lib/docker'};
	return {
		process,
		processNote: note,
		socket: rawSocket,
		launcher,
		...(rootless ? {rootless} : {}),
		flags,
		configFile,
		configFileHow: config.how,
		defaults,
	};
}
