import path from 'node:path';
import type {DaemonFacts, DockerFacts, PartitionFacts} from '../model/facts.js';
import {dockerRootDir} from './paths.js';
import type {RootFs} from './root-fs.js';

/** Walks up from dir while the device stays the same: the last such directory is its mount point. */
async function mountPointOf(fs: RootFs, dir: string, device: number): Promise<string> {
	let current = dir;
	while (current !== '/') {
		const parent = path.dirname(current);
		// eslint-disable-next-line no-await-in-loop -- walks up one parent at a time until the device changes
		const stat = await fs.stat(parent);
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
