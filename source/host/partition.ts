import path from 'node:path';
import type {DaemonFacts, DockerFacts, PartitionFacts} from '../model/facts.js';
import {dockerRootDir} from './paths.js';
import type {RootFs} from './root-fs.js';

/** The directories above `dir`, nearest first, up to `/`. */
function ancestors(dir: string): string[] {
	const found: string[] = [];
	for (let current = dir; current !== '/';) {
		current = path.dirname(current);
		found.push(current);
	}

	return found;
}

/**
Walks up from dir while the device stays the same: the last such directory is its mount point. Every directory above it is
looked at together (one round trip over SSH, where one at a time made one each), then walked in order.
*/
async function mountPointOf(fs: RootFs, dir: string, device: number): Promise<string> {
	const parents = ancestors(dir);
	// An error is met only where the walk reaches it, as when the directories were looked at one by one.
	const outcomes = await Promise.all(parents.map(async parent => fs.stat(parent).then(stat => ({stat}), (error: unknown) => ({error}))));
	let current = dir;
	for (const [index, parent] of parents.entries()) {
		const outcome = outcomes[index]!;
		if ('error' in outcome) {
			throw outcome.error;
		}

		const {stat} = outcome;
		if (!stat || stat.dev !== device) {
			return current;
		}

		current = parent;
	}

	return '/';
}

/** The device of the Docker root dir (the parent of the userns-remap subdirectory) and of `/`, under --root. */
export async function gatherPartition(fs: RootFs, daemon: DaemonFacts, docker: DockerFacts): Promise<PartitionFacts> {
	const {path: dir, how} = dockerRootDir(daemon, docker);
	const [dirStat, rootStat] = await Promise.all([fs.stat(dir), fs.stat('/')]);
	if (!dirStat) {
		return {dir, how, exists: false, rootDevice: rootStat?.dev};
	}

	return {
		dir,
		how,
		exists: true,
		dirDevice: dirStat.dev,
		rootDevice: rootStat?.dev,
		mountPoint: await mountPointOf(fs, dir, dirStat.dev),
	};
}
