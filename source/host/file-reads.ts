/*
Reading a file found inside the tree: what is not a regular file, the descriptor's own path, directories another user
could write, and reads capped at `readCap` (root-fs.ts uses these).
*/
import fs from 'node:fs/promises';
import type {Stats} from 'node:fs';
import {coded} from './confined-path.js';

/**
The most a read returns: 16 MiB. Config and text files are far smaller; /proc/net/unix of a busy host can reach a few MiB.
A larger file (or /dev/zero through a link) is an error, never read into memory.
*/
export const readCap = 16 * 1024 * 1024;

/** What a file that is not regular is, in words. */
export function kindOf(stat: Stats): string {
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
export function notRegular(hostPath: string, kind: string): NodeJS.ErrnoException {
	return coded(`${hostPath} is not a regular file (${kind}): not read`, kind === 'a directory' ? 'EISDIR' : 'ENOTREG');
}

/**
Reads a file descriptor's path from /proc/self/fd: the file the kernel opened. Undefined when /proc is not there.
*/
export async function openedPath(handle: fs.FileHandle): Promise<string | undefined> {
	return fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
}

/** Why a directory could be written by another user than root (or this process's own user), or undefined. */
export function writableByOthers(stat: Stats, allowSticky: boolean): string | undefined {
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
export async function readCapped(handle: fs.FileHandle, hostPath: string): Promise<Buffer> {
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
