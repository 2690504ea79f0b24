import type {DaemonConfigFile, DaemonFacts, DaemonProcess} from '../benchmark/facts.js';
import {parseDaemonFlags} from './daemon-flags.js';
import {findProcesses, processExecutable, type HostProcess} from './proc.js';
import type {RootFs} from './root-fs.js';
import {readUnit} from './units.js';
import {unitFileFlags} from './unit-file-flags.js';

/** The default daemon.json path. */
export const defaultDaemonJson = '/etc/docker/daemon.json';

/** `/var/run/x` and `/run/x` are the same place on every modern host. */
function normalizeSocket(path: string): string {
	return path.replace(/^\/var\/run\//, '/run/');
}

/** The unix socket path of a Docker host URL, if it is one. */
export function socketOfHost(url: string): string | undefined {
	if (url.startsWith('unix://')) {
		return url.slice('unix://'.length);
	}

	return url.startsWith('/') ? url : undefined;
}

function hostsOf(process: HostProcess): string[] {
	const hosts = parseDaemonFlags(process.argv).hosts;
	return Array.isArray(hosts) ? [...hosts] : [];
}

/**
Chooses the dockerd that serves `dockerHost`: the one listening on that socket; else, for the default socket, the one started with `fd://` (systemd socket activation) or without -H; else the only one there is.
*/
export function matchDaemon(processes: readonly HostProcess[], dockerHost: string): {process?: HostProcess; note: string} {
	if (processes.length === 0) {
		return {note: 'no dockerd process found in /proc'};
	}

	const socket = socketOfHost(dockerHost);
	if (socket) {
		const wanted = normalizeSocket(socket);
		const exact = processes.find(process => hostsOf(process).some(host => {
			const path = socketOfHost(host);
			return path !== undefined && normalizeSocket(path) === wanted;
		}));
		if (exact) {
			return {process: exact, note: `dockerd pid ${exact.pid} listens on ${socket}`};
		}

		if (wanted === '/run/docker.sock') {
			const implicit = processes.find(process => {
				const hosts = hostsOf(process);
				return hosts.length === 0 || hosts.includes('fd://');
			});
			if (implicit) {
				return {process: implicit, note: `dockerd pid ${implicit.pid} serves the default socket`};
			}
		}
	}

	if (processes.length === 1) {
		return {process: processes[0], note: `dockerd pid ${processes[0]!.pid} is the only dockerd on this host`};
	}

	return {note: `${processes.length} dockerd processes run, none of them listens on ${dockerHost}`};
}

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

/** The pid of the dockerd that serves `dockerHost`, if one runs. */
export async function findDaemonPid(fs: RootFs, dockerHost: string): Promise<number | undefined> {
	return matchDaemon(await findProcesses(fs, ['dockerd']), dockerHost).process?.pid;
}

/** Gathers the daemon facts: the running dockerd, its flags, and the daemon.json it uses. */
export async function gatherDaemon(fs: RootFs, dockerHost: string): Promise<DaemonFacts> {
	const processes = await findProcesses(fs, ['dockerd']);
	const {process: found, note} = matchDaemon(processes, dockerHost);
	let process: DaemonProcess | undefined;
	if (found) {
		process = {pid: found.pid, argv: found.argv, uid: found.uid, exe: await processExecutable(fs, found.pid)};
	}

	const allFlags = parseDaemonFlags(process?.argv ?? []);
	const {'config-file': configFlag, ...flags} = allFlags;
	const configPath = typeof configFlag === 'string' ? configFlag : defaultDaemonJson;
	const [configFile, unit] = await Promise.all([readDaemonConfig(fs, configPath), readUnit(fs, 'docker.service')]);
	return {
		process,
		processNote: note,
		flags,
		configFile,
		configFileFromFlag: typeof configFlag === 'string',
		unitFlags: unit === undefined ? undefined : unitFileFlags(unit),
	};
}
