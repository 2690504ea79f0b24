/*
Resolving a host path inside the --root tree as the kernel would under chroot (the walk), and the small pieces the
confined file access of root-fs.ts is built from: errno-style errors, path components.
*/
import fs from 'node:fs/promises';
import type {Stats} from 'node:fs';

/** How many symbolic links one path may go through before it is an error, as in the kernel (ELOOP). */
export const maxLinks = 40;

/** An Error with an errno-style code. */
export function coded(message: string, code: string): NodeJS.ErrnoException {
	return Object.assign(new Error(message), {code});
}

export function isMissing(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException).code;
	return code === 'ENOENT' || code === 'ENOTDIR';
}

/** The value, or undefined when the path (or a directory on the way) does not exist; other errors are thrown. */
export async function unlessMissing<Value>(read: () => Promise<Value>): Promise<Value | undefined> {
	try {
		return await read();
	} catch (error) {
		if (isMissing(error)) {
			return undefined;
		}

		throw error;
	}
}

/** The components of a path, without empty ones and `.`. */
export function components(hostPath: string): string[] {
	return hostPath.split('/').filter(part => part !== '' && part !== '.');
}

/** A path resolved inside the tree. */
export type Walk = {
	/** The host path it resolves to (every link followed, no `..`), or, when a component is missing, the path as far as it goes. */
	readonly host: string;
	/** The lstat of the last component; undefined when a component is missing. */
	readonly stat?: Stats;
	/** The links followed on the way, `PATH → TARGET`. */
	readonly links: readonly string[];
	/** The host path of the first missing component. */
	readonly missing?: string;
};

/** The last component of a host path and its directory's components; refuses a path that ends in `..` or names the root. */
export function splitLast(hostPath: string): {readonly directory: string; readonly name: string} {
	const parts = components(hostPath);
	const name = parts.at(-1);
	if (name === undefined || name === '..') {
		throw coded(`${hostPath} does not name a file`, 'EINVAL');
	}

	return {directory: `/${parts.slice(0, -1).join('/')}`, name};
}

/** The local path of a resolved host path (no links, no `..`) in the tree whose real path is `real`. */
export function localPathIn(real: string): (host: string) => string {
	return host => host === '/' ? real : (real === '/' ? host : `${real}${host}`);
}

/** The walk inside the tree whose real path is `real` (`prefix` as the operator gave it, for messages). */
export function createWalk(real: string, prefix: string): (hostPath: string, followLast: boolean) => Promise<Walk> {
	const at = localPathIn(real);

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

	return walk;
}
