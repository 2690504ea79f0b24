import path from 'node:path';
import type {ContainerProcessFact} from '../model/facts.js';
import {accountEntries} from './account-files.js';
import {insideId} from './id-mapping.js';
import {smallFileReader, type SmallFileReader} from './proc.js';
import type {RootFs} from './root-fs.js';

/** A process found in /proc, with its uid on the host and inside its container. */
export type ContainerProcess = ContainerProcessFact;

/** A running container as the inspect gives it: its ID and the host pid of its init (`State.Pid`). */
export type RunningContainer = {readonly id: string; readonly pid: number};

/** The container ID in a /proc/PID/cgroup text, if it names one of `ids` (cgroupfs `/docker/ID`, systemd `docker-ID.scope`, a custom --cgroup-parent). */
export function containerOfCgroup(cgroup: string, ids: ReadonlySet<string>): string | undefined {
	for (const match of cgroup.matchAll(/[\da-f]{64}/g)) {
		if (ids.has(match[0])) {
			return match[0];
		}
	}

	return undefined;
}

/** A mounted cgroup hierarchy: v1 with its controllers (`cpu,cpuacct`, `name=systemd`), or v2 (controllers empty). */
export type CgroupMount = {readonly version: 1 | 2; readonly controllers: readonly string[]; readonly root: string; readonly mountPoint: string};

/** The cgroup hierarchies in a /proc/PID/mountinfo text (fields: ID parent major:minor root mount-point options … - type source super-options). */
export function parseCgroupMounts(mountinfo: string): CgroupMount[] {
	const mounts: CgroupMount[] = [];
	for (const line of mountinfo.split('\n')) {
		const [before, after] = line.split(' - ');
		const fields = before?.split(' ') ?? [];
		const [type, , superOptions] = after?.split(' ') ?? [];
		if (fields.length < 5 || (type !== 'cgroup' && type !== 'cgroup2')) {
			continue;
		}

		const unescape = (text: string) => text.replaceAll(/\\(\d{3})/g, (_match, octal: string) => String.fromCodePoint(Number.parseInt(octal, 8)));
		const controllers = type === 'cgroup' ? (superOptions ?? '').split(',').filter(option => !['rw', 'ro'].includes(option) && (!option.includes('=') || option.startsWith('name=')) && !['relatime', 'noatime', 'nosuid', 'nodev', 'noexec', 'clone_children', 'nsdelegate', 'memory_recursiveprot', 'favordynmods', 'xattr', 'noprefix', 'cpuset_v2_mode', 'memory_localevents'].includes(option)) : [];
		mounts.push({version: type === 'cgroup' ? 1 : 2, controllers, root: unescape(fields[3]!), mountPoint: unescape(fields[4]!)});
	}

	return mounts;
}

/** One line of /proc/PID/cgroup: `hierarchy-ID:controllers:path` (v2: `0::path`). */
type CgroupLine = {readonly controllers: readonly string[]; readonly path: string};

function parseCgroupLines(text: string): CgroupLine[] {
	return text.split('\n').map(line => /^\d+:([^:]*):(\/.*)$/.exec(line)).filter(match => match !== null).map(match => ({controllers: match[1] === '' ? [] : match[1]!.split(','), path: match[2]!}));
}

/** Where a hierarchy is mounted when mountinfo cannot be read: the usual layout of /sys/fs/cgroup (v1, v2, or hybrid with v2 under unified). */
function usualMounts(line: CgroupLine): string[] {
	return line.controllers.length === 0 ? ['/sys/fs/cgroup/unified', '/sys/fs/cgroup'] : [`/sys/fs/cgroup/${line.controllers.join(',')}`, ...line.controllers.map(controller => `/sys/fs/cgroup/${controller.replace(/^name=/, '')}`)];
}

/**
The directories of a container's own cgroup, from the /proc/PID/cgroup text of its init: the path of one hierarchy that names
the container (pids first, whose directory is small, then v2, then any), cut after the component that holds the ID, so that
processes in a cgroup the container made below its own still count. Candidates in order, from the mounts or the usual layout;
empty when no line names the container.
*/
export function containerCgroupDirectories(cgroup: string, id: string, mounts: readonly CgroupMount[]): string[] {
	const lines = parseCgroupLines(cgroup).filter(line => line.path.includes(id));
	const rank = (line: CgroupLine) => line.controllers.includes('pids') ? 0 : (line.controllers.length === 0 ? 1 : 2);
	const [line] = lines.sort((a, b) => rank(a) - rank(b));
	if (line === undefined) {
		return [];
	}

	const parts = line.path.split('/');
	const own = parts.slice(0, parts.findIndex(part => part.includes(id)) + 1).join('/');
	const sameHierarchy = (mount: CgroupMount) => line.controllers.length === 0 ? mount.version === 2 : mount.version === 1 && mount.controllers.length === line.controllers.length && line.controllers.every(controller => mount.controllers.includes(controller));
	const fromMounts = mounts.filter(mount => sameHierarchy(mount) && (mount.root === '/' || own === mount.root || own.startsWith(`${mount.root}/`))).map(mount => path.posix.join(mount.mountPoint, mount.root === '/' ? own : own.slice(mount.root.length)));
	const usual = usualMounts(line).map(mountPoint => path.posix.join(mountPoint, own));
	return [...new Set([...fromMounts, ...usual])];
}

/** Kernel files of a cgroup directory, which are never child cgroups; anything else may be one and is looked into. */
function mayBeChildCgroup(name: string): boolean {
	return name !== 'tasks' && name !== 'notify_on_release' && name !== 'release_agent' && !/^(?:cgroup|cpu|cpuacct|cpuset|memory|io|blkio|pids|hugetlb|rdma|misc|devices|freezer|net_cls|net_prio|perf_event)\./.test(name);
}

/** The pids in a cgroup directory and every cgroup below it (cgroup.procs each); undefined when its cgroup.procs cannot be read. */
async function cgroupMembers(reader: SmallFileReader, directory: string): Promise<number[] | undefined> {
	// Asked together: over SSH, one round trip for both.
	const [[procs], children = []] = await Promise.all([reader.read([`${directory}/cgroup.procs`]), reader.directories(directory, mayBeChildCgroup)]);
	if (procs === undefined) {
		return undefined;
	}

	const pids = procs.split('\n').filter(line => /^\d+$/.test(line)).map(Number);
	const below = await Promise.all(children.map(async child => cgroupMembers(reader, `${directory}/${child}`)));
	return [...pids, ...below.flatMap(list => list ?? [])];
}

async function userNames(fs: RootFs): Promise<Map<string, string>> {
	const passwd = await fs.readText('/etc/passwd').catch(() => undefined);
	return new Map(accountEntries(passwd).map(fields => [fields[2]!, fields[0]!]));
}

/** Reads the processes of each container from the pids given: status, cmdline, uid_map (comm only where cmdline is empty, a kernel thread). */
async function describe(reader: SmallFileReader, names: ReadonlyMap<string, string>, members: ReadonlyMap<string, readonly number[]>): Promise<Map<string, ContainerProcess[]>> {
	const all = [...members.entries()].flatMap(([id, pids]) => pids.map(pid => ({id, pid})));
	const texts = await reader.read(all.flatMap(({pid}) => [`/proc/${pid}/status`, `/proc/${pid}/cmdline`, `/proc/${pid}/uid_map`]));
	const needComm = all.filter((_entry, index) => !(texts[(3 * index) + 1] ?? '').split('\0').some(Boolean));
	const comms = new Map(needComm.map(({pid}, index) => [pid, index]));
	const commTexts = await reader.read(needComm.map(({pid}) => `/proc/${pid}/comm`));
	const found = new Map<string, ContainerProcess[]>();
	for (const [index, {id, pid}] of all.entries()) {
		const [status, cmdline, uidMap] = [texts[3 * index], texts[(3 * index) + 1], texts[(3 * index) + 2]];
		if (status === undefined && cmdline === undefined) {
			// Gone between the listing and the read.
			continue;
		}

		const uid = /^Uid:\s+(\d+)/m.exec(status ?? '')?.[1] ?? '?';
		const hostUid = uid === '?' ? undefined : Number(uid);
		const containerUid = hostUid === undefined || uidMap === undefined ? undefined : insideId(uidMap, hostUid);
		const comm = comms.has(pid) ? commTexts[comms.get(pid)!] : '';
		const command = (cmdline ?? '').split('\0').filter(Boolean).join(' ') || `[${(comm ?? '').trim()}]`;
		const list = found.get(id) ?? [];
		list.push({user: names.get(uid) ?? uid, pid: String(pid), command, hostUid, containerUid});
		found.set(id, list);
	}

	for (const list of found.values()) {
		list.sort((a, b) => Number(a.pid) - Number(b.pid));
	}

	return found;
}

/**
One pass over every process in /proc, for the containers the cgroup of their init could not place: each process belongs to the
container named in its /proc/PID/cgroup. This is what the listing did for every container before it read cgroup.procs.
*/
async function scanMembers(reader: SmallFileReader, ids: ReadonlySet<string>): Promise<Map<string, number[]>> {
	const pids = await reader.pids();
	const cgroups = await reader.read(pids.map(pid => `/proc/${pid}/cgroup`));
	const members = new Map<string, number[]>();
	for (const [index, pid] of pids.entries()) {
		const id = cgroups[index] === undefined ? undefined : containerOfCgroup(cgroups[index]!, ids);
		if (id !== undefined) {
			members.set(id, [...members.get(id) ?? [], pid]);
		}
	}

	return members;
}

/**
Lists the processes of the given running containers from /proc and /sys under --root, reading only what they need: the cgroup of
each container's init (`State.Pid`), which must name the container, gives the container's own cgroup, and its cgroup.procs (and
those of cgroups below it) are the container's processes, so a `--pid=host` container is never blamed for the host's. A container
whose cgroup.procs cannot be found that way (another pid namespace, an unusual cgroup layout) is looked for in one pass over /proc,
as `docker top` would find it. Containers with no process found (a remote daemon) are absent from the map.
*/
export async function listContainerProcesses(fs: RootFs, containers: readonly RunningContainer[]): Promise<Map<string, ContainerProcess[]>> {
	if (containers.length === 0) {
		return new Map();
	}

	const reader = await smallFileReader(fs);
	const withPid = containers.filter(container => Number.isSafeInteger(container.pid) && container.pid > 0);
	const [cgroups, [mountinfo], names] = await Promise.all([
		reader.read(withPid.map(container => `/proc/${container.pid}/cgroup`)),
		reader.read([reader.direct ? '/proc/self/mountinfo' : '/proc/1/mountinfo']),
		userNames(fs),
	]);
	const mounts = parseCgroupMounts(mountinfo ?? '');
	const members = new Map<string, number[]>();
	await Promise.all(withPid.map(async (container, index) => {
		for (const directory of containerCgroupDirectories(cgroups[index] ?? '', container.id, mounts)) {
			// eslint-disable-next-line no-await-in-loop -- the candidates are tried in turn; the first that reads is the cgroup
			const pids = await cgroupMembers(reader, directory);
			if (pids !== undefined) {
				members.set(container.id, pids);
				return;
			}
		}
	}));
	const unplaced = new Set(containers.filter(container => !members.has(container.id)).map(container => container.id));
	if (unplaced.size > 0) {
		for (const [id, pids] of await scanMembers(reader, unplaced)) {
			members.set(id, pids);
		}
	}

	return describe(reader, names, members);
}
