import type {RootFs} from './root-fs.js';

/** `/var/run/x` and `/run/x` are the same place on every modern host. */
export function normalizeSocket(path: string): string {
	return path.replace(/^\/var\/run\//, '/run/');
}

/** The unix socket path of a Docker host URL, if it is one. */
export function socketOfHost(url: string): string | undefined {
	if (url.startsWith('unix://')) {
		return url.slice('unix://'.length);
	}

	return url.startsWith('/') ? url : undefined;
}

/** `__SO_ACCEPTCON` in the Flags column of /proc/net/unix: the socket listens. */
const acceptConnections = 0x1_00_00;

/** One line of /proc/PID/net/unix as the kernel writes it: `Num RefCount Protocol Flags Type St Inode Path`. */
const unixLine = /^[\da-f]+: [\dA-F]{8} [\dA-F]{8} ([\dA-F]{8}) [\dA-F]{4} [\dA-F]{2} +(\d+)(?: (.*))?$/;

/**
The inodes of the listening unix sockets bound at `socketPath`, from the text of a /proc/PID/net/unix.
The kernel writes a socket's path raw, so a path with a newline in it can forge a line: a forged line names the inode of a socket
its author holds, which then appears twice. Every inode that appears on more than one line is therefore dropped.
*/
export function listeningInodes(netUnix: string, socketPath: string): Set<string> {
	const wanted = normalizeSocket(socketPath);
	const seen = new Map<string, number>();
	const matching = new Set<string>();
	for (const line of netUnix.split('\n').slice(1)) {
		const match = unixLine.exec(line);
		if (!match) {
			continue;
		}

		const [, flags, inode, path] = match as unknown as [string, string, string, string | undefined];
		seen.set(inode, (seen.get(inode) ?? 0) + 1);
		if ((Number.parseInt(flags, 16) & acceptConnections) !== 0 && path !== undefined && normalizeSocket(path) === wanted) {
			matching.add(inode);
		}
	}

	return new Set([...matching].filter(inode => seen.get(inode) === 1));
}

/** What one candidate process is, as read from /proc under --root. */
export type ProcessIdentity = {
	readonly pid: number;
	readonly comm: string;
	readonly argv: readonly string[];
	/** Real, effective, saved and filesystem uids, from the `Uid:` line of /proc/PID/status. */
	readonly uids: readonly number[];
};

/** Why a candidate is, or is not, the daemon behind the socket. */
export type SocketProof =
	| {readonly proven: true; readonly fd: string; readonly inode: string}
	| {readonly proven: false; readonly reason: string};

/**
Proves that a process holds a listening socket bound at `socketPath`: a descriptor in /proc/PID/fd that is `socket:[INODE]` for a
listening socket of that path in the process's own network namespace (/proc/PID/net/unix), so a daemon in another namespace (rootless
Docker runs inside rootlesskit's) is found as well as one in the host's.
*/
export async function proveHoldsSocket(fs: RootFs, pid: number, socketPath: string): Promise<SocketProof> {
	let netUnix: string | undefined;
	try {
		netUnix = await fs.readText(`/proc/${pid}/net/unix`);
	} catch (error) {
		return {proven: false, reason: `its /proc/${pid}/net/unix cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`};
	}

	if (netUnix === undefined) {
		return {proven: false, reason: `its /proc/${pid}/net/unix is missing`};
	}

	const inodes = listeningInodes(netUnix, socketPath);
	if (inodes.size === 0) {
		return {proven: false, reason: `no socket listens on ${socketPath} in its network namespace`};
	}

	let fds: string[];
	try {
		fds = await fs.readdir(`/proc/${pid}/fd`);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return {proven: false, reason: code === 'EACCES' ? `its descriptors (/proc/${pid}/fd) can be read only by root or its own user` : `its descriptors cannot be read (${code ?? (error as Error).message})`};
	}

	// A daemon opens its listening sockets first, among its lowest descriptors, and holds one per container connection after:
	// read them in order, a growing batch at a time (one round trip each on a remote host), and stop at the socket, so the proof
	// does not grow with the containers.
	const ordered = fds.filter(name => /^\d+$/.test(name)).sort((a, b) => Number(a) - Number(b));
	for (let start = 0, size = 16; start < ordered.length; start += size, size *= 4) {
		// eslint-disable-next-line no-await-in-loop -- batches are read in order so that the search stops at the batch holding the socket
		const links = await Promise.all(ordered.slice(start, start + size).map(async fd => ({fd, target: await fs.readlink(`/proc/${pid}/fd/${fd}`)})));
		for (const {fd, target} of links) {
			const inode = /^socket:\[(\d+)]$/.exec(target ?? '')?.[1];
			if (inode !== undefined && inodes.has(inode)) {
				return {proven: true, fd, inode};
			}
		}
	}

	return {proven: false, reason: `it holds no descriptor of the socket listening on ${socketPath}`};
}

/** The uids of a `Uid:` line of /proc/PID/status (real, effective, saved, filesystem). */
export function statusUids(status: string): number[] {
	const line = /^Uid:\s+(.*)$/m.exec(status)?.[1] ?? '';
	return line.split(/\s+/).filter(Boolean).map(Number).filter(Number.isInteger);
}
