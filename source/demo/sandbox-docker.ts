import type Dockerode from 'dockerode';
import type {ContainerInspect, DockerInfo} from '../model/facts.js';
import type {ContainerRecord, ImageRecord, SampleHost} from './sample-host.js';
import {stableId, type SandboxWorld} from './sandbox-world.js';

/** An error shaped like dockerode's for a missing object. */
function notFound(what: string): Error {
	return Object.assign(new Error(`(HTTP code 404) no such ${what}`), {statusCode: 404});
}

export const imageId = (tag: string) => `sha256:${stableId(tag)}`;
export const containerId = (record: ContainerRecord) => stableId(`${record.daemon}/${record.name}`);

/** The daemon's view of `docker info`, from the recorded one and the daemon.json it started with. */
export function sandboxInfo(sample: SampleHost, world: SandboxWorld, visible: readonly ContainerRecord[]): DockerInfo {
	const {config, userns} = world.daemon();
	const base = sample.host.remapBase;
	const recorded = sample.docker.info;
	const insecure = Array.isArray(config['insecure-registries']) ? config['insecure-registries'].map(String) : [];
	const isCidr = (entry: string) => /^[\d.:a-f]+\/\d+$/i.test(entry);
	return {
		...recorded,
		DockerRootDir: `${typeof config['data-root'] === 'string' ? config['data-root'] : '/var/lib/docker'}${userns ? `/${base}.${base}` : ''}`,
		LoggingDriver: typeof config['log-driver'] === 'string' ? config['log-driver'] : 'json-file',
		LiveRestoreEnabled: config['live-restore'] === true,
		ExperimentalBuild: config.experimental === true,
		SecurityOptions: [...(recorded.SecurityOptions ?? []).filter(option => option !== 'name=userns'), ...(userns ? ['name=userns'] : [])],
		RegistryConfig: {
			InsecureRegistryCIDRs: ['127.0.0.0/8', ...insecure.filter(entry => isCidr(entry))],
			IndexConfigs: Object.fromEntries([
				['docker.io', {Name: 'docker.io', Secure: true}],
				...insecure.filter(entry => !isCidr(entry)).map(name => [name, {Name: name, Secure: false}]),
			]),
		},
		Containers: visible.length,
		ContainersRunning: visible.filter(container => container.running).length,
		Images: sample.docker.images.length,
	};
}

/** HostConfig as `docker inspect` shows it for a plain `docker run IMAGE`: what a recorded container overrides. */
export const plainRunHostConfig: ContainerInspect['HostConfig'] = {
	Privileged: false,
	CapAdd: null,
	CapDrop: null,
	NetworkMode: 'bridge',
	PidMode: '',
	IpcMode: 'private',
	UTSMode: '',
	UsernsMode: '',
	Memory: 0,
	CpuShares: 0,
	NanoCpus: 0,
	CpuQuota: 0,
	ReadonlyRootfs: false,
	PortBindings: {},
	RestartPolicy: {Name: 'no', MaximumRetryCount: 0},
	SecurityOpt: null,
	Devices: [],
	Ulimits: null,
	CgroupParent: '',
	PidsLimit: null,
};

/** A recorded container as `docker inspect` gives it: the record over the defaults of a plain `docker run`. */
export function inspectOf(record: ContainerRecord, processes: readonly number[]): ContainerInspect {
	return {
		Id: containerId(record),
		Name: `/${record.name}`,
		Image: imageId(record.image),
		State: {Running: record.running, Status: record.running ? 'running' : 'exited', Pid: record.running ? processes[0] ?? 0 : 0},
		AppArmorProfile: record.AppArmorProfile ?? (record.HostConfig?.Privileged ? 'unconfined' : 'docker-default'),
		ExecIDs: record.running && record.execs ? record.execs.map((_exec, index) => stableId(`${containerId(record)}/exec/${index}`)) : null,
		Config: {Image: record.image, User: '', Healthcheck: null, ...record.Config},
		HostConfig: {...plainRunHostConfig, ...record.HostConfig},
		Mounts: record.Mounts ?? [],
		NetworkSettings: {
			Networks: {[record.HostConfig?.NetworkMode && record.HostConfig.NetworkMode !== 'default' ? record.HostConfig.NetworkMode : 'bridge']: {}},
			Ports: record.Ports ?? {},
		},
	};
}

function imageOf(sample: SampleHost, id: string): ImageRecord {
	const image = sample.docker.images.find(candidate => imageId(candidate.tag) === id || candidate.tag === id);
	if (!image) {
		throw notFound(`image: ${id}`);
	}

	return image;
}

/**
A Docker API client over the recorded containers and images of the sample host, answering the calls dockwarden makes.
What the daemon shows follows the daemon.json it last started with: `docker info`, the default bridge, and, with
userns-remap, the containers of the remapped data root (dockerd keeps those apart, so the others are not listed then).
*/
export function createSandboxDocker(sample: SampleHost, world: SandboxWorld): Dockerode {
	const visible = () => sample.docker.containers.filter(container => container.daemon === (world.daemon().userns ? 'userns' : 'default'));
	const byId = (id: string) => {
		const record = visible().find(container => containerId(container) === id || container.name === id);
		if (!record) {
			throw notFound(`container: ${id}`);
		}

		return record;
	};

	const pids = (record: ContainerRecord) => (record.processes ?? []).map(process => process.pid);
	const execs = () => visible().flatMap(record => record.running ? (record.execs ?? []).map((exec, index) => ({id: stableId(`${containerId(record)}/exec/${index}`), exec})) : []);
	const client = {
		async info() {
			return sandboxInfo(sample, world, visible());
		},
		async version() {
			return {Version: sample.docker.info.ServerVersion, ApiVersion: '1.43'};
		},
		async listContainers(options: {all?: boolean} = {}) {
			return visible().filter(record => options.all || record.running).map(record => ({
				Id: containerId(record),
				Names: [`/${record.name}`],
				Image: record.image,
				ImageID: imageId(record.image),
				State: record.running ? 'running' : 'exited',
			}));
		},
		getContainer(id: string) {
			return {
				async inspect() {
					const record = byId(id);
					return inspectOf(record, pids(record));
				},
				async top() {
					const record = byId(id);
					const mapped = (uid: number) => world.daemon().userns && record.HostConfig?.UsernsMode !== 'host' ? uid + sample.host.remapBase : uid;
					return {Titles: ['USER', 'PID', 'COMMAND'], Processes: (record.processes ?? []).map(process => [String(mapped(process.uid)), String(process.pid), process.command])};
				},
			};
		},
		getExec(id: string) {
			return {
				async inspect() {
					const found = execs().find(candidate => candidate.id === id);
					if (!found) {
						throw notFound(`exec instance: ${id}`);
					}

					const [entrypoint, ...args] = found.exec.command;
					return {ID: id, Running: true, ProcessConfig: {privileged: found.exec.privileged, user: found.exec.user, entrypoint, arguments: args}};
				},
			};
		},
		getNetwork(name: string) {
			return {
				async inspect() {
					const {config} = world.daemon();
					if (name !== 'bridge' || config.bridge === 'none') {
						throw notFound(`network: ${name}`);
					}

					return {
						Name: 'bridge',
						Driver: 'bridge',
						Options: {
							'com.docker.network.bridge.default_bridge': 'true',
							'com.docker.network.bridge.enable_icc': String(config.icc !== false),
							'com.docker.network.bridge.enable_ip_masquerade': 'true',
							'com.docker.network.bridge.host_binding_ipv4': typeof config.ip === 'string' ? config.ip : '0.0.0.0',
							'com.docker.network.bridge.name': 'docker0',
							'com.docker.network.driver.mtu': '1500',
						},
					};
				},
			};
		},
		async listImages() {
			return sample.docker.images.map(image => ({Id: imageId(image.tag), RepoTags: [image.tag], Size: image.size, Created: Math.floor(Date.parse(image.created) / 1000)}));
		},
		getImage(id: string) {
			return {
				async inspect() {
					const image = imageOf(sample, id);
					return {
						Id: imageId(image.tag),
						RepoTags: [image.tag],
						Created: image.created,
						Config: {User: image.user ?? '', Healthcheck: image.healthcheck ? {Test: image.healthcheck} : undefined},
					};
				},
				async history() {
					const image = imageOf(sample, id);
					return [...image.history].reverse().map((createdBy, index) => ({CreatedBy: createdBy, Size: index === image.history.length - 1 ? image.size : 0}));
				},
			};
		},
		async swarmInspect() {
			throw Object.assign(new Error('(HTTP code 503) This node is not a swarm manager.'), {statusCode: 503});
		},
		async listNetworks() {
			return [];
		},
		async listServices() {
			return [];
		},
	};
	return client as unknown as Dockerode;
}
