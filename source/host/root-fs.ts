import fs from 'node:fs/promises';
import {constants, realpathSync, type Stats} from 'node:fs';
import path from 'node:path';
import {coded, components, createWalk, isMissing, localPathIn, maxLinks, splitLast, unlessMissing} from './confined-path.js';
import {kindOf, notRegular, openedPath, readCapped, writableByOthers} from './file-reads.js';
import type {FileExpectation, RootFs} from './root-fs-types.js';

/** Random bytes as hex, for temporary names: node:crypto is loaded on the first write, not with every run (about 4 ms). */
function randomHex(bytes: number): string {
	return process.getBuiltinModule('node:crypto').randomBytes(bytes).toString('hex');
}

export {maxLinks} from './confined-path.js';
export {readCap} from './file-reads.js';
export type {FileExpectation, RootFs} from './root-fs-types.js';

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
	const at = localPathIn(real);
	const walk = createWalk(real, prefix);

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

			const temporary = at(path.posix.join(directory, `.${name.slice(0, 200)}.dockwarden-${randomHex(6)}`));
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
