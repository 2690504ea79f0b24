/**
Who launched the dockerd that serves the socket, and who will start it next: a systemd system unit, a systemd user unit (rootless),
snap, an OpenRC or SysV init script, or a person (by hand). Each launcher says where the flags of the next start come from and how the
daemon is restarted. Everything here is read from files under --root; nothing is run.
*/
import type {DaemonFlags, DaemonLauncher} from '../model/facts.js';
import {parseDaemonFlags} from './daemon-flags.js';
import {pidInFile} from './proc.js';
import type {RootFs} from './root-fs.js';
import {splitExecWords, unitFileFlags} from './unit-file-flags.js';
import {readUnit, readUnitFile, unitDirectories} from './units.js';

/** What the launcher is told from: the proven dockerd process and its user. */
export type LauncherInput = {
	readonly pid: number;
	readonly argv: readonly string[];
	readonly exe?: string;
	/** The daemon's uid as this host sees it (not 0 for rootless). */
	readonly uid: number;
	/** The daemon user's name and home, from /etc/passwd under --root. */
	readonly user?: {readonly name: string; readonly home: string};
	/** The daemon's environment, from /proc/PID/environ (XDG_CONFIG_HOME and the like), when it could be read. */
	readonly environment: Readonly<Record<string, string>>;
	/** The uid dockwarden runs as: a user unit is restarted with `systemctl --user` by its own user only. */
	readonly auditorUid?: number;
};

/** The systemd unit a cgroup path names: `/system.slice/docker.service` → system `docker.service`; `/user.slice/…/user@1000.service/…/docker.service` → user. */
export function unitOfCgroup(cgroup: string): {scope: 'system' | 'user'; unit: string} | undefined {
	// cgroup v2 (`0::PATH`) is the unified tree; on v1, the `name=systemd` hierarchy is systemd's.
	const lines = cgroup.split('\n');
	const paths = [lines.find(line => line.startsWith('0::'))?.slice(3), lines.find(line => /^\d+:name=systemd:/.test(line))?.replace(/^\d+:name=systemd:/, '')];
	for (const path of paths.filter(path => path !== undefined)) {
		const user = /\/user@\d+\.service\/(?:[^/]+\/)*?([^/]+\.service)(?:\/|$)/.exec(path);
		if (user) {
			return {scope: 'user', unit: user[1]!};
		}

		const system = /^\/system\.slice\/(?:[^/]+\.slice\/)*([^/]+\.service)(?:\/|$)/.exec(path);
		if (system) {
			return {scope: 'system', unit: system[1]!};
		}
	}

	return undefined;
}

/** The value of the last `NAME=…` assignment in a shell variables file such as /etc/default/docker, split into words; undefined when absent. */
export function shellAssignment(text: string, name: string): string[] | undefined {
	let value: string | undefined;
	for (const line of text.split(/\r?\n/)) {
		const match = new RegExp(`^\\s*(?:export\\s+)?${name}=(.*)$`).exec(line);
		if (match) {
			value = match[1]!.trim();
		}
	}

	// The variable is expanded unquoted (`dockerd $DOCKER_OPTS`), so its words split again at whitespace.
	return value === undefined ? undefined : splitExecWords(value).flatMap(word => word.split(/\s+/)).filter(Boolean);
}

/** The flags a variables file gives dockerd (DOCKER_OPTS, or OPTIONS on Red Hat's /etc/sysconfig/docker), and where they came from. */
async function optionsFile(fs: RootFs, files: ReadonlyArray<{path: string; variable: string}>): Promise<{flags: DaemonFlags; how: string} | undefined> {
	for (const {path, variable} of files) {
		// eslint-disable-next-line no-await-in-loop -- the first variables file that sets the variable wins: files are read in order
		const text = await fs.readText(path).catch(() => undefined);
		const words = text === undefined ? undefined : shellAssignment(text, variable);
		if (words) {
			return {flags: parseDaemonFlags(['dockerd', ...words]), how: `${variable} in ${path}`};
		}
	}

	return undefined;
}

/** The systemd user unit directories of a user, in priority order. */
function userUnitDirectories(home: string | undefined, environment: Readonly<Record<string, string>>): string[] {
	const config = environment.XDG_CONFIG_HOME ?? (home ? `${home}/.config` : undefined);
	return [...(config ? [`${config}/systemd/user`] : []), '/etc/systemd/user', '/usr/local/lib/systemd/user', '/usr/lib/systemd/user', '/lib/systemd/user'];
}

/** The running command line's flags, said as what the next start is taken to use. */
function runningFlags(input: LauncherInput): {nextFlags: DaemonFlags; nextFlagsHow: string} {
	const {'config-file': _configFile, ...nextFlags} = parseDaemonFlags(input.argv);
	return {nextFlags, nextFlagsHow: `taken to be those of the running dockerd (pid ${input.pid}): no launcher on this host says otherwise`};
}

/**
Finds the launcher of a proven dockerd, from its cgroup (systemd), its executable (snap), the pid files of the init scripts, and
the host's init (/run/systemd/system, /run/openrc).
*/
export async function findLauncher(fs: RootFs, input: LauncherInput): Promise<DaemonLauncher> {
	const [cgroup, systemdRuns, openrcRuns, initScript, ssdPid, openrcPid] = await Promise.all([
		fs.readText(`/proc/${input.pid}/cgroup`).catch(() => undefined),
		fs.exists('/run/systemd/system'),
		fs.exists('/run/openrc/softlevel'),
		fs.exists('/etc/init.d/docker'),
		pidInFile(fs, '/run/docker-ssd.pid'),
		pidInFile(fs, '/run/docker.pid'),
	]);
	const unit = cgroup === undefined ? undefined : unitOfCgroup(cgroup);

	if (input.exe?.startsWith('/snap/') || unit?.unit.startsWith('snap.docker.')) {
		return {kind: 'snap', how: input.exe?.startsWith('/snap/') ? `its executable is in a snap (${input.exe})` : `its cgroup is the snap's service (${unit!.unit})`, restart: ['snap', 'restart', 'docker'], ...runningFlags(input), nextFlagsHow: 'those of the running dockerd: the snap starts it with the same command line every time'};
	}

	if (unit?.scope === 'system' && systemdRuns) {
		const text = await readUnit(fs, unit.unit);
		return {
			kind: 'systemd',
			unit: unit.unit,
			how: `its cgroup is the systemd system unit ${unit.unit} (/proc/${input.pid}/cgroup)`,
			restart: ['systemctl', 'restart', unit.unit],
			...(text === undefined
				? runningFlags(input)
				: {nextFlags: unitFileFlags(text), nextFlagsHow: `the ExecStart of ${unit.unit} and its drop-ins (${unitDirectories.join(', ')})`}),
		};
	}

	if (unit?.scope === 'user') {
		const directories = userUnitDirectories(input.user?.home, input.environment);
		const found = await readUnitFile(fs, unit.unit, directories);
		const self = input.auditorUid === input.uid;
		return {
			kind: 'systemd-user',
			unit: unit.unit,
			how: `its cgroup is the systemd user unit ${unit.unit} of ${input.user?.name ?? `uid ${input.uid}`} (/proc/${input.pid}/cgroup)`,
			restart: self || !input.user ? ['systemctl', '--user', 'restart', unit.unit] : ['systemctl', '--user', `--machine=${input.user.name}@`, 'restart', unit.unit],
			...(found === undefined
				? runningFlags(input)
				: {nextFlags: unitFileFlags(found.text), nextFlagsHow: `the ExecStart of ${found.file} and its drop-ins`}),
		};
	}

	if (initScript && openrcRuns && openrcPid === input.pid) {
		const options = await optionsFile(fs, [{path: '/etc/conf.d/docker', variable: 'DOCKER_OPTS'}]);
		return {
			kind: 'openrc',
			how: `OpenRC runs and its pid file /run/docker.pid names pid ${input.pid}`,
			restart: ['rc-service', 'docker', 'restart'],
			...(options ? {nextFlags: options.flags, nextFlagsHow: options.how} : {nextFlags: {}, nextFlagsHow: 'no DOCKER_OPTS in /etc/conf.d/docker'}),
		};
	}

	if (initScript && ssdPid === input.pid) {
		const options = await optionsFile(fs, [{path: '/etc/default/docker', variable: 'DOCKER_OPTS'}, {path: '/etc/sysconfig/docker', variable: 'OPTIONS'}]);
		return {
			kind: 'sysv',
			how: `the init script's pid file /run/docker-ssd.pid names pid ${input.pid}`,
			restart: ['service', 'docker', 'restart'],
			...(options ? {nextFlags: options.flags, nextFlagsHow: options.how} : {nextFlags: {}, nextFlagsHow: 'no DOCKER_OPTS in /etc/default/docker'}),
		};
	}

	return {
		kind: 'manual',
		how: `no service manager claims pid ${input.pid}${systemdRuns ? ' (its cgroup is no systemd unit)' : ' (systemd is not running)'}${initScript ? ' and /etc/init.d/docker did not start it' : ''}, so it was started by hand or by another tool`,
		...runningFlags(input),
	};
}
