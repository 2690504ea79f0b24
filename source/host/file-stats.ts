import path from 'node:path';
import type {DaemonFacts, FileFacts, FileStat, HostPaths} from '../model/facts.js';
import {accountEntries} from './account-files.js';
import {socketOfHost} from './daemon.js';
import {flagOrConfig} from './paths.js';
import type {RootFs} from './root-fs.js';

/** Maps uids and gids to names from /etc/passwd and /etc/group under --root. */
async function readNames(fs: RootFs): Promise<{users: Map<number, string>; groups: Map<number, string>}> {
	const [passwd, group] = await Promise.all([fs.readText('/etc/passwd'), fs.readText('/etc/group')]);
	const table = (text: string | undefined) => new Map(accountEntries(text).map(fields => [Number(fields[2]), fields[0]!]));
	return {users: table(passwd), groups: table(group)};
}

type Names = Awaited<ReturnType<typeof readNames>>;

/** Owner, group and mode of one host path, under --root. */
export async function statFile(fs: RootFs, hostPath: string, names: Names): Promise<FileStat> {
	try {
		const stat = await fs.stat(hostPath);
		if (!stat) {
			return {path: hostPath, exists: false};
		}

		const type = stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : stat.isSocket() ? 'socket' : 'other';
		return {path: hostPath, exists: true, uid: stat.uid, gid: stat.gid, owner: names.users.get(stat.uid), group: names.groups.get(stat.gid), mode: stat.mode & 0o7777, type};
	} catch (error) {
		return {path: hostPath, exists: true, error: (error as Error).message};
	}
}

/** Every file below a directory, two levels deep (certs.d/REGISTRY/FILE). */
async function filesBelow(fs: RootFs, directory: string): Promise<string[]> {
	const registries = await fs.readdir(directory);
	const nested = await Promise.all(registries.map(async name => {
		const entry = path.posix.join(directory, name);
		const stat = await fs.stat(entry);
		if (!stat?.isDirectory()) {
			return [entry];
		}

		return (await fs.readdir(entry)).map(file => path.posix.join(entry, file));
	}));
	return nested.flat().sort();
}

/** Stats every path section 3 names, as this host has it. */
export async function gatherFiles(fs: RootFs, paths: HostPaths, daemon: DaemonFacts, dockerHost: string): Promise<FileFacts> {
	const names = await readNames(fs);
	const stat = async (hostPath: string) => statFile(fs, hostPath, names);
	const optional = async (hostPath: string | undefined) => hostPath === undefined ? undefined : stat(hostPath);
	const certs = await filesBelow(fs, '/etc/docker/certs.d');
	const [dockerService, dockerSocketUnit, etcDocker, registryCerts, tlsCaCert, tlsCert, tlsKey, dockerSocket, daemonJson, etcDefaultDocker, etcSysconfigDocker, containerdSocket] = await Promise.all([
		stat(paths.dockerService.path),
		stat(paths.dockerSocketUnit.path),
		stat(paths.etcDocker.path),
		Promise.all(certs.map(async cert => stat(cert))),
		optional(flagOrConfig(daemon, 'tlscacert')),
		optional(flagOrConfig(daemon, 'tlscert')),
		optional(flagOrConfig(daemon, 'tlskey')),
		stat(socketOfHost(dockerHost) ?? '/var/run/docker.sock'),
		stat(paths.daemonJson.path),
		stat(paths.etcDefaultDocker.path),
		stat(paths.etcSysconfigDocker.path),
		stat(paths.containerdSocket.path),
	]);
	return {dockerService, dockerSocketUnit, etcDocker, registryCerts, tlsCaCert, tlsCert, tlsKey, dockerSocket, daemonJson, etcDefaultDocker, etcSysconfigDocker, containerdSocket};
}
