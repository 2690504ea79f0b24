import fs from 'node:fs/promises';
import {constants, realpathSync, type Stats} from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

/**
The most a read returns: 16 MiB. Config and text files are far smaller; /proc/net/unix of a busy host can reach a few MiB.
A larger file (or /dev/zero through a link) is an error, never read into memory.
*/
export const readCap = 16 * 1024 * 1024;

/** How many symbolic links one path may go through before it is an error, as in the kernel (ELOOP). */
export const maxLinks = 40;

/** What a chown or chmod expects to find on the file it changes: what the check saw. A difference refuses the change. */
export type FileExpectation = {
	readonly uid?: number;
	readonly gid?: number;
	/** Permission bits (0o777 is compared; set-id bits may be cleared by the kernel on chown). */
	readonly mode?: number;
};

/**
The host's filesystem, seen through the `--root` prefix. Callers always speak host paths (`/etc/docker/daemon.json`); this is the only place that adds the prefix.
Under a `--root` other than `/`, every path resolves inside the tree the way it would in a chroot: absolute symbolic links and `..`
resolve against the root, never against the machine that runs dockwarden. Reads open regular files only, up to `readCap`.
Writes never follow a symbolic link planted in place of the file, its temporary file, or a directory on the way.
*/
export type RootFs = {
	readonly root: string;
	/** The local path of a host path, as text (for messages and for tools given a path); reads and writes go through the methods below. */
	local(hostPath: string): string;
	/** The text of a regular file; undefined when it does not exist. A FIFO, device, socket or directory, or a file over `readCap`, is an error. */
	readText(hostPath: string): Promise<string | undefined>;
	/** As readText, the bytes. */
	readBytes(hostPath: string): Promise<Buffer | undefined>;
	exists(hostPath: string): Promise<boolean>;
	/** The stat of what the path names, links followed inside the tree; undefined when it does not exist. */
	stat(hostPath: string): Promise<Stats | undefined>;
	readdir(hostPath: string): Promise<string[]>;
	/** The target of a symbolic link, as data (e.g. /proc/PID/exe); undefined when the path is not a link. */
	readlink(hostPath: string): Promise<string | undefined>;
	/**
	Writes a file atomically (a new temporary file in the same directory, created without following links, fsync, rename), keeping an existing file's owner and mode.
	Refuses when the path is a symbolic link (the link is never replaced and never written through), is not a regular file,
	or its directory can be written by another user.
	*/
	writeAtomic(hostPath: string, content: string | Buffer, modeForNewFile: number): Promise<void>;
	/** Removes a file (a link itself, never its target); nothing when it is absent. */
	remove(hostPath: string): Promise<void>;
	/**
	Changes the owner of the file the path names (links followed inside the tree), through a descriptor opened without following a link,
	after checking that it is still what `expect` says. Refuses when the file's directory can be written by a user other than root.
	*/
	chown(hostPath: string, uid: number, gid: number, expect?: FileExpectation): Promise<void>;
	/** As chown, the permission bits. */
	chmod(hostPath: string, mode: number, expect?: FileExpectation): Promise<void>;
	/** Why the tree under --root cannot be written (a read-only mount, no permission), or undefined when it can. */
	notWritable(): Promise<string | undefined>;
	/** Creates a file only if it does not exist (never through a link); false when it does. */
	createExclusive(hostPath: string, content: string): Promise<boolean>;
};

/** An Error with an errno-style code. */
function coded(message: string, code: string): NodeJS.ErrnoException {
	return Object.assign(new Error(message), {code});
}

function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException).code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The value, or undefined when the path (or a directory on the way) does not exist; other errors are thrown. */
async function unlessMissing<Value>(read: () => Promise<Value>): Promise<Value | undefined> {
	try {
		return await read();
	} catch (error) {
		if (isMissing(error)) {
			return undefined;
		}

		throw error;
	}
}

/** What a file that is not regular is, in words. */
function kindOf(stat: Stats): string {
	if (stat.isDirectory()) {
		return 'a directory';
	}

	if (stat.isFIFO()) {
		return 'a FIFO';
	}

	if (stat.isCharacterDevice()) {
		return 'a character device';
	}

	if (stat.isBlockDevice()) {
		return 'a block device';
	}

	if (stat.isSocket()) {
		return 'a socket';
	}

	return stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file';
}

/** The error of a read that names something other than a regular file: EISDIR for a directory, as the kernel says, else ENOTREG. */
function notRegular(hostPath: string, kind: string): NodeJS.ErrnoException {
	return coded(`${hostPath} is not a regular file (${kind}): not read`, kind === 'a directory' ? 'EISDIR' : 'ENOTREG');
}

/** The components of a path, without empty ones and `.`. */
function components(hostPath: string): string[] {
	return hostPath.split('/').filter(part => part !== '' && part !== '.');
}

/** A path resolved inside the tree. */
type Walk = {
	/** The host path it resolves to (every link followed, no `..`), or, when a component is missing, the path as far as it goes. */
	readonly host: string;
	/** The lstat of the last component; undefined when a component is missing. */
	readonly stat?: Stats;
	/** The links followed on the way, `PATH → TARGET`. */
	readonly links: readonly string[];
	/** The host path of the first missing component. */
	readonly missing?: string;
};

/**
Reads a file descriptor's path from /proc/self/fd: the file the kernel opened. Undefined when /proc is not there.
*/
async function openedPath(handle: fs.FileHandle): Promise<string | undefined> {
	return fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
}

/** Why a directory could be written by another user than root (or this process's own user), or undefined. */
function writableByOthers(stat: Stats, allowSticky: boolean): string | undefined {
	const euid = process.geteuid?.() ?? 0;
	const egid = process.getegid?.() ?? 0;
	const sticky = allowSticky && (stat.mode & 0o1000) !== 0;
	if (stat.uid !== 0 && stat.uid !== euid) {
		return `is owned by uid ${stat.uid}`;
	}

	if ((stat.mode & 0o002) !== 0 && !sticky) {
		return `is writable by every user (mode ${(stat.mode & 0o7777).toString(8).padStart(4, '0')})`;
	}

	if ((stat.mode & 0o020) !== 0 && stat.gid !== 0 && stat.gid !== egid && !sticky) {
		return `is writable by group ${stat.gid} (mode ${(stat.mode & 0o7777).toString(8).padStart(4, '0')})`;
	}

	return undefined;
}

/** Reads at most `readCap` bytes from an open regular file; /proc files say size 0, so the bytes read count, not st_size. */
async function readCapped(handle: fs.FileHandle, hostPath: string): Promise<Buffer> {
	const stat = await handle.stat();
	if (!stat.isFile()) {
		throw notRegular(hostPath, kindOf(stat));
	}

	const tooLarge = () => coded(`${hostPath} is larger than the cap of ${readCap / 1024 / 1024} MiB for a file dockwarden reads: not read`, 'EFBIG');
	if (stat.size > readCap) {
		throw tooLarge();
	}

	const chunks: Buffer[] = [];
	let total = 0;
	for (;;) {
		const buffer = Buffer.allocUnsafe(Math.min(Math.max(stat.size + 1 - total, 16_384), readCap + 1 - total));
		// eslint-disable-next-line no-await-in-loop -- chunks are read in turn
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, null);
		if (bytesRead === 0) {
			break;
		}

		chunks.push(buffer.subarray(0, bytesRead));
		total += bytesRead;
		if (total > readCap) {
			throw tooLarge();
		}
	}

	return Buffer.concat(chunks, total);
}

/** The last component of a host path and its directory's components; refuses a path that ends in `..` or names the root. */
function splitLast(hostPath: string): {readonly directory: string; readonly name: string} {
	const parts = components(hostPath);
	const name = parts.at(-1);
	if (name === undefined || name === '..') {
		throw coded(`${hostPath} does not name a file`, 'EINVAL');
	}

	return {directory: `/${parts.slice(0, -1).join('/')}`, name};
}

/** A RootFs for the given prefix (`/` for the machine itself). */
export function createRootFs(root: string): RootFs {
	const prefix = path.resolve(root);
	let real = prefix;
	try {
		real = realpathSync(prefix);
	} catch {}

	const confined = real !== '/';
	const local = (hostPath: string) => prefix === '/' ? hostPath : path.join(prefix, hostPath);
	/** The local path of a resolved host path (no links, no `..`). */
	const at = (host: string) => host === '/' ? real : (real === '/' ? host : `${real}${host}`);

	/**
	Resolves a host path inside the tree, component by component, as the kernel would under chroot: each component is
	lstat'ed, a link's target is read and walked (an absolute one from the root), `..` never goes above the root, and more
	than `maxLinks` links is ELOOP. The last component is followed only when `followLast` is set.
	*/
	async function walk(hostPath: string, followLast: boolean): Promise<Walk> {
		const pending = components(hostPath);
		const done: string[] = [];
		const links: string[] = [];
		let stat: Stats | undefined = pending.length === 0 ? await fs.lstat(real) : undefined;
		while (pending.length > 0) {
			const part = pending.shift()!;
			if (part === '..') {
				done.pop();
				// eslint-disable-next-line no-await-in-loop -- `..` as the last component: the directory it leads to, looked at in turn
				stat = pending.length === 0 ? await fs.lstat(at(`/${done.join('/')}`)) : undefined;
				continue;
			}

			const host = `/${[...done, part].join('/')}`;
			try {
				// eslint-disable-next-line no-await-in-loop -- each component is looked at after the one before
				stat = await fs.lstat(at(host));
			} catch (error) {
				if (isMissing(error)) {
					return {host: `/${[...done, part, ...pending].join('/')}`, links, missing: host};
				}

				throw error;
			}

			if (stat.isSymbolicLink() && (pending.length > 0 || followLast)) {
				if (links.length >= maxLinks) {
					throw coded(`${hostPath}: too many levels of symbolic links (more than ${maxLinks}) under --root ${prefix}`, 'ELOOP');
				}

				// eslint-disable-next-line no-await-in-loop -- a link is read where the walk found it, before the next component
				const target = await fs.readlink(at(host));
				links.push(`${host} → ${target}`);
				if (target.startsWith('/')) {
					done.length = 0;
				}

				pending.unshift(...components(target));
				if (pending.length === 0) {
					// eslint-disable-next-line no-await-in-loop -- a link with nothing left to walk: where it leads, looked at in turn
					stat = await fs.lstat(at(`/${done.join('/')}`));
				}

				continue;
			}

			if (pending.length > 0 && !stat.isDirectory()) {
				return {host: `/${[...done, part, ...pending].join('/')}`, links, missing: `/${[...done, part, pending[0]].join('/')}`};
			}

			done.push(part);
		}

		return {host: `/${done.join('/')}`, stat, links};
	}

	/** Resolves a host path for a read: links followed inside the tree; a link to nothing is an error that says where it led. */
	async function resolveExisting(hostPath: string): Promise<{host: string; stat: Stats} | undefined> {
		const resolved = await walk(hostPath, true);
		if (resolved.stat) {
			return {host: resolved.host, stat: resolved.stat};
		}

		if (resolved.links.length > 0) {
			throw coded(`${hostPath} is a symbolic link (${resolved.links.join(', ')}) to ${resolved.host}, which does not exist under --root ${prefix}: links resolve inside the tree, as in a chroot, and are not read from this machine`, 'EDANGLING');
		}

		return undefined;
	}

	/** Checks that an opened descriptor is the file the walk resolved: no directory on the way was swapped for a link in between. */
	async function verifyOpened(handle: fs.FileHandle, expected: string, hostPath: string): Promise<void> {
		const opened = await openedPath(handle);
		if (opened !== undefined && opened !== expected) {
			throw coded(`${hostPath} changed while it was opened (a directory on the way was replaced): nothing was done`, 'ECHANGED');
		}
	}

	async function readConfined(hostPath: string): Promise<Buffer | undefined> {
		const resolved = await resolveExisting(hostPath);
		if (!resolved) {
			return undefined;
		}

		// Refuse before opening: opening a device can have effects of its own.
		if (!resolved.stat.isFile()) {
			throw notRegular(hostPath, kindOf(resolved.stat));
		}

		const file = at(resolved.host);
		const handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
		try {
			await verifyOpened(handle, file, hostPath);
			return await readCapped(handle, hostPath);
		} finally {
			await handle.close();
		}
	}

	/** Reads on the machine itself: the kernel's own resolution is already confined to `/`. O_NONBLOCK: a FIFO never blocks the open. */
	async function readDirect(hostPath: string): Promise<Buffer | undefined> {
		let handle: fs.FileHandle;
		try {
			handle = await fs.open(hostPath, constants.O_RDONLY | constants.O_NONBLOCK);
		} catch (error) {
			if (isMissing(error)) {
				return undefined;
			}

			if ((error as NodeJS.ErrnoException).code === 'ENXIO') {
				throw notRegular(hostPath, 'a socket');
			}

			throw error;
		}

		try {
			return await readCapped(handle, hostPath);
		} finally {
			await handle.close();
		}
	}

	const read = confined ? readConfined : readDirect;

	async function statOf(hostPath: string): Promise<Stats | undefined> {
		if (!confined) {
			return unlessMissing(async () => fs.stat(hostPath));
		}

		return (await walk(hostPath, true)).stat;
	}

	/** The resolved directory of a path to write, created (0755, one component at a time, inside the tree) when missing. */
	async function directoryFor(hostPath: string, create: boolean): Promise<{host: string; stat: Stats} | undefined> {
		const {directory} = splitLast(hostPath);
		for (let attempt = 0; attempt <= components(directory).length + maxLinks; attempt++) {
			// eslint-disable-next-line no-await-in-loop -- each attempt creates one missing component and resolves again
			const resolved = await walk(directory, true);
			if (resolved.stat) {
				if (!resolved.stat.isDirectory()) {
					throw coded(`${hostPath}: ${resolved.host} is not a directory`, 'ENOTDIR');
				}

				return {host: resolved.host, stat: resolved.stat};
			}

			if (!create) {
				return undefined;
			}

			// mkdir never follows a link in the last component: a link planted there is EEXIST, and the next walk follows it inside the tree.
			// eslint-disable-next-line no-await-in-loop -- one missing directory per attempt, then the walk again
			await fs.mkdir(at(resolved.missing!), {mode: 0o755}).catch((error: unknown) => {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
					throw error;
				}
			});
		}

		throw coded(`${hostPath}: cannot create its directory`, 'ELOOP');
	}

	/** The directory of a file to create or replace, checked to be writable by no other user (sticky directories like /tmp allowed). */
	async function safeDirectoryFor(hostPath: string): Promise<string> {
		const directory = (await directoryFor(hostPath, true))!;
		const why = writableByOthers(directory.stat, true);
		if (why) {
			throw coded(`refusing to write ${hostPath}: its directory ${directory.host} ${why}, so another user could replace what dockwarden writes`, 'EUNSAFE');
		}

		return directory.host;
	}

	/**
	Opens the file a path names for a chown or chmod, without following a link, checks that it is the file the walk found and
	that it still is what the check saw, and runs `act` through the descriptor. Sockets cannot be opened: they are checked with
	lstat, changed by path (lchown, chmod: the last component is not a link) and checked again (same inode).
	*/
	async function changeAttributes(hostPath: string, expect: FileExpectation | undefined, what: string, act: (handle: fs.FileHandle) => Promise<void>, actByPath: (file: string) => Promise<void>): Promise<void> {
		const resolved = await walk(hostPath, true);
		if (!resolved.stat) {
			throw coded(`ENOENT: no such file or directory, ${what} '${hostPath}'`, 'ENOENT');
		}

		const directoryHost = path.posix.dirname(resolved.host);
		const directory = await fs.lstat(at(directoryHost));
		const why = writableByOthers(directory, false);
		if (why) {
			throw coded(`refusing to ${what} ${hostPath}: its directory ${directoryHost} ${why}, so another user could swap the file between the check and the change; make the directory root's and not writable by others first`, 'EUNSAFE');
		}

		const checkExpected = (stat: Stats) => {
			const seen: string[] = [];
			if (expect?.uid !== undefined && stat.uid !== expect.uid) {
				seen.push(`owner uid ${stat.uid}, the check saw ${expect.uid}`);
			}

			if (expect?.gid !== undefined && stat.gid !== expect.gid) {
				seen.push(`group gid ${stat.gid}, the check saw ${expect.gid}`);
			}

			if (expect?.mode !== undefined && (stat.mode & 0o777) !== (expect.mode & 0o777)) {
				seen.push(`mode ${(stat.mode & 0o7777).toString(8).padStart(4, '0')}, the check saw ${(expect.mode & 0o7777).toString(8).padStart(4, '0')}`);
			}

			if (seen.length > 0) {
				throw coded(`${hostPath} changed since it was checked (${seen.join('; ')}): nothing was changed; run the check again`, 'ECHANGED');
			}
		};

		const file = at(resolved.host);
		const {stat} = resolved;
		if (!stat.isFile() && !stat.isDirectory() && !stat.isSocket()) {
			throw coded(`refusing to ${what} ${hostPath}: it is ${kindOf(stat)}, not a file, directory or socket`, 'ENOTREG');
		}

		let handle: fs.FileHandle | undefined;
		if (!stat.isSocket()) {
			handle = await fs.open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | (stat.isDirectory() ? constants.O_DIRECTORY : 0)).catch((error: unknown) => {
				// Without root (the demo), a file without read permission cannot be opened: it is changed by path, checked as a socket is.
				if ((error as NodeJS.ErrnoException).code === 'EACCES') {
					return undefined;
				}

				throw error;
			});
		}

		if (handle) {
			try {
				await verifyOpened(handle, file, hostPath);
				const opened = await handle.stat();
				if (opened.ino !== stat.ino || opened.dev !== stat.dev) {
					throw coded(`${hostPath} changed while it was opened: nothing was changed; run the check again`, 'ECHANGED');
				}

				checkExpected(opened);
				await act(handle);
			} finally {
				await handle.close();
			}

			return;
		}

		checkExpected(stat);
		await actByPath(file);
		const after = await fs.lstat(file);
		if (after.ino !== stat.ino || after.dev !== stat.dev) {
			throw coded(`${hostPath} was replaced while it was changed: check what it is now`, 'ECHANGED');
		}
	}

	return {
		root: prefix,
		local,
		async readText(hostPath) {
			return (await read(hostPath))?.toString('utf8');
		},
		async readBytes(hostPath) {
			return read(hostPath);
		},
		async exists(hostPath) {
			try {
				return await statOf(hostPath) !== undefined;
			} catch {
				return false;
			}
		},
		stat: statOf,
		async readdir(hostPath) {
			try {
				if (!confined) {
					return await fs.readdir(hostPath);
				}

				const resolved = await walk(hostPath, true);
				return resolved.stat ? await fs.readdir(at(resolved.host)) : [];
			} catch (error) {
				if (isMissing(error)) {
					return [];
				}

				throw error;
			}
		},
		async readlink(hostPath) {
			try {
				if (!confined) {
					return await fs.readlink(hostPath);
				}

				const resolved = await walk(hostPath, false);
				return resolved.stat?.isSymbolicLink() ? await fs.readlink(at(resolved.host)) : undefined;
			} catch {
				return undefined;
			}
		},
		async writeAtomic(hostPath, content, modeForNewFile) {
			const directory = await safeDirectoryFor(hostPath);
			const {name} = splitLast(hostPath);
			const target = at(path.posix.join(directory, name));
			const existing = await fs.lstat(target).catch((error: unknown) => {
				if (isMissing(error)) {
					return undefined;
				}

				throw error;
			});
			if (existing?.isSymbolicLink()) {
				const link = await fs.readlink(target).catch(() => '?');
				throw coded(`${hostPath} is a symbolic link (to ${link}): dockwarden does not write through a link, nor replace it with a file; nothing was written`, 'ESYMLINK');
			}

			if (existing && !existing.isFile()) {
				throw coded(`${hostPath} is not a regular file (${kindOf(existing)}): nothing was written`, 'ENOTREG');
			}

			const temporary = at(path.posix.join(directory, `.${name.slice(0, 200)}.dockwarden-${randomBytes(6).toString('hex')}`));
			// O_EXCL and O_NOFOLLOW: a link or file planted at the temporary name is never followed or reused.
			const handle = await fs.open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, existing ? existing.mode & 0o7777 : modeForNewFile);
			try {
				await verifyOpened(handle, temporary, hostPath);
				await handle.writeFile(content);
				if (existing) {
					await handle.chmod(existing.mode & 0o7777);
					await handle.chown(existing.uid, existing.gid);
				}

				await handle.sync();
			} catch (error) {
				await handle.close();
				await fs.rm(temporary, {force: true});
				throw error;
			}

			await handle.close();
			try {
				// rename replaces the name itself: had a link been planted at the target since the check above, the link is replaced, never followed.
				await fs.rename(temporary, target);
			} catch (error) {
				await fs.rm(temporary, {force: true});
				throw error;
			}
		},
		async remove(hostPath) {
			const directory = await directoryFor(hostPath, false);
			if (!directory) {
				return;
			}

			await fs.unlink(at(path.posix.join(directory.host, splitLast(hostPath).name))).catch((error: unknown) => {
				if (!isMissing(error)) {
					throw error;
				}
			});
		},
		async chown(hostPath, uid, gid, expect) {
			await changeAttributes(hostPath, expect, 'chown', async handle => handle.chown(uid, gid), async file => fs.lchown(file, uid, gid));
		},
		async chmod(hostPath, mode, expect) {
			await changeAttributes(hostPath, expect, 'chmod', async handle => handle.chmod(mode), async file => fs.chmod(file, mode));
		},
		async notWritable() {
			try {
				await fs.access(prefix, constants.W_OK);
				return undefined;
			} catch (error) {
				const {code} = error as NodeJS.ErrnoException;
				return code === 'EROFS' ? 'it is mounted read-only' : `it is not writable (${code ?? 'unknown error'})`;
			}
		},
		async createExclusive(hostPath, content) {
			const directory = await safeDirectoryFor(hostPath);
			const file = at(path.posix.join(directory, splitLast(hostPath).name));
			let handle: fs.FileHandle;
			try {
				handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
					return false;
				}

				throw error;
			}

			try {
				await verifyOpened(handle, file, hostPath);
				await handle.writeFile(content);
			} finally {
				await handle.close();
			}

			return true;
		},
	};
}
