import os from 'node:os';
import type Dockerode from 'dockerode';
import type {FactName, FactSource, Facts, HostIdentity} from '../model/facts.js';
import {gatherAudit} from './audit.js';
import {gatherAuditEvents} from './audit-events.js';
import {gatherContentTrust} from './content-trust.js';
import {gatherContainers, gatherImages, gatherProcesses, gatherSwarm} from './docker-objects.js';
import {gatherFiles} from './file-stats.js';
import {createGatherTimings} from './gather-timings.js';
import {gatherDaemon} from './daemon.js';
import {connectDocker, gatherDocker} from './docker-api.js';
import {exec as realExec, type Exec} from './exec.js';
import {gatherDockerGroup} from './groups.js';
import {gatherPartition} from './partition.js';
import {findOnPath, resolvePaths} from './paths.js';
import {createProcessScan} from './proc.js';
import {createRootFs, type RootFs} from './root-fs.js';
import {stateDirectoryFor} from './state-directory.js';

/** Where and how to look at the host. */
export type HostOptions = {
	/** --root: the host's filesystem is mounted here (default `/`). */
	readonly root: string;
	/** The Docker host URL. */
	readonly dockerHost: string;
	readonly exec?: Exec;
};

/** The commands of this machine that talk to its kernel rather than to the host under --root. */
export type ToolName = 'auditctl' | 'ausearch';

/** The parts of the world a fact source talks to, shared with the fix engine. */
export type HostAccess = {
	readonly options: HostOptions;
	readonly fs: RootFs;
	readonly exec: Exec;
	/** Whether changes run with root's rights. */
	readonly isRoot: boolean;
	/** The uid dockwarden acts as on the host: this process's, or over SSH the login user's (0 through sudo). */
	readonly uid?: number;
	/** Set for the sandbox of --demo. */
	readonly demo?: boolean;
	/** Set for a host reached over SSH (source/host/ssh/): how it was reached, its name, and the round trips so far. */
	readonly remote?: RemoteIdentity;
	/** Called by each new fact source, so that a host that keeps answers (the SSH one) sees the host afresh. */
	refresh?(): void;
	/** Where dockwarden keeps its journal, backups and lock on this host: /var/lib/dockwarden for root (the default), else the user's state directory. */
	readonly stateDirectory?: string;
	/** Where a machine command is (auditctl, ausearch), or undefined when it is not installed. */
	tool(name: ToolName): Promise<string | undefined>;
	docker(): Promise<Dockerode>;
};

/** What a host reached over SSH says of itself. */
export type RemoteIdentity = {
	/** How it was reached, e.g. `ssh://admin@web-1:22`. */
	readonly via: string;
	/** Its host name, as the target says. */
	readonly hostname: string;
	/** SSH round trips made so far. */
	roundTrips(): number;
	/** Why its Docker cannot be reached, when that is known before asking (no socket, no access). */
	readonly dockerProblem?: string;
};

/** Opens the host: the root filesystem, a command runner, and a lazily connected Docker client. */
export function openHost(options: HostOptions): HostAccess {
	let client: Promise<Dockerode> | undefined;
	return {
		options,
		fs: createRootFs(options.root),
		exec: options.exec ?? realExec,
		isRoot: process.getuid?.() === 0,
		uid: process.getuid?.(),
		stateDirectory: stateDirectoryFor(process.getuid?.() === 0, process.env),
		async tool(name) {
			// The one on this process's PATH: it talks to the running kernel, whatever --root is.
			return findOnPath(undefined, name);
		},
		async docker() {
			client ??= connectDocker(options.dockerHost);
			return client;
		},
	};
}

async function gatherIdentity(access: HostAccess): Promise<HostIdentity> {
	const managers = ['apt-get', 'dnf', 'yum', 'zypper', 'apk'] as const;
	const [hostname, systemd, initScript, found] = await Promise.all([
		access.fs.root === '/' ? access.remote?.hostname ?? os.hostname() : access.fs.readText('/etc/hostname').then(text => text?.trim() || access.remote?.hostname || os.hostname()),
		access.fs.exists('/run/systemd/system'),
		access.fs.exists('/etc/init.d/docker'),
		Promise.all(managers.map(async manager => findOnPath(access.fs, manager))),
	]);
	const packageManager = managers.find((_manager, index) => found[index] !== undefined);
	return {root: access.fs.root, hostname, isRoot: access.isRoot, ...(access.demo ? {demo: true} : {}), systemd, serviceScript: initScript ? '/etc/init.d/docker' : undefined, packageManager};
}

/** A permission error met without root says what to do: run with sudo; anything else is passed on as it is. */
function needsRoot(error: unknown, isRoot: boolean): unknown {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return !isRoot && (code === 'EACCES' || code === 'EPERM') ? new Error(`needs root: run with sudo to evaluate (${(error as Error).message})`) : error;
}

/**
The facts that wait on other processes, started first, so that their answers come back while this process reads the
host's files rather than after: dockerd's, as it gathers `docker info` afresh on each call (20 ms on an idle machine),
then auditctl's.
*/
const daemonFirst: readonly FactName[] = ['docker', 'containers', 'images'];
const commandsNext: readonly FactName[] = ['audit'];

/**
A fact source over the host: each fact is gathered on first request, at most once, and shared by every check of the run.
Make a new one to see the host afresh (after a fix, or on the next run).
*/
export function createFactSource(access: HostAccess): FactSource {
	access.refresh?.();
	const cache = new Map<FactName, Promise<unknown>>();
	const timings = createGatherTimings();
	// One pass over /proc for the run, shared by the lookups by name (auditd, containerd, and dockerd without a pid file).
	const scan = createProcessScan(access.fs);
	const gatherers: {[Name in FactName]: () => Promise<Facts[Name]>} = {
		host: async () => gatherIdentity(access),
		daemon: async () => gatherDaemon(access.fs, access.options.dockerHost, access.uid, scan),
		docker: async () => {
			const facts = await gatherDocker(access.options.dockerHost, await access.docker());
			return !facts.reachable && access.remote?.dockerProblem ? {...facts, error: access.remote.dockerProblem} : facts;
		},
		audit: async () => gatherAudit(access.fs, access.exec, await access.tool('auditctl'), scan),
		auditEvents: async () => gatherAuditEvents(await get('audit'), await get('paths'), access.exec, await access.tool('ausearch')),
		paths: async () => resolvePaths(access.fs, await get('daemon'), await get('docker'), scan),
		dockerGroup: async () => gatherDockerGroup(access.fs),
		partition: async () => gatherPartition(access.fs, await get('daemon'), await get('docker')),
		containers: async () => gatherContainers(await access.docker(), get('docker')),
		processes: async () => gatherProcesses(await access.docker(), await get('containers'), access.fs),
		images: async () => gatherImages(await access.docker(), get('containers')),
		contentTrust: async () => gatherContentTrust(access.fs),
		files: async () => gatherFiles(access.fs, await get('paths'), await get('daemon'), access.options.dockerHost),
		swarm: async () => gatherSwarm(await access.docker(), await get('docker'), access.fs),
	};

	async function get<Name extends FactName>(name: Name): Promise<Facts[Name]> {
		timings?.waiting(name);
		let pending = cache.get(name);
		if (!pending) {
			pending = (timings ? timings.run(name, gatherers[name]) : gatherers[name]()).catch((error: unknown) => {
				throw needsRoot(error, access.isRoot);
			});
			cache.set(name, pending);
		}

		return pending as Promise<Facts[Name]>;
	}

	return {
		get,
		async start(names) {
			const wanted = new Set(names);
			const begin = (name: FactName) => {
				get(name).catch(() => undefined);
			};

			daemonFirst.filter(name => wanted.has(name)).forEach(begin);
			// The others once those have sent their requests (promise callbacks all, before the next turn of the event loop):
			// spawning a command holds this thread for several ms, and would hold the requests back. A host over SSH spawns
			// nothing here, and sends what is asked in one turn in one round trip: there they all start in this turn.
			if (!access.remote) {
				await new Promise(resolve => {
					setImmediate(resolve);
				});
			}

			commandsNext.filter(name => wanted.has(name)).forEach(begin);
			wanted.forEach(begin);
		},
	};
}
