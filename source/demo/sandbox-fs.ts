import type {Stats} from 'node:fs';
import path from 'node:path';
import type {RootFs} from '../host/root-fs.js';
import type {FileRecord} from './sample-host.js';
import type {SandboxWorld} from './sandbox-world.js';

const socketType = 0o140000;
const typeBits = 0o170000;

/**
The sandbox's files as the host's: a RootFs over the sandbox directory that keeps owners in memory (every file is
root's unless the sample host says otherwise), so chown works without root; that reports the sample's sockets as
sockets; and that logs its changes in the sandbox's audit log, as the kernel would for a watched path.
*/
export function createSandboxFs(files: RootFs, records: Readonly<Record<string, FileRecord>>, world: SandboxWorld): RootFs {
	const owners = new Map(Object.entries(records).map(([hostPath, record]) => [hostPath, {uid: record.uid ?? 0, gid: record.gid ?? 0}]));
	const sockets = new Set(Object.entries(records).filter(([, record]) => record.type === 'socket').map(([hostPath]) => hostPath));
	const normal = (hostPath: string) => path.posix.resolve('/', hostPath);
	const changed = (hostPath: string, permission: 'w' | 'a', syscall: string) => {
		world.recordAccess(normal(hostPath), permission, {exe: process.execPath, syscall, proctitle: `dockwarden (demo) ${syscall} ${hostPath}`});
	};

	function asOnHost(hostPath: string, stat: Stats): Stats {
		const owner = owners.get(normal(hostPath)) ?? {uid: 0, gid: 0};
		const mode = sockets.has(normal(hostPath)) ? (stat.mode & ~typeBits) | socketType : stat.mode;
		return Object.assign(Object.create(Object.getPrototypeOf(stat) as object) as Stats, stat, {uid: owner.uid, gid: owner.gid, mode});
	}

	return {
		...files,
		async stat(hostPath) {
			const stat = await files.stat(hostPath);
			return stat && asOnHost(hostPath, stat);
		},
		async writeAtomic(hostPath, content, modeForNewFile) {
			await files.writeAtomic(hostPath, content, modeForNewFile);
			changed(hostPath, 'w', 'rename');
		},
		async remove(hostPath) {
			await files.remove(hostPath);
			owners.delete(normal(hostPath));
			changed(hostPath, 'w', 'unlinkat');
		},
		async chown(hostPath, uid, gid, expect) {
			if (!await files.exists(hostPath)) {
				throw Object.assign(new Error(`ENOENT: no such file or directory, chown '${hostPath}'`), {code: 'ENOENT'});
			}

			const owner = owners.get(normal(hostPath)) ?? {uid: 0, gid: 0};
			if ((expect?.uid !== undefined && expect.uid !== owner.uid) || (expect?.gid !== undefined && expect.gid !== owner.gid)) {
				throw Object.assign(new Error(`${hostPath} changed since it was checked (owner ${owner.uid}:${owner.gid}): nothing was changed; run the check again`), {code: 'ECHANGED'});
			}

			owners.set(normal(hostPath), {uid, gid});
			changed(hostPath, 'a', 'fchownat');
		},
		async chmod(hostPath, mode, expect) {
			await files.chmod(hostPath, mode, expect);
			changed(hostPath, 'a', 'fchmodat');
		},
	};
}
