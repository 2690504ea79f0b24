/*
The types of the host's filesystem as the rest of dockwarden sees it (implemented by root-fs.ts for this machine and the
demo sandbox, and by ssh/remote-fs.ts for a host over SSH).
*/
import type {Stats} from 'node:fs';

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
