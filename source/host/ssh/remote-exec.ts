import {existsSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Exec} from '../exec.js';
import {decoded, type Batcher} from './remote-batch.js';

/**
A file the fix engine made on this machine for a command to read (the candidate daemon.json of `dockerd --validate`,
in a `dockwarden-*` temporary directory): the target's command must read a copy on the target.
*/
function isLocalCandidate(arg: string): boolean {
	const directory = path.dirname(arg);
	return path.dirname(directory) === os.tmpdir() && path.basename(directory).startsWith('dockwarden-') && existsSync(arg);
}

/**
Runs commands on the target, batched with whatever else is asked at the same moment. A timeout becomes the target's
`timeout` (coreutils), so a hung command is ended there too; a file of this machine named in argv (see above) is
copied to the target's temporary directory for the run.
*/
export function createRemoteExec(batcher: Batcher): Exec {
	return async (argv, options = {}) => {
		const uploads = new Map(argv.filter(arg => isLocalCandidate(arg)).map(arg => [arg, readFileSync(arg)]));
		const seconds = options.timeoutMs === undefined ? undefined : Math.max(1, Math.ceil(options.timeoutMs / 1000));
		try {
			const {fields} = await batcher.request({
				op: 'X',
				args: seconds === undefined ? argv : ['timeout', '-k', '5', String(seconds), ...argv],
				uploads,
				timeoutMs: options.timeoutMs,
			});
			const exitCode = Number(fields[0]);
			return {
				exitCode,
				stdout: decoded(fields[1])?.toString('utf8') ?? '',
				stderr: decoded(fields[2])?.toString('utf8') ?? '',
				...(seconds !== undefined && exitCode === 124 ? {failure: `timed out after ${seconds} s`} : {}),
				...(exitCode === 127 ? {failure: `${argv[0]}: not found on the target`} : {}),
			};
		} catch (error) {
			return {exitCode: -1, stdout: '', stderr: '', failure: (error as Error).message};
		}
	};
}
