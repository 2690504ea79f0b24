import Module, {createRequire} from 'node:module';
import type Dockerode from 'dockerode';
import type {ContainerSummary, DockerFacts, DockerInfo} from '../model/facts.js';
import {socketOfHost} from './daemon.js';

/** The Docker host URL in use: --docker-host, else $DOCKER_HOST, else the default socket. */
export function resolveDockerHost(flag: string | undefined, environment: NodeJS.ProcessEnv = process.env): string {
	return flag ?? environment.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

const require = createRequire(import.meta.url);

/**
Loads dockerode without its BuildKit session support, which pulls in gRPC and protobuf at load time and which dockwarden never uses.
The session module is resolved lazily instead, should anything ever call it.
*/
function loadDockerode(): typeof Dockerode {
	const sessionPath = require.resolve('dockerode/lib/session.js');
	if (!require.cache[sessionPath]) {
		const deferred = new Module(sessionPath);
		deferred.filename = sessionPath;
		deferred.loaded = true;
		deferred.exports = (...args: unknown[]) => {
			delete require.cache[sessionPath];
			return (require(sessionPath) as (...args: unknown[]) => unknown)(...args);
		};

		require.cache[sessionPath] = deferred;
	}

	return require('dockerode') as typeof Dockerode;
}

/** A dockerode client for a Docker host URL (unix:// or tcp://). */
export async function connectDocker(url: string, timeoutMs = 10_000): Promise<Dockerode> {
	const Docker = loadDockerode();
	const socketPath = socketOfHost(url);
	if (socketPath) {
		return new Docker({socketPath, timeout: timeoutMs});
	}

	const parsed = new URL(url.replace(/^tcp:/, 'http:'));
	return new Docker({host: parsed.hostname, port: Number(parsed.port || 2375), protocol: 'http', timeout: timeoutMs});
}

/** A one-line reason from a failed API call. */
export function apiError(error: unknown): string {
	const {code, message} = error as {code?: string; message?: string};
	if (code === 'ENOENT') {
		return 'the socket does not exist (is dockerd running?)';
	}

	if (code === 'ECONNREFUSED') {
		return 'connection refused (is dockerd running?)';
	}

	if (code === 'EACCES') {
		return 'permission denied on the socket (run as root or as a member of the docker group)';
	}

	return (message ?? String(error)).split('\n')[0]!;
}

/** Gathers what the checks need from the Docker API. Never throws: an unreachable daemon is a fact too. */
export async function gatherDocker(url: string, client: Dockerode): Promise<DockerFacts> {
	try {
		const [info, containers, bridge] = await Promise.all([
			client.info() as Promise<DockerInfo>,
			client.listContainers({all: false}),
			client.getNetwork('bridge').inspect().catch(() => undefined) as Promise<{Options?: Record<string, string>; Driver?: string} | undefined>,
		]);
		const runningContainers: ContainerSummary[] = containers.map(container => ({
			id: container.Id,
			name: (container.Names[0] ?? container.Id.slice(0, 12)).replace(/^\//, ''),
			image: container.Image,
			state: container.State,
		}));
		return {
			reachable: true,
			host: url,
			info,
			defaultBridge: bridge && bridge.Driver === 'bridge' ? {options: bridge.Options ?? {}} : undefined,
			runningContainers,
		};
	} catch (error) {
		return {reachable: false, host: url, error: apiError(error)};
	}
}
