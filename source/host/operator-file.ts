import fs from 'node:fs/promises';
import {constants} from 'node:fs';

/**
Writes a file the operator named on the command line (`--output FILE`, `--summary FILE`): a new file is created mode 0600
(reports name this host's weaknesses); a symbolic link planted at that path is never followed (O_NOFOLLOW), and a path that
is not a regular file, or a file with other hard links (it could be another file under a second name), is refused. The
checks are made on the opened descriptor before the file is truncated, so a refused file is left as it was.
*/
export async function writeOperatorFile(file: string, content: string): Promise<void> {
	let handle: fs.FileHandle;
	try {
		handle = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | constants.O_NONBLOCK, 0o600);
	} catch (error) {
		const {code} = error as NodeJS.ErrnoException;
		if (code === 'ELOOP') {
			throw new Error(`${file} is a symbolic link: dockwarden does not write through it; remove the link or name another file`);
		}

		if (code === 'ENXIO') {
			throw new Error(`${file} is a socket, not a regular file`);
		}

		throw error;
	}

	try {
		const stat = await handle.stat();
		if (!stat.isFile()) {
			throw new Error(`${file} is not a regular file: not written`);
		}

		if (stat.nlink > 1) {
			throw new Error(`${file} has ${stat.nlink} hard links (it may be another file under a second name): not written; remove it or name another file`);
		}

		await handle.truncate(0);
		await handle.writeFile(content);
	} finally {
		await handle.close();
	}
}
