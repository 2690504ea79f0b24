import {rmSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {HostAccess} from '../host/fact-source.js';
import {createRootFs} from '../host/root-fs.js';
import {readSampleHost, type SampleHost} from './sample-host.js';
import {createSandboxDocker} from './sandbox-docker.js';
import {containerId} from './sandbox-docker.js';
import {createSandboxExec} from './sandbox-exec.js';
import {createSandboxFs} from './sandbox-fs.js';
import {createSandboxWorld} from './sandbox-world.js';

/** The Docker host URL the sandbox answers to. */
export const sandboxDockerHost = 'unix:///var/run/docker.sock';

/** A sample host laid out in a temporary directory, with its own audit system and Docker daemon. */
export type Sandbox = {
	/** The temporary directory that stands for the host's `/`. */
	readonly root: string;
	/** The host, as the session sees a real one: everything goes to the sandbox. */
	readonly access: HostAccess;
	/** Removes the sandbox. */
	dispose(): Promise<void>;
};

type ProcFiles = {pid: number; comm: string; argv: readonly string[]; uid: number; exe?: string; cgroup: string; uidMap: string; listens?: string};

/** The header of /proc/PID/net/unix. */
const netUnixHeader = 'Num       RefCount Protocol Flags    Type St Inode Path\n';

/** A process that listens on a unix socket holds it as descriptor 3, and its network namespace lists it (as the kernel would). */
async function writeListeningSocket(directory: string, process: ProcFiles): Promise<void> {
	await fs.mkdir(path.join(directory, 'fd'), {recursive: true});
	const inode = 40_000 + process.pid;
	const lines = process.listens === undefined ? '' : `0000000000000000: 00000002 00000000 00010000 0001 01 ${inode} ${process.listens}\n`;
	await fs.mkdir(path.join(directory, 'net'), {recursive: true});
	await Promise.all([
		fs.writeFile(path.join(directory, 'net', 'unix'), `${netUnixHeader}${lines}`),
		fs.symlink('/dev/null', path.join(directory, 'fd', '0')),
		process.listens === undefined ? undefined : fs.symlink(`socket:[${inode}]`, path.join(directory, 'fd', '3')),
	]);
}

async function writeProcess(root: string, process: ProcFiles): Promise<void> {
	const directory = path.join(root, 'proc', String(process.pid));
	await fs.mkdir(directory, {recursive: true});
	await Promise.all([
		writeListeningSocket(directory, process),
		fs.writeFile(path.join(directory, 'comm'), `${process.comm}\n`),
		fs.writeFile(path.join(directory, 'cmdline'), `${process.argv.join('\0')}\0`),
		fs.writeFile(path.join(directory, 'status'), `Name:\t${process.comm}\nState:\tS (sleeping)\nPid:\t${process.pid}\nUid:\t${process.uid}\t${process.uid}\t${process.uid}\t${process.uid}\n`),
		fs.writeFile(path.join(directory, 'cgroup'), `0::${process.cgroup}\n`),
		fs.writeFile(path.join(directory, 'uid_map'), `${process.uidMap}\n`),
		process.exe ? fs.symlink(process.exe, path.join(directory, 'exe')) : undefined,
	]);
}

/** The /proc entries of the sample host: its daemons, and the processes of the containers, each in its container's cgroup. */
function processesOf(sample: SampleHost): ProcFiles[] {
	const unmapped = '0 0 4294967295';
	// dockerd is docker.service's, and holds the Docker socket (the proof dockwarden asks of a daemon); the others are their own units.
	const hostProcesses = sample.host.processes.map(process => process.comm === 'dockerd'
		? {...process, uid: process.uid ?? 0, cgroup: '/system.slice/docker.service', uidMap: unmapped, listens: '/run/docker.sock'}
		: {...process, uid: process.uid ?? 0, cgroup: `/system.slice/${process.comm}.service`, uidMap: unmapped});
	const containerProcesses = sample.docker.containers.filter(container => container.running).flatMap(container => {
		const remapped = container.daemon === 'userns' && container.HostConfig?.UsernsMode !== 'host';
		const base = remapped ? sample.host.remapBase : 0;
		return (container.processes ?? []).map(process => ({
			pid: process.pid,
			comm: path.basename(process.command.split(' ')[0]!).replace(/:$/, '').slice(0, 15),
			argv: process.command.split(' '),
			uid: process.uid + base,
			cgroup: `/system.slice/docker-${containerId(container)}.scope`,
			uidMap: remapped ? `0 ${base} 65536` : unmapped,
		}));
	});
	return [...hostProcesses, ...containerProcesses];
}

/** Lays out the sample host's files, with the modes, sockets, directories and /proc git cannot hold. */
async function layOut(sample: SampleHost, root: string): Promise<void> {
	await fs.cp(sample.filesDirectory, root, {recursive: true});
	await Promise.all(sample.host.directories.map(async directory => fs.mkdir(path.join(root, directory), {recursive: true})));
	await fs.mkdir(path.join(root, 'var'), {recursive: true});
	await fs.symlink('../run', path.join(root, 'var', 'run'));
	for (const [hostPath, record] of Object.entries(sample.host.files)) {
		const local = path.join(root, hostPath);
		if (record.type === 'socket') {
			// eslint-disable-next-line no-await-in-loop -- the demo tree is built file by file, in the sample's order
			await fs.writeFile(local, '');
		}

		if (record.mode !== undefined) {
			// eslint-disable-next-line no-await-in-loop -- the mode is set once the file exists
			await fs.chmod(local, Number.parseInt(record.mode, 8));
		}
	}

	await Promise.all(processesOf(sample).map(async process => writeProcess(root, process)));
}

/**
Opens a sandbox of the sample host (`source/demo/sample-host/`): a fresh copy in a temporary directory each time, so
every demo starts from the same misconfigured host. Fixes, undos, waivers and the journal all happen there.
*/
export async function openSandbox(options: {sample?: SampleHost; restartDelayMs?: number} = {}): Promise<Sandbox> {
	const sample = options.sample ?? await readSampleHost();
	const root = await fs.mkdtemp(path.join(os.tmpdir(), 'dockwarden-demo-'));
	try {
		await layOut(sample, root);
	} catch (error) {
		await fs.rm(root, {recursive: true, force: true});
		throw error;
	}

	// A run that ends without disposing (an error, process.exit) still leaves no sandbox behind.
	const removeOnExit = () => {
		rmSync(root, {recursive: true, force: true});
	};

	process.once('exit', removeOnExit);
	const files = createRootFs(root);
	const world = createSandboxWorld(sample, files);
	await world.startDaemon();
	const sandboxFs = createSandboxFs(files, sample.host.files, world);
	const exec = createSandboxExec(world, sandboxFs, {restartDelayMs: options.restartDelayMs});
	const docker = createSandboxDocker(sample, world);
	return {
		root,
		access: {
			options: {root, dockerHost: sandboxDockerHost, exec},
			fs: sandboxFs,
			exec,
			// The sandbox is the operator's own: its changes need no root.
			isRoot: true,
			demo: true,
			async tool(name) {
				return `/usr/sbin/${name}`;
			},
			async docker() {
				return docker;
			},
		},
		async dispose() {
			process.off('exit', removeOnExit);
			await fs.rm(root, {recursive: true, force: true});
		},
	};
}
