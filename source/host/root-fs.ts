import fs from 'node:fs/promises';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

/**
The host's filesystem, seen through the `--root` prefix. Callers always speak host paths (`/etc/docker/daemon.json`); this is the only place that adds the prefix.
*/
export type RootFs = {
	readonly root: string;
	/** The local path of a host path. */
	local(hostPath: string): string;
	readText(hostPath: string): Promise<string | undefined>;
	readBytes(hostPath: string): Promise<Buffer | undefined>;
	exists(hostPath: string): Promise<boolean>;
	stat(hostPath: string): Promise<import('node:fs').Stats | undefined>;
	readdir(hostPath: string): Promise<string[]>;
	readlink(hostPath: string): Promise<string | undefined>;
	/** Writes a file atomically (temp file in the same directory, fsync, rename), keeping an existing file's owner and mode. */
	writeAtomic(hostPath: string, content: string | Buffer, modeForNewFile: number): Promise<void>;
	remove(hostPath: string): Promise<void>;
	chown(hostPath: string, uid: number, gid: number): Promise<void>;
	chmod(hostPath: string, mode: number): Promise<void>;
	/** Why the tree under --root cannot be written (a read-only mount, no permission), or undefined when it can. */
	notWritable(): Promise<string | undefined>;
	/** Creates a file only if it does not exist; false when it does. */
	createExclusive(hostPath: string, content: string): Promise<boolean>;
};

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

/** A RootFs for the given prefix (`/` for the machine itself). */
export function createRootFs(root: string): RootFs {
	const prefix = path.resolve(root);
	const local = (hostPath: string) => prefix === '/' ? hostPath : path.join(prefix, hostPath);

	return {
		root: prefix,
		local,
		async readText(hostPath) {
			return unlessMissing(async () => fs.readFile(local(hostPath), 'utf8'));
		},
		async readBytes(hostPath) {
			return unlessMissing(async () => fs.readFile(local(hostPath)));
		},
		async exists(hostPath) {
			try {
				await fs.stat(local(hostPath));
				return true;
			} catch {
				return false;
			}
		},
		async stat(hostPath) {
			return unlessMissing(async () => fs.stat(local(hostPath)));
		},
		async readdir(hostPath) {
			try {
				return await fs.readdir(local(hostPath));
			} catch (error) {
				if (isMissing(error)) {
					return [];
				}

				throw error;
			}
		},
		async readlink(hostPath) {
			try {
				return await fs.readlink(local(hostPath));
			} catch {
				return undefined;
			}
		},
		async writeAtomic(hostPath, content, modeForNewFile) {
			const target = local(hostPath);
			const directory = path.dirname(target);
			await fs.mkdir(directory, {recursive: true, mode: 0o755});
			const existing = await fs.stat(target).catch(() => undefined);
			const temporary = path.join(directory, `.${path.basename(target)}.dockwarden-${randomBytes(4).toString('hex')}`);
			const handle = await fs.open(temporary, 'wx', existing ? existing.mode & 0o7777 : modeForNewFile);
			try {
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
				await fs.rename(temporary, target);
			} catch (error) {
				await fs.rm(temporary, {force: true});
				throw error;
			}
		},
		async remove(hostPath) {
			await fs.rm(local(hostPath), {force: true});
		},
		async chown(hostPath, uid, gid) {
			await fs.chown(local(hostPath), uid, gid);
		},
		async chmod(hostPath, mode) {
			await fs.chmod(local(hostPath), mode);
		},
		async notWritable() {
			try {
				await fs.access(prefix, fs.constants.W_OK);
				return undefined;
			} catch (error) {
				const {code} = error as NodeJS.ErrnoException;
				return code === 'EROFS' ? 'it is mounted read-only' : `it is not writable (${code ?? 'unknown error'})`;
			}
		},
		async createExclusive(hostPath, content) {
			await fs.mkdir(path.dirname(local(hostPath)), {recursive: true, mode: 0o755});
			try {
				await fs.writeFile(local(hostPath), content, {flag: 'wx', mode: 0o600});
				return true;
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
					return false;
				}

				throw error;
			}
		},
	};
}
