import {statSync} from 'node:fs';
import path from 'node:path';
import type {DaemonFacts, DockerFacts, HostPaths, ResolvedPath} from '../model/facts.js';
import {findProcesses, pidInFile, processExecutable, type ProcessScan} from './proc.js';
import type {RootFs} from './root-fs.js';
import {findUnitFile, unitDirectories} from './units.js';

/** The usual PATH of a root shell on a Linux host. */
const hostPath = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];


/**
Finds an executable by name: on the host's PATH under --root when `root` is given, else on this process's PATH.
This process's own PATH is looked up with synchronous stats (a few microseconds each): through the thread pool, each
waited behind the audit's other file reads, and auditctl started some 100 ms late.
*/
export async function findOnPath(root: RootFs | undefined, name: string): Promise<string | undefined> {
	const directories = root ? hostPath : [...new Set([...(process.env.PATH ?? '').split(':').filter(Boolean), ...hostPath])];
	for (const directory of directories) {
		const candidate = path.join(directory, name);
		try {
			// eslint-disable-next-line no-await-in-loop -- the first executable on the search path wins, as in a shell
			const stat = root ? await root.stat(candidate) : statSync(candidate, {throwIfNoEntry: false});
			if (stat?.isFile() && (stat.mode & 0o111) !== 0) {
				return candidate;
			}
		} catch {}
	}

	return undefined;
}

async function binary(fs: RootFs, name: string, running?: {exe?: string; pid: number}): Promise<ResolvedPath> {
	if (running?.exe) {
		return {path: running.exe, exists: await fs.exists(running.exe), how: `the running ${name} (/proc/${running.pid}/exe)`};
	}

	const found = await findOnPath(fs, name);
	if (found) {
		return {path: found, exists: true, how: 'found on PATH'};
	}

	return {path: `/usr/bin/${name}`, exists: false, how: `${name} is not on this host's PATH (${hostPath.join(':')})`};
}

async function unitFile(fs: RootFs, unit: string): Promise<ResolvedPath> {
	const found = await findUnitFile(fs, unit);
	return found ? {path: found, exists: true, how: 'found on the systemd unit search path'} : {path: `/lib/systemd/system/${unit}`, exists: false, how: `${unit} is not in ${unitDirectories.join(', ')}`};
}

async function fixed(fs: RootFs, path: string, how = 'the benchmark path'): Promise<ResolvedPath> {
	return {path, exists: await fs.exists(path), how};
}

/** A string setting of dockerd: its flag when given, else its daemon.json value. */
export function flagOrConfig(daemon: DaemonFacts, key: string): string | undefined {
	const flag = daemon.flags[key];
	if (typeof flag === 'string') {
		return flag;
	}

	const value = daemon.configFile.state === 'ok' ? daemon.configFile.config[key] : undefined;
	return typeof value === 'string' ? value : undefined;
}

/** The containerd socket dockerd uses: its --containerd setting, a system containerd's socket, else the one dockerd runs itself. */
async function containerdSocket(fs: RootFs, daemon: DaemonFacts): Promise<ResolvedPath> {
	const configured = flagOrConfig(daemon, 'containerd');
	if (configured) {
		return {path: configured, exists: await fs.exists(configured), how: 'the --containerd setting of dockerd'};
	}

	// A rootless dockerd cannot use the system containerd: it runs its own in its user namespace.
	const system = '/run/containerd/containerd.sock';
	if (!daemon.rootless && await fs.exists(system)) {
		return {path: system, exists: true, how: 'the system containerd socket'};
	}

	const managed = `${managedContainerdDirectory(daemon)}/containerd.sock`;
	return {path: managed, exists: await fs.exists(managed), how: 'the containerd that dockerd runs itself (under its exec-root)'};
}

/** The directory of the containerd that dockerd runs itself, under its exec-root. */
function managedContainerdDirectory(daemon: DaemonFacts): string {
	const execRoot = flagOrConfig(daemon, 'exec-root') ?? daemon.defaults?.execRoot ?? '/var/run/docker';
	return `${execRoot.replace(/\/+$/, '')}/containerd`;
}

/**
The pids that likely are containerd: the pid file of the containerd dockerd runs itself, and the processes of a containerd
service's cgroup (systemd; cgroup v2, then v1). Each is only a candidate: findProcesses keeps those named containerd.
*/
async function containerdHints(fs: RootFs, daemon: DaemonFacts): Promise<Array<number | undefined>> {
	const [pidFile, ...services] = await Promise.all([
		pidInFile(fs, `${managedContainerdDirectory(daemon)}/containerd.pid`),
		...['/sys/fs/cgroup/system.slice/containerd.service/cgroup.procs', '/sys/fs/cgroup/systemd/system.slice/containerd.service/cgroup.procs']
			.map(async file => fs.readText(file).catch(() => undefined)),
	]);
	return [pidFile, ...services.flatMap(text => (text ?? '').split('\n').filter(line => /^\d+$/.test(line)).map(Number))];
}

/** The Docker socket file: the one the daemon in use serves (from the Docker host we talk to), else the default one. */
async function dockerSocket(fs: RootFs, daemon: DaemonFacts): Promise<ResolvedPath> {
	if (daemon.socket) {
		return {path: daemon.socket, exists: await fs.exists(daemon.socket), how: daemon.process ? `the socket dockerd pid ${daemon.process.pid} serves` : 'the socket of the Docker host in use'};
	}

	return fixed(fs, '/var/run/docker.sock', 'the default Docker socket (the Docker host in use is not a unix socket)');
}

/** The Docker root dir: from docker info, else the data-root setting, else the default. Under userns-remap docker info names a subdirectory; its parent is the root dir. */
export function dockerRootDir(daemon: DaemonFacts, docker: DockerFacts): {path: string; how: string} {
	if (docker.reachable && docker.info.DockerRootDir) {
		const reported = docker.info.DockerRootDir;
		const remapped = docker.info.SecurityOptions?.includes('name=userns') && /\/\d+\.\d+$/.test(reported);
		return remapped ? {path: path.dirname(reported), how: `docker info (${reported}, the userns-remap subdirectory)`} : {path: reported, how: 'docker info DockerRootDir'};
	}

	const configured = flagOrConfig(daemon, 'data-root') ?? flagOrConfig(daemon, 'graph');
	if (configured) {
		return {path: configured, how: 'the data-root setting of dockerd'};
	}

	return daemon.rootless && daemon.defaults ? {path: daemon.defaults.dataRoot, how: 'the default Docker root dir of a rootless daemon'} : {path: '/var/lib/docker', how: 'the default Docker root dir'};
}

/** Resolves every path the benchmark names, for this host; containerd is found at its pid file or service, else by `scan`, the run's pass over /proc. */
export async function resolvePaths(fs: RootFs, daemon: DaemonFacts, docker: DockerFacts, scan?: ProcessScan): Promise<HostPaths> {
	const [containerdProcess] = await findProcesses(fs, ['containerd'], scan, async () => containerdHints(fs, daemon));
	const containerdExe = containerdProcess ? {pid: containerdProcess.pid, exe: await processExecutable(fs, containerdProcess.pid)} : undefined;
	const rootDir = dockerRootDir(daemon, docker);
	const daemonJsonHow = daemon.configFileHow ?? (daemon.configFile.state === 'unknown' ? 'not known: no dockerd was proven to serve the Docker host' : 'the default daemon.json');
	const [dockerd, containerd, containerdShim, containerdShimRuncV1, containerdShimRuncV2, runc, dockerService, dockerSocketUnit, dockerSocketFile, socket, root, daemonJson, etcDocker, runContainerd, etcDefaultDocker, etcSysconfigDocker, containerdConfig] = await Promise.all([
		binary(fs, 'dockerd', daemon.process),
		binary(fs, 'containerd', containerdExe),
		binary(fs, 'containerd-shim'),
		binary(fs, 'containerd-shim-runc-v1'),
		binary(fs, 'containerd-shim-runc-v2'),
		binary(fs, 'runc'),
		unitFile(fs, 'docker.service'),
		unitFile(fs, 'docker.socket'),
		dockerSocket(fs, daemon),
		containerdSocket(fs, daemon),
		fixed(fs, rootDir.path, rootDir.how),
		fixed(fs, daemon.configFile.path, daemonJsonHow),
		fixed(fs, '/etc/docker'),
		fixed(fs, '/run/containerd'),
		fixed(fs, '/etc/default/docker'),
		fixed(fs, '/etc/sysconfig/docker'),
		fixed(fs, '/etc/containerd/config.toml'),
	]);
	return {dockerd, containerd, containerdShim, containerdShimRuncV1, containerdShimRuncV2, runc, dockerService, dockerSocketUnit, dockerSocket: dockerSocketFile, containerdSocket: socket, dockerRootDir: root, daemonJson, etcDocker, runContainerd, etcDefaultDocker, etcSysconfigDocker, containerdConfig};
}
