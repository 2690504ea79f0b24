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
A module that is loaded on its first call rather than when its importer loads: `file` (a module whose export is one
function) is put into the require cache as a stand-in that requires the real module, and calls it, when called.
*/
function deferModule(moduleRequire: NodeJS.Require, file: string): void {
	if (!moduleRequire.cache[file]) {
		const deferred = new Module(file);
		deferred.filename = file;
		deferred.loaded = true;
		deferred.exports = (...args: unknown[]) => {
			delete moduleRequire.cache[file];
			return (moduleRequire(file) as (...args: unknown[]) => unknown)(...args);
		};

		moduleRequire.cache[file] = deferred;
	}
}

/** Set by the build (scripts/build.mjs) in dist/app.cjs; undeclared when the source runs as it is (tests, tsx). */
declare const DOCKWARDEN_BUNDLE: boolean | undefined;

/**
Loads dockerode without what it loads at once and dockwarden never uses: its BuildKit session, which pulls in gRPC and
protobuf, and docker-modem's SSH transport, which pulls in ssh2 and its cryptography (dockwarden reaches a host over SSH
with the system's ssh client and a forwarded socket). The build bundles dockerode with these left out, each required on
its first call (scripts/esbuild/lean-dockerode.mjs); from node_modules, they are deferred here in the same way.
*/
async function loadDockerode(): Promise<typeof Dockerode> {
	if (typeof DOCKWARDEN_BUNDLE === 'undefined') {
		deferModule(require, require.resolve('dockerode/lib/session.js'));
		const dockerodeRequire = createRequire(require.resolve('dockerode'));
		deferModule(dockerodeRequire, createRequire(dockerodeRequire.resolve('docker-modem')).resolve('./ssh.js'));
	}

	return (await import('dockerode')).default;
}

/** A dockerode client for a Docker host URL (unix:// or tcp://). */
export async function connectDocker(url: string, timeoutMs = 10_000): Promise<Dockerode> {
	const Docker = await loadDockerode();
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
