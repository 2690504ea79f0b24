import type {DockerGroup} from '../model/facts.js';
import type {RootFs} from './root-fs.js';

/** Reads the docker group from /etc/group and the users whose primary group it is from /etc/passwd, under --root. */
export async function gatherDockerGroup(fs: RootFs): Promise<DockerGroup> {
	const [group, passwd] = await Promise.all([fs.readText('/etc/group'), fs.readText('/etc/passwd')]);
	const line = (group ?? '').split('\n').find(entry => entry.startsWith('docker:'));
	if (!line) {
		return {exists: false, members: [], primaryMembers: []};
	}

	const [, , gid, members = ''] = line.split(':');
	const primaryMembers = (passwd ?? '').split('\n')
		.map(entry => entry.split(':'))
		.filter(fields => fields[3] === gid)
		.map(fields => fields[0]!);
	return {exists: true, gid: Number(gid), members: members.split(',').map(name => name.trim()).filter(Boolean), primaryMembers};
}
