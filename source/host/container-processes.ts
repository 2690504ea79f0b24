import type {ContainerProcessFact} from '../benchmark/facts.js';
import {insideId} from './id-mapping.js';
import type {RootFs} from './root-fs.js';

/** A process found in /proc, with its uid on the host and inside its container. */
export type ContainerProcess = ContainerProcessFact;

/** The container ID in a /proc/PID/cgroup text, if it names one of `ids` (cgroupfs `/docker/ID`, systemd `docker-ID.scope`, a custom --cgroup-parent). */
export function containerOfCgroup(cgroup: string, ids: ReadonlySet<string>): string | undefined {
	for (const match of cgroup.matchAll(/[\da-f]{64}/g)) {
		if (ids.has(match[0])) {
			return match[0];
		}
	}

	return undefined;
}

async function userNames(fs: RootFs): Promise<Map<string, string>> {
	const passwd = await fs.readText('/etc/passwd').catch(() => undefined);
	return new Map((passwd ?? '').split('\n').map(line => line.split(':')).filter(fields => fields.length > 2).map(fields => [fields[2]!, fields[0]!]));
}

/**
Lists the processes of the given containers in one pass over /proc under --root: each process belongs to the container named in its cgroup.
This is what `docker top` does per container (it runs a host-wide ps each time, so N containers cost N full scans); one scan serves them all.
Containers with no process found are absent from the map.
*/
export async function scanContainerProcesses(fs: RootFs, containerIds: readonly string[]): Promise<Map<string, ContainerProcess[]>> {
	const ids = new Set(containerIds);
	const found = new Map<string, ContainerProcess[]>();
	if (ids.size === 0) {
		return found;
	}

	const [entries, names] = await Promise.all([fs.readdir('/proc'), userNames(fs)]);
	const pids = entries.filter(entry => /^\d+$/.test(entry));
	await Promise.all(pids.map(async pid => {
		const cgroup = await fs.readText(`/proc/${pid}/cgroup`).catch(() => undefined);
		const id = cgroup === undefined ? undefined : containerOfCgroup(cgroup, ids);
		if (id === undefined) {
			return;
		}

		const [status, cmdline, comm, uidMap] = await Promise.all([
			fs.readText(`/proc/${pid}/status`).catch(() => ''),
			fs.readText(`/proc/${pid}/cmdline`).catch(() => ''),
			fs.readText(`/proc/${pid}/comm`).catch(() => ''),
			fs.readText(`/proc/${pid}/uid_map`).catch(() => undefined),
		]);
		const uid = /^Uid:\s+(\d+)/m.exec(status ?? '')?.[1] ?? '?';
		const hostUid = uid === '?' ? undefined : Number(uid);
		const containerUid = hostUid === undefined || uidMap === undefined ? undefined : insideId(uidMap, hostUid);
		const command = (cmdline ?? '').split('\0').filter(Boolean).join(' ') || `[${(comm ?? '').trim()}]`;
		const list = found.get(id) ?? [];
		list.push({user: names.get(uid) ?? uid, pid, command, hostUid, containerUid});
		found.set(id, list);
	}));
	for (const list of found.values()) {
		list.sort((a, b) => Number(a.pid) - Number(b.pid));
	}

	return found;
}
