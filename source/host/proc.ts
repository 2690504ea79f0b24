import {closeSync, constants, openSync, readdirSync, readlinkSync, readSync, type Dirent} from 'node:fs';
import {readCap, type RootFs} from './root-fs.js';

/** A process on the host, read from /proc under --root. */
export type HostProcess = {
	readonly pid: number;
	/** The short name from /proc/PID/comm. */
	readonly comm: string;
	readonly argv: readonly string[];
	readonly uid?: number;
};

/**
Reads many small files (/proc, /sys) at once; each text, or undefined when it cannot be read (gone, no permission).
On this machine's own root it is one synchronous read each in a single batch; through any other RootFs (a tree under --root,
the demo sandbox, a host over SSH) it asks for them all together, so a host that batches requests answers them in one go.
*/
export type SmallFileReader = {
	read(hostPaths: readonly string[]): Promise<Array<string | undefined>>;
	/** The entries of a directory, each with whether it is a directory; undefined when it cannot be read. */
	directories(hostPath: string, candidates?: (name: string) => boolean): Promise<string[] | undefined>;
	/** The numeric entries of /proc: the pids. */
	pids(): Promise<number[]>;
	/** Whether the reads go straight to this machine's kernel (the synchronous path). */
	readonly direct: boolean;
};

/** One scratch buffer for every synchronous read: most kernel files fit in it, so a read allocates only its string. */
const scratch = Buffer.allocUnsafe(65_536);

/**
One synchronous read of a small kernel file: open (never blocking on a FIFO), read to the end or to `readCap`, close.
No fstat: /proc and /sys files say size 0, so the bytes read count. Undefined when it cannot be opened or read, or is larger than `readCap`.
*/
export function readSmallSync(localPath: string): string | undefined {
	let fd: number;
	try {
		fd = openSync(localPath, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch {
		return undefined;
	}

	try {
		// Most files fit in the scratch buffer; a larger one spills into copies. A short read is not the end of a seq_file:
		// read until the kernel returns nothing.
		const spilled: Buffer[] = [];
		let used = 0;
		let total = 0;
		for (;;) {
			if (used === scratch.length) {
				spilled.push(Buffer.from(scratch));
				used = 0;
			}

			const bytesRead = readSync(fd, scratch, used, scratch.length - used, null);
			if (bytesRead === 0) {
				break;
			}

			used += bytesRead;
			total += bytesRead;
			if (total > readCap) {
				return undefined;
			}
		}

		if (spilled.length === 0) {
			return scratch.toString('utf8', 0, used);
		}

		spilled.push(Buffer.from(scratch.subarray(0, used)));
		return Buffer.concat(spilled, total).toString('utf8');
	} catch {
		return undefined;
	} finally {
		closeSync(fd);
	}
}

/** The namespaces and boot that decide what /proc and /sys show: two views with the same ones see the same files. */
const viewLinks = ['/proc/self/ns/pid', '/proc/self/ns/mnt', '/proc/self/ns/cgroup'];

function ownView(): string | undefined {
	try {
		return [...viewLinks.map(link => readlinkSync(link)), readSmallSync('/proc/sys/kernel/random/boot_id')?.trim()].join(' ');
	} catch {
		return undefined;
	}
}

const proven = new WeakMap<RootFs, Promise<boolean>>();

/**
Whether `fs` is this machine's own root as this process sees it: root `/`, and its /proc/self shows the same boot and the same
pid, mount and cgroup namespaces as ours. Only then may its /proc and /sys be read directly; a tree under --root keeps its
confined reads, and a RootFs that is not this machine (the demo, a host over SSH) is never bypassed, whatever its root says.
*/
export async function isThisMachine(fs: RootFs): Promise<boolean> {
	let answer = proven.get(fs);
	if (answer === undefined) {
		answer = (async () => {
			// A host over SSH says root `/` too, and when it is this very machine its /proc/self even matches ours: its paths are
			// not local ones (`ssh://…:/proc`), and it is never read around.
			if (fs.root !== '/' || fs.local('/proc') !== '/proc') {
				return false;
			}

			const own = ownView();
			const [links, bootId] = await Promise.all([
				Promise.all(viewLinks.map(async link => fs.readlink(link).catch(() => undefined))),
				fs.readText('/proc/sys/kernel/random/boot_id').catch(() => undefined),
			]);
			return own !== undefined && [...links, bootId?.trim()].join(' ') === own;
		})();
		proven.set(fs, answer);
	}

	return answer;
}

/** The reader for `fs`: synchronous reads on this machine's own root, the RootFs's own reads elsewhere. */
export async function smallFileReader(fs: RootFs): Promise<SmallFileReader> {
	if (await isThisMachine(fs)) {
		return {
			direct: true,
			async read(hostPaths) {
				return hostPaths.map(hostPath => readSmallSync(hostPath));
			},
			async directories(hostPath, candidates) {
				let entries: Dirent[];
				try {
					entries = readdirSync(hostPath, {withFileTypes: true});
				} catch {
					return undefined;
				}

				return entries.filter(entry => entry.isDirectory() && (candidates?.(entry.name) ?? true)).map(entry => entry.name);
			},
			async pids() {
				return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).map(Number);
			},
		};
	}

	return {
		direct: false,
		async read(hostPaths) {
			return Promise.all(hostPaths.map(async hostPath => fs.readText(hostPath).catch(() => undefined)));
		},
		async directories(hostPath, candidates) {
			const names = await fs.readdir(hostPath).catch(() => undefined);
			if (names === undefined) {
				return undefined;
			}

			const picked = names.filter(name => candidates?.(name) ?? true);
			const stats = await Promise.all(picked.map(async name => fs.stat(`${hostPath}/${name}`).catch(() => undefined)));
			return picked.filter((_name, index) => stats[index]?.isDirectory() === true);
		},
		async pids() {
			return (await fs.readdir('/proc')).filter(entry => /^\d+$/.test(entry)).map(Number);
		},
	};
}

function parseProcess(pid: number, comm: string | undefined, cmdline: string | undefined, status: string | undefined): HostProcess | undefined {
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

/** Reads one process; undefined when it is gone. */
export async function readProcess(fs: RootFs, pid: number): Promise<HostProcess | undefined> {
	const reader = await smallFileReader(fs);
	const [comm, cmdline, status] = await reader.read([`/proc/${pid}/comm`, `/proc/${pid}/cmdline`, `/proc/${pid}/status`]);
	return parseProcess(pid, comm, cmdline, status);
}

/** The pid and comm (from /proc/PID/comm; undefined when gone) of every process on the host. */
export type ProcessScan = () => Promise<ReadonlyArray<{readonly pid: number; readonly comm: string | undefined}>>;

/**
A pass over every process in /proc, made at its first call and shared by the later ones: the lookups by name of one run
(auditd, containerd, dockerd when no pid file names it) read every /proc/PID/comm once between them, not once each.
Make a new one to see the host afresh.
*/
export function createProcessScan(fs: RootFs): ProcessScan {
	let scan: ReturnType<ProcessScan> | undefined;
	return async () => {
		scan ??= (async () => {
			const reader = await smallFileReader(fs);
			const pids = await reader.pids();
			const comms = await reader.read(pids.map(pid => `/proc/${pid}/comm`));
			return pids.map((pid, index) => ({pid, comm: comms[index]}));
		})();
		return scan;
	};
}

/** The pid a pid file holds, or undefined when it cannot be read or holds no pid. */
export async function pidInFile(fs: RootFs, path: string): Promise<number | undefined> {
	const text = await fs.readText(path).catch(() => undefined);
	const pid = Number(text?.trim());
	return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The processes among `pids` whose comm is one of `names`; the others, and those gone, are left out. */
export async function findAmong(fs: RootFs, names: readonly string[], pids: ReadonlyArray<number | undefined>): Promise<HostProcess[]> {
	const reader = await smallFileReader(fs);
	const unique = [...new Set(pids)].filter((pid): pid is number => pid !== undefined && pid > 0);
	const texts = await reader.read(unique.flatMap(pid => [`/proc/${pid}/comm`, `/proc/${pid}/cmdline`, `/proc/${pid}/status`]));
	return unique.map((pid, index) => parseProcess(pid, texts[3 * index], texts[(3 * index) + 1], texts[(3 * index) + 2]))
		.filter((process): process is HostProcess => process !== undefined && names.includes(process.comm));
}

/**
Processes whose comm is one of `names` (e.g. dockerd, containerd, auditd): a question about the whole host, answered from
one pass over /proc (`scan`, shared by the lookups of a run; a pass of its own without one); only the matching processes
are read further.
On this machine's own root, `hints` gives pids that likely answer it (from a pid file, a service's cgroup): each is read
and kept only when its comm is one of `names`, as the pass would keep it, and when one is, /proc is not walked (a pass is
a read per process on the host, thousands with hundreds of containers). A caller that gives hints needs one such process,
not every one. Elsewhere the pass is what the host's reads are batched for (over SSH it comes with the first round trip),
and hints are not asked for.
*/
export async function findProcesses(fs: RootFs, names: readonly string[], scan: ProcessScan = createProcessScan(fs), hints?: () => Promise<ReadonlyArray<number | undefined>>): Promise<HostProcess[]> {
	const reader = await smallFileReader(fs);
	if (hints && reader.direct) {
		const found = await findAmong(fs, names, await hints());
		if (found.length > 0) {
			return found;
		}
	}

	const matching = (await scan()).filter(({comm}) => names.includes(comm?.trim() ?? ''));
	const texts = await reader.read(matching.flatMap(({pid}) => [`/proc/${pid}/cmdline`, `/proc/${pid}/status`]));
	return matching.map(({pid, comm}, index) => parseProcess(pid, comm, texts[2 * index], texts[(2 * index) + 1])).filter(process => process !== undefined);
}

/** The executable of a process, from /proc/PID/exe (without a " (deleted)" suffix). */
export async function processExecutable(fs: RootFs, pid: number): Promise<string | undefined> {
	const target = await fs.readlink(`/proc/${pid}/exe`);
	return target?.replace(/ \(deleted\)$/, '');
}
