import type {RootFs} from './root-fs.js';

/** A process on the host, read from /proc under --root. */
export type HostProcess = {
	readonly pid: number;
	/** The short name from /proc/PID/comm. */
	readonly comm: string;
	readonly argv: readonly string[];
	readonly uid?: number;
};

/** Reads one process; undefined when it is gone. */
export async function readProcess(fs: RootFs, pid: number): Promise<HostProcess | undefined> {
	const [comm, cmdline, status] = await Promise.all([
		fs.readText(`/proc/${pid}/comm`).catch(() => undefined),
		fs.readText(`/proc/${pid}/cmdline`).catch(() => undefined),
		fs.readText(`/proc/${pid}/status`).catch(() => undefined),
	]);
	if (comm === undefined) {
		return undefined;
	}

	const uid = /^Uid:\s+(\d+)/m.exec(status ?? '')?.[1];
	return {
		pid,
		comm: comm.trim(),
		argv: (cmdline ?? '').split('\0').filter(Boolean),
		uid: uid === undefined ? undefined : Number(uid),
	};
}

/** Processes whose comm is one of `names` (e.g. dockerd, containerd, auditd). */
export async function findProcesses(fs: RootFs, names: readonly string[]): Promise<HostProcess[]> {
	const entries = await fs.readdir('/proc');
	const pids = entries.filter(entry => /^\d+$/.test(entry)).map(Number);
	const comms = await Promise.all(pids.map(async pid => fs.readText(`/proc/${pid}/comm`).catch(() => undefined)));
	const matching = pids.filter((_pid, index) => names.includes(comms[index]?.trim() ?? ''));
	const processes = await Promise.all(matching.map(async pid => readProcess(fs, pid)));
	return processes.filter(process => process !== undefined);
}

/** The executable of a process, from /proc/PID/exe (without a " (deleted)" suffix). */
export async function processExecutable(fs: RootFs, pid: number): Promise<string | undefined> {
	const target = await fs.readlink(`/proc/${pid}/exe`);
	return target?.replace(/ \(deleted\)$/, '');
}
