import {createHash} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
One hash of everything under a directory: each entry's path (relative), mode, and a file's content or a link's target; to prove a
run changed nothing. `skip` lists absolute paths left out, such as a fake root's bind mounts of the machine's /proc and daemon directory.
*/
export function treeHash(directory: string, skip: readonly string[] = []): string {
	const hash = createHash('sha256');
	const walk = (current: string) => {
		for (const name of fs.readdirSync(current).sort()) {
			const full = path.join(current, name);
			if (skip.includes(full)) {
				continue;
			}

			const stat = fs.lstatSync(full);
			hash.update(`${path.relative(directory, full)}\0${stat.mode}\0`);
			if (stat.isDirectory()) {
				walk(full);
			} else if (stat.isFile()) {
				hash.update(fs.readFileSync(full));
			} else if (stat.isSymbolicLink()) {
				hash.update(fs.readlinkSync(full));
			}
		}
	};

	walk(directory);
	return hash.digest('hex');
}
