import path from 'node:path';
import type Dockerode from 'dockerode';
import type {Fatal} from '../../exit-codes.js';
import {connectDocker} from '../docker-api.js';
import type {HostAccess, ToolName} from '../fact-source.js';
import {createBatcher} from './remote-batch.js';
import {createRemoteExec} from './remote-exec.js';
import {createRemoteFs, type RemoteFs} from './remote-fs.js';
import type {Exec} from '../exec.js';
import {shellQuote} from './remote-script.js';
import {lostError, openSshConnection, SshError, type SshConnection, type SshSettings} from './ssh-connection.js';
import type {SshTarget} from './ssh-target.js';
import {visibleControls} from '../../text/safe-text.js';

/** What the first command on the target tells: who we are there, whether sudo works without a password, where Docker is. */
export type TargetProbe = {
	readonly uid: number;
	readonly sudo: 'root' | 'yes' | 'no';
	readonly hostname: string;
	/** The Docker host the target uses: --docker-host, else its DOCKER_HOST, else the default socket. */
	readonly dockerHost: string;
	/** Whether that socket exists on the target, and whether the SSH user may open it (the forward runs as that user). */
	readonly socket: 'ok' | 'missing' | 'denied' | 'not-unix';
	readonly tools: Partial<Record<ToolName, string>>;
};

/** A host reached over SSH, seen through the same HostAccess as this machine and the demo's sandbox. */
export type RemoteHost = {
	readonly access: HostAccess;
	readonly probe: TargetProbe;
	readonly connection: SshConnection;
	/** A notice for stderr when the audit runs without root on the target, else undefined. */
	readonly notice?: string;
	close(): Promise<void>;
};

const decode = (field: string | undefined) => field?.startsWith('+') ? Buffer.from(field.slice(1), 'base64').toString('utf8') : '';

/** The probe: one round trip, as the SSH user. `sudo -n` never prompts; it fails at once when a password is needed. */
async function probeTarget(connection: SshConnection, dockerHostFlag: string | undefined): Promise<TargetProbe> {
	const script = [
		'e() { base64 -w 0; }',
		'echo "uid $(id -u)"',
		'if [ "$(id -u)" = 0 ]; then echo "sudo root"; elif sudo -n true 2>/dev/null; then echo "sudo yes"; else echo "sudo no"; fi',
		`h=${dockerHostFlag === undefined ? '${DOCKER_HOST:-unix:///var/run/docker.sock}' : shellQuote(dockerHostFlag)}`,
		'printf "dockerhost +"; printf %s "$h" | e; echo',
		'case $h in unix://*) s=${h#unix://} ;; /*) s=$h ;; *) s= ;; esac',
		'if [ -z "$s" ]; then echo "socket not-unix"; elif [ ! -S "$s" ]; then echo "socket missing"; elif [ -r "$s" ] && [ -w "$s" ]; then echo "socket ok"; else echo "socket denied"; fi',
		'printf "hostname +"; { hostname 2>/dev/null || cat /proc/sys/kernel/hostname; } | tr -d "\\n" | e; echo',
		'for t in auditctl ausearch; do p=$(PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin" command -v "$t") && { printf "tool %s +" "$t"; printf %s "$p" | e; echo; }; done',
		'echo END',
	].join('\n');
	const result = await connection.run('sh -s', `${script}\n`, {timeoutMs: 30_000});
	const lines = result.stdout.split('\n');
	if (result.failure || !lines.includes('END')) {
		throw new SshError(lostError(connection.target, result.failure ?? (result.stderr.trim().split('\n').at(-1) || `the first command exited with ${result.exitCode}`)));
	}

	const value = (name: string) => lines.find(line => line.startsWith(`${name} `))?.slice(name.length + 1);
	const tools: Partial<Record<ToolName, string>> = {};
	for (const line of lines.filter(line => line.startsWith('tool '))) {
		const [, name, field] = line.split(' ');
		tools[name as ToolName] = decode(field);
	}

	return {
		uid: Number(value('uid')),
		sudo: (value('sudo') ?? 'no') as TargetProbe['sudo'],
		hostname: decode(value('hostname')).replace(/[^\w.-]/g, '?') || connection.target.host,
		dockerHost: decode(value('dockerhost')),
		socket: (value('socket') ?? 'missing') as TargetProbe['socket'],
		tools,
	};
}

/** How the target's Docker socket reaches dockerode: forwarded to a socket of the private directory, over the master. */
async function forwardDocker(connection: SshConnection, probe: TargetProbe): Promise<Dockerode> {
	const local = path.join(connection.directory, 'docker.sock');
	const remote = probe.dockerHost.replace(/^unix:\/\//, '');
	if (probe.socket === 'ok') {
		const forwarded = await connection.forwardSocket(local, remote);
		if (forwarded.exitCode === 0) {
			return connectDocker(`unix://${local}`);
		}
	}

	// No socket to forward: a client of a socket that does not exist, so Docker is unreachable with the reason below.
	return connectDocker(`unix://${path.join(connection.directory, 'no-docker.sock')}`);
}

/** The one line that says why Docker cannot be reached on the target, or undefined when it can be. */
export function dockerProblem(probe: TargetProbe, target: SshTarget): string | undefined {
	switch (probe.socket) {
		case 'ok': {
			return undefined;
		}

		case 'missing': {
			return `no Docker socket at ${probe.dockerHost} on ${target.host} (is Docker installed and running there? name its socket with --docker-host unix:///PATH)`;
		}

		case 'denied': {
			return `the SSH user may not open ${probe.dockerHost} on ${target.host}: add it to the docker group there (as docker -H ssh:// needs)`;
		}

		case 'not-unix': {
			return `the target's Docker host ${probe.dockerHost} is not a unix socket: name one with --docker-host unix:///PATH`;
		}
	}
}

/**
Opens a host over SSH: the master connection, the probe, and a HostAccess whose files, /proc and commands are the
target's (root through `sudo -n` where it needs no password) and whose Docker API is the target's socket forwarded
over the same connection. `root` is a --root prefix on the target ('/' for the host itself).
*/
export async function openRemoteHost(target: SshTarget, options: {root: string; dockerHost?: string; settings?: SshSettings}): Promise<RemoteHost> {
	const connection = await openSshConnection(target, options.settings);
	let probe: TargetProbe;
	try {
		probe = await probeTarget(connection, options.dockerHost);
	} catch (error) {
		await connection.close();
		throw error;
	}

	const privileged = probe.sudo === 'yes';
	const trace = options.settings?.trace ? (line: string) => process.stderr.write(`dockwarden: ${visibleControls(`${target.url}: ${line}`)}\n`) : undefined;
	const socket = probe.dockerHost.replace(/^unix:\/\//, '');
	// eslint-disable-next-line prefer-const -- the batcher made before it calls back into it
	let remoteFs: RemoteFs | undefined;
	const batcher = createBatcher(connection, privileged, options.root, {trace, onExtra: extra => remoteFs?.offer(extra)});
	remoteFs = createRemoteFs(batcher, options.root, target.url, socket.startsWith('/') ? [{op: 'S', path: socket}, {op: 'F', path: path.posix.join(path.posix.dirname(socket), 'docker.pid')}] : []);
	const batchExec = createRemoteExec(batcher);
	const exec: Exec = async (argv, execOptions) => {
		remoteFs!.changed();
		return batchExec(argv, execOptions);
	};
	let client: Promise<Dockerode> | undefined;
	const isRoot = probe.sudo !== 'no';
	const problem = dockerProblem(probe, target);
	return {
		probe,
		connection,
		notice: isRoot ? undefined : `sudo on ${target.host} needs a password, so the audit runs as uid ${probe.uid} without root: live audit rules and root-only files could not be read, and fixes are refused (allow this user sudo -n, e.g. NOPASSWD, for a complete audit)`,
		access: {
			options: {root: remoteFs!.root, dockerHost: probe.dockerHost, exec},
			fs: remoteFs!,
			exec,
			isRoot,
			uid: isRoot ? 0 : probe.uid,
			remote: {
				via: target.url,
				hostname: probe.hostname,
				roundTrips: () => connection.roundTrips(),
				dockerProblem: problem,
			},
			refresh() {
				remoteFs!.refresh();
			},
			async tool(name) {
				return probe.tools[name];
			},
			async docker() {
				client ??= forwardDocker(connection, probe);
				return client;
			},
		},
		async close() {
			await connection.close();
		},
	};
}

/** The one-line error and exit code of a failure to open a host, or undefined for an error that is not about SSH. */
export function fatalOf(error: unknown): Fatal | undefined {
	return error instanceof SshError ? error.fatal : undefined;
}
