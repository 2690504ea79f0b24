import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import type {ContainerInspect, DockerInfo} from '../model/facts.js';

/**
The sample host of `--demo`, as it lives in `source/demo/sample-host/`: a tree of host files (`files/`), what git cannot
hold of them (modes, owners, sockets, empty directories), the host's processes and audit state (`host.json`), and the
recorded Docker facts (`docker.json`).
*/
export type SampleHost = {
	/** Where `files/` is. */
	readonly filesDirectory: string;
	readonly host: HostRecord;
	readonly docker: DockerRecord;
};

/** A file of the sample host whose mode, owner or type is not what git gives it (0644/0755, the user's, a regular file). */
export type FileRecord = {
	/** Octal, e.g. "0660". */
	readonly mode?: string;
	readonly uid?: number;
	readonly gid?: number;
	/** A socket is laid out as an empty file and reported as a socket. */
	readonly type?: 'socket';
};

/** A host process, written to /proc/PID/ in the sandbox. */
export type ProcessRecord = {
	readonly pid: number;
	readonly comm: string;
	readonly argv: readonly string[];
	readonly exe?: string;
	readonly uid?: number;
};

/** An audit event the sample host has in its log, so many minutes before the demo starts. */
export type EventRecord = {
	readonly minutesAgo: number;
	readonly path: string;
	readonly exe: string;
	readonly syscall: string;
	readonly user: string;
};

export type HostRecord = {
	readonly directories: readonly string[];
	readonly files: Readonly<Record<string, FileRecord>>;
	readonly processes: readonly ProcessRecord[];
	readonly audit: {
		/** `auditctl -s` as the sample host prints it. */
		readonly status: string;
		/** The rules loaded in the kernel at the start, as `auditctl -l` prints them. */
		readonly liveRules: readonly string[];
		readonly events: readonly EventRecord[];
	};
	/** The first subordinate uid and gid dockerd gives the dockremap user when userns-remap is turned on. */
	readonly remapBase: number;
};

/** A process of a container: its uid inside the container. */
export type ContainerProcessRecord = {
	readonly pid: number;
	readonly uid: number;
	readonly command: string;
};

/** A recorded container: a docker inspect of it, trimmed to what differs from the defaults, and its processes. */
export type ContainerRecord = {
	readonly name: string;
	readonly image: string;
	readonly running: boolean;
	/** The daemon that sees it: the one without user-namespace remapping (`default`) or the one with it (`userns`). */
	readonly daemon: 'default' | 'userns';
	readonly Config?: Partial<ContainerInspect['Config']>;
	readonly HostConfig?: Partial<ContainerInspect['HostConfig']>;
	readonly Mounts?: ContainerInspect['Mounts'];
	readonly Ports?: NonNullable<ContainerInspect['NetworkSettings']['Ports']>;
	readonly AppArmorProfile?: string;
	readonly processes?: readonly ContainerProcessRecord[];
	readonly execs?: ReadonlyArray<{readonly privileged: boolean; readonly user: string; readonly command: readonly string[]}>;
};

export type ImageRecord = {
	readonly tag: string;
	/** ISO-8601. */
	readonly created: string;
	readonly size: number;
	readonly user?: string;
	readonly healthcheck?: readonly string[];
	/** The history, oldest layer first, as `docker history --no-trunc` shows CREATED BY. */
	readonly history: readonly string[];
};

export type DockerRecord = {
	/** `docker info` of the daemon as it runs at the start; what daemon.json sets is recomputed at each (re)start. */
	readonly info: DockerInfo;
	readonly containers: readonly ContainerRecord[];
	readonly images: readonly ImageRecord[];
};

/** The folder of the sample host: beside this file in the source tree, or under the package root when bundled in dist/. */
export function sampleHostDirectory(): string {
	let directory = path.dirname(fileURLToPath(import.meta.url));
	for (;;) {
		for (const candidate of [path.join(directory, 'sample-host'), path.join(directory, 'source', 'demo', 'sample-host')]) {
			if (existsSync(path.join(candidate, 'host.json'))) {
				return candidate;
			}
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			throw new Error('the sample host of --demo is missing (source/demo/sample-host): reinstall dockwarden');
		}

		directory = parent;
	}
}

/** Reads the sample host. */
export async function readSampleHost(directory = sampleHostDirectory()): Promise<SampleHost> {
	const [host, docker] = await Promise.all(['host.json', 'docker.json'].map(async name => JSON.parse(await fs.readFile(path.join(directory, name), 'utf8')) as unknown));
	return {filesDirectory: path.join(directory, 'files'), host: host as HostRecord, docker: docker as DockerRecord};
}
