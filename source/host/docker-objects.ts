import type Dockerode from 'dockerode';
import type {ContainerFacts, ContainerInspect, DockerFacts, ExecInstance, IdRange, ImageFacts, ImageInspect, ProcessFacts, SwarmFacts} from '../model/facts.js';
import {apiConcurrency, mapConcurrent} from './concurrency.js';
import {apiError} from './docker-api.js';
import {listContainerProcesses, type ContainerProcess} from './container-processes.js';
import {subordinateRanges} from './id-mapping.js';
import {listeningSockets} from './listeners.js';
import type {RootFs} from './root-fs.js';

/** Runs a gatherer, turning an API failure into the DockerUnavailable fact. */
async function orUnavailable<Fact>(docker: DockerFacts, gather: () => Promise<Fact>): Promise<Fact | {reachable: false; error: string}> {
	if (!docker.reachable) {
		return {reachable: false, error: docker.error};
	}

	try {
		return await gather();
	} catch (error) {
		return {reachable: false, error: apiError(error)};
	}
}

async function inspectExecs(client: Dockerode, container: ContainerInspect): Promise<ExecInstance[]> {
	const ids = container.State.Running ? container.ExecIDs ?? [] : [];
	const execs = await mapConcurrent(ids, 4, async id => {
		try {
			const exec = await client.getExec(id).inspect() as {ProcessConfig?: {privileged?: boolean; user?: string; entrypoint?: string; arguments?: string[]}};
			const config = exec.ProcessConfig ?? {};
			return {containerName: container.Name, id, privileged: config.privileged === true, user: config.user ?? '', command: [config.entrypoint ?? '', ...(config.arguments ?? [])].join(' ').trim()};
		} catch {
			// An exec instance can vanish between the inspect of its container and its own.
			return undefined;
		}
	});
	return execs.filter(exec => exec !== undefined);
}

/** A request sent now, whose failure is met by whoever awaits it, or by nobody when its answer is not wanted. */
function sentNow<Value>(request: Promise<Value>): Promise<Value> {
	request.catch(() => undefined);
	return request;
}

/**
Every container, running or not, inspected once each with bounded concurrency, and the exec instances of running ones.
The list is asked for beside `docker info` rather than after it, and counts only when the daemon answered that.
*/
export async function gatherContainers(client: Dockerode, docker: Promise<DockerFacts>): Promise<ContainerFacts> {
	const listing = sentNow(client.listContainers({all: true}));
	return orUnavailable(await docker, async () => {
		const listed = await listing;
		const inspected = await mapConcurrent(listed, apiConcurrency, async summary => {
			try {
				const info = await client.getContainer(summary.Id).inspect() as unknown as ContainerInspect;
				return {...info, Name: info.Name.replace(/^\//, '')};
			} catch {
				// Removed between the list and the inspect.
				return undefined;
			}
		});
		const all = inspected.filter(container => container !== undefined);
		const execs = (await mapConcurrent(all.filter(container => (container.ExecIDs?.length ?? 0) > 0), apiConcurrency, async container => inspectExecs(client, container))).flat();
		return {reachable: true as const, all, execs};
	});
}

/** One container's processes through the API's top (the container's own cgroup, even with --pid=host). */
async function topOf(client: Dockerode, container: ContainerInspect): Promise<ProcessListing> {
	try {
		const top = await client.getContainer(container.Id).top({ps_args: '-eo user,pid,args'}) as {Titles: string[]; Processes: string[][] | null};
		const column = (name: string) => top.Titles.indexOf(name);
		const [user, pid, command] = [column('USER'), column('PID'), top.Titles.length - 1];
		return {
			name: container.Name,
			id: container.Id,
			via: 'top',
			processes: (top.Processes ?? []).map(row => ({user: row[user] ?? '', pid: row[pid] ?? '', command: row[command] ?? ''})),
		};
	} catch (error) {
		return {name: container.Name, id: container.Id, via: 'top', processes: [], error: apiError(error)};
	}
}

/** The ranges of the dockremap user in /etc/subuid or /etc/subgid under --root; none when the file is absent or unreadable. */
async function dockremapRanges(fs: RootFs, file: string): Promise<IdRange[]> {
	const text = await fs.readText(file).catch(() => undefined);
	return subordinateRanges(text ?? '', 'dockremap');
}

type ProcessListing = Extract<ProcessFacts, {reachable: true}>['containers'][number];

/**
The processes of each running container. When the daemon runs on this host, the cgroup of each container's init (`State.Pid`)
names the container's own cgroup, whose cgroup.procs lists its processes; a container not found there (a remote daemon) is
asked through the API's top, concurrently.
*/
export async function gatherProcesses(client: Dockerode, containers: ContainerFacts, fs: RootFs): Promise<ProcessFacts> {
	if (!containers.reachable) {
		return containers;
	}

	const running = containers.all.filter(container => container.State.Running);
	const scanned = await listContainerProcesses(fs, running.map(container => ({id: container.Id, pid: container.State.Pid ?? 0}))).catch(() => new Map<string, ContainerProcess[]>());
	const listed = await mapConcurrent(running, apiConcurrency, async (container): Promise<ProcessListing> => {
		const processes = scanned.get(container.Id);
		return processes ? {name: container.Name, id: container.Id, via: 'proc', processes} : topOf(client, container);
	});
	const [subuid, subgid] = await Promise.all([dockremapRanges(fs, '/etc/subuid'), dockremapRanges(fs, '/etc/subgid')]);
	return {reachable: true, containers: listed, dockremap: {subuid, subgid}};
}

/** Every image, and for the images containers use: config and history, one inspect and one history call each. The list is asked for beside the containers'. */
export async function gatherImages(client: Dockerode, containersGathered: Promise<ContainerFacts>): Promise<ImageFacts> {
	const listing = sentNow(client.listImages());
	const containers = await containersGathered;
	if (!containers.reachable) {
		return containers;
	}

	try {
		const listed = await listing;
		const used = [...new Set(containers.all.map(container => container.Image))];
		const inspected = await mapConcurrent(used, apiConcurrency, async id => {
			try {
				const image = client.getImage(id);
				const [info, history] = await Promise.all([image.inspect(), image.history() as Promise<Array<{CreatedBy: string; Size: number}>>]);
				const result: ImageInspect = {
					Id: info.Id,
					RepoTags: info.RepoTags ?? [],
					Created: info.Created,
					Config: {User: info.Config?.User, Healthcheck: (info.Config as {Healthcheck?: ImageInspect['Config']['Healthcheck']}).Healthcheck ?? null},
					history: history.map(layer => ({CreatedBy: layer.CreatedBy, Size: layer.Size})),
				};
				return result;
			} catch {
				return undefined;
			}
		});
		return {
			reachable: true,
			all: listed.map(image => ({Id: image.Id, RepoTags: (image.RepoTags ?? []).filter(tag => tag !== '<none>:<none>'), Size: image.Size, Created: image.Created})),
			inUse: inspected.filter(image => image !== undefined),
		};
	} catch (error) {
		return {reachable: false, error: apiError(error)};
	}
}

type SwarmInspect = {Spec?: {EncryptionConfig?: {AutoLockManagers?: boolean}; CAConfig?: {NodeCertExpiry?: number}}};
type ServiceSummary = {Spec?: {Name?: string}; Endpoint?: {Ports?: Array<{PublishedPort?: number; TargetPort?: number; PublishMode?: string}>}};

/** Swarm state from docker info; on a manager, also the swarm spec, overlay networks and services. */
export async function gatherSwarm(client: Dockerode, docker: DockerFacts, fs: RootFs): Promise<SwarmFacts> {
	return orUnavailable(docker, async () => {
		const info = docker.reachable ? docker.info.Swarm ?? {} : {};
		const state = info.LocalNodeState ?? 'inactive';
		const isManager = info.ControlAvailable === true;
		const base = {reachable: true as const, state, isManager, managers: info.Managers, nodes: info.Nodes, nodeAddress: info.NodeAddr || undefined};
		if (state !== 'active' || !isManager) {
			return {...base, overlayNetworks: [], services: []};
		}

		const [swarm, networks, services, listeners] = await Promise.all([
			client.swarmInspect() as Promise<SwarmInspect>,
			client.listNetworks({filters: {driver: ['overlay']}}),
			client.listServices() as Promise<ServiceSummary[]>,
			listeningSockets(fs, [2377, 7946]),
		]);
		return {
			...base,
			autoLock: swarm.Spec?.EncryptionConfig?.AutoLockManagers === true,
			nodeCertExpiry: swarm.Spec?.CAConfig?.NodeCertExpiry,
			overlayNetworks: networks.map(network => ({name: network.Name, encrypted: network.Options?.encrypted !== undefined})),
			listeners,
			services: services.map(service => ({
				name: service.Spec?.Name ?? '?',
				ports: (service.Endpoint?.Ports ?? []).map(port => ({published: port.PublishedPort, target: port.TargetPort, mode: port.PublishMode})),
			})),
		};
	});
}
