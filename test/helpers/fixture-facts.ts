/**
Fixture facts for unit tests: a typical Debian host running docker.io 20.10 under systemd, with no daemon.json, no audit rules and one running container.

`makeFacts(overrides)` merges each top-level fact shallowly: `makeFacts({daemon: {flags: {icc: false}}})` replaces `daemon.flags` as a whole
(spread `defaultDaemonFlags` to keep the defaults) and keeps every other daemon field. `docker` is replaced, not merged, when the override
changes `reachable` (use `unreachableDocker()`); to change a few `docker info` fields, pass `{docker: {info: fixtureInfo({...})}}`.
*/
import {plainRunHostConfig} from '../../source/demo/sandbox-docker.js';
import type {
	AuditEventsFacts,
	AuditFacts,
	ContainerFacts,
	ContainerInspect,
	ContentTrustFacts,
	FileFacts,
	FileStat,
	ImageFacts,
	ImageInspect,
	ProcessFacts,
	SwarmFacts,
	ContainerSummary,
	DaemonConfigFile,
	DaemonFacts,
	DaemonFlags,
	DockerFacts,
	DockerGroup,
	DockerInfo,
	FactName,
	Facts,
	HostIdentity,
	HostPaths,
	PartitionFacts,
	ResolvedPath,
} from '../../source/model/facts.js';

/** Per-fact overrides: each given fact is shallow-merged over the fixture's. */
export type FactOverrides = {readonly [Name in FactName]?: Partial<Facts[Name]>};

/** Where the fixture's daemon.json lives. */
export const daemonJsonPath = '/etc/docker/daemon.json';

/** The Docker host the fixture talks to. */
export const dockerHost = 'unix:///var/run/docker.sock';

/** The fixture dockerd's argv, as Debian's docker.service starts it. */
export const dockerdArgv: readonly string[] = ['/usr/sbin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'];

/** The flags of `dockerdArgv`, keyed by daemon.json names. */
export const defaultDaemonFlags: DaemonFlags = {hosts: ['fd://'], containerd: '/run/containerd/containerd.sock'};

/** The fixture's one running container. */
export const webContainer: ContainerSummary = {
	id: '3f4e8c2a9b1d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f',
	name: 'web',
	image: 'nginx:1.25',
	state: 'running',
};

/** Options of the default bridge network as docker 20.10 reports them (icc on). */
export const defaultBridgeOptions: Readonly<Record<string, string>> = {
	'com.docker.network.bridge.default_bridge': 'true',
	'com.docker.network.bridge.enable_icc': 'true',
	'com.docker.network.bridge.enable_ip_masquerade': 'true',
	'com.docker.network.bridge.host_binding_ipv4': '0.0.0.0',
	'com.docker.network.bridge.name': 'docker0',
	'com.docker.network.driver.mtu': '1500',
};

/** `docker info` of the fixture daemon. */
export const defaultDockerInfo: DockerInfo = {
	ServerVersion: '20.10.24',
	Name: 'debian-host',
	DockerRootDir: '/var/lib/docker',
	Driver: 'overlay2',
	DriverStatus: [
		['Backing Filesystem', 'extfs'],
		['Supports d_type', 'true'],
		['Native Overlay Diff', 'true'],
		['userxattr', 'false'],
	],
	LoggingDriver: 'json-file',
	CgroupDriver: 'systemd',
	SecurityOptions: ['name=seccomp,profile=default'],
	LiveRestoreEnabled: false,
	ExperimentalBuild: false,
	Images: 2,
	Containers: 1,
	ContainersRunning: 1,
	RegistryConfig: {
		InsecureRegistryCIDRs: ['127.0.0.0/8'],
		IndexConfigs: {'docker.io': {Name: 'docker.io', Secure: true}},
	},
	Swarm: {LocalNodeState: 'inactive'},
};

/** The fixture `docker info` with some fields changed (shallow). */
export function fixtureInfo(overrides: Partial<DockerInfo> = {}): DockerInfo {
	return {...defaultDockerInfo, ...overrides};
}

/** A daemon.json that was read and parsed, with `text` as it would be on disk. */
export function daemonJson(config: Readonly<Record<string, unknown>>, path = daemonJsonPath): DaemonConfigFile {
	return {state: 'ok', path, text: `${JSON.stringify(config, undefined, '\t')}\n`, config};
}

/** A daemon.json that does not parse, with the parser's error as JSON.parse reports it. */
export function malformedDaemonJson(text = '{"icc": false,\n', path = daemonJsonPath): DaemonConfigFile {
	let error = 'Unexpected end of JSON input';
	try {
		JSON.parse(text);
	} catch (error_: unknown) {
		error = error_ instanceof Error ? error_.message : String(error_);
	}

	return {state: 'malformed', path, text, error};
}

/** Docker facts for a daemon that does not answer. */
export function unreachableDocker(error = `connect ENOENT /var/run/docker.sock`, host = dockerHost): DockerFacts {
	return {reachable: false, host, error};
}

const resolved = (path: string, exists: boolean, how: string): ResolvedPath => ({path, exists, how});

/** The image ID of the fixture's nginx image. */
export const nginxImageId = 'sha256:a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6';

type ContainerOverrides = Partial<Omit<ContainerInspect, 'Config' | 'HostConfig' | 'State' | 'NetworkSettings'>> & {
	readonly Config?: Partial<ContainerInspect['Config']>;
	readonly HostConfig?: Partial<ContainerInspect['HostConfig']>;
	readonly State?: Partial<ContainerInspect['State']>;
	readonly NetworkSettings?: Partial<ContainerInspect['NetworkSettings']>;
};

/**
A container as docker 20.10 inspects one started with plain `docker run -d --name NAME nginx:1.25`: no limits, default capabilities, the default bridge, root user.
Overrides merge one level deep into Config, HostConfig, State and NetworkSettings.
*/
export function makeContainer(name: string, overrides: ContainerOverrides = {}): ContainerInspect {
	const base: ContainerInspect = {
		Id: `${name.padEnd(12, '0').slice(0, 12)}${'0'.repeat(52)}`,
		Name: name,
		Image: nginxImageId,
		State: {Running: true, Status: 'running', Pid: 4242},
		AppArmorProfile: 'docker-default',
		ExecIDs: null,
		Config: {Image: 'nginx:1.25', User: '', Healthcheck: null},
		// As the API shows a plain `docker run` (the demo's recorded containers start from the same), on the network "default".
		HostConfig: {...plainRunHostConfig, NetworkMode: 'default'},
		Mounts: [],
		NetworkSettings: {Networks: {bridge: {}}, Ports: {}},
	};
	return {
		...base,
		...overrides,
		Config: {...base.Config, ...overrides.Config},
		HostConfig: {...base.HostConfig, ...overrides.HostConfig},
		State: {...base.State, ...overrides.State},
		NetworkSettings: {...base.NetworkSettings, ...overrides.NetworkSettings},
	};
}

/** The fixture's nginx image: runs as root, no HEALTHCHECK, a typical history. */
export const nginxImage: ImageInspect = {
	Id: nginxImageId,
	RepoTags: ['nginx:1.25'],
	Created: '2024-02-14T18:00:00Z',
	Config: {User: '', Healthcheck: null},
	history: [
		{CreatedBy: '/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]', Size: 0},
		{CreatedBy: '/bin/sh -c #(nop) COPY file:01e75c6dd0ce317d516928a17584bb6a6e8e5b7ab7edf4d4d13f3bfcb1f2c5ef in /docker-entrypoint.sh ', Size: 1202},
		{CreatedBy: '/bin/sh -c set -x && apt-get update && apt-get install --no-install-recommends -y nginx && rm -rf /var/lib/apt/lists/*', Size: 61_000_000},
		{CreatedBy: '/bin/sh -c #(nop) ADD file:b86ae1c7ca3586d8feedcd9ff1b2b1e8ab872caf6587618f1da689045a5d7ae4 in / ', Size: 74_800_000},
	],
};

/** A file stat as the fixture host has it. */
export function fileStat(path: string, mode: number, owner = 'root', group = 'root', type: FileStat['type'] = 'file'): FileStat {
	const ids: Record<string, number> = {root: 0, docker: 998};
	return {path, exists: true, uid: ids[owner] ?? 1000, gid: ids[group] ?? 1000, owner, group, mode, type};
}

/** A path the fixture host does not have. */
export function absentFile(path: string): FileStat {
	return {path, exists: false};
}

/** The launcher of a dockerd started by docker.service, whose ExecStart gives these flags. */
export function systemdLauncher(nextFlags: DaemonFacts['flags']): NonNullable<DaemonFacts['launcher']> {
	return {kind: 'systemd', unit: 'docker.service', how: 'its cgroup is the systemd system unit docker.service (/proc/812/cgroup)', restart: ['systemctl', 'restart', 'docker.service'], nextFlags, nextFlagsHow: 'the ExecStart of docker.service and its drop-ins'};
}

/** Fixture facts of each kind, before overrides. */
function baseFacts(): Facts {
	const host: HostIdentity = {root: '/', hostname: 'debian-host', isRoot: true, systemd: true};
	const daemon: DaemonFacts = {
		process: {pid: 812, exe: '/usr/sbin/dockerd', argv: dockerdArgv, uid: 0},
		processNote: `dockerd pid 812 serves ${dockerHost} (found in /proc)`,
		flags: defaultDaemonFlags,
		socket: '/var/run/docker.sock',
		launcher: systemdLauncher(defaultDaemonFlags),
		configFile: {state: 'absent', path: daemonJsonPath},
		configFileHow: 'the default daemon.json',
		defaults: {execRoot: '/var/run/docker', dataRoot: '/var/lib/docker'},
	};
	const docker: DockerFacts = {
		reachable: true,
		host: dockerHost,
		info: defaultDockerInfo,
		defaultBridge: {options: defaultBridgeOptions},
		runningContainers: [webContainer],
	};
	const audit: AuditFacts = {
		auditctl: '/usr/sbin/auditctl',
		live: [],
		enabled: 1,
		persisted: [],
		rulesFiles: [{
			path: '/etc/audit/rules.d/audit.rules',
			text: '## First rule - delete all\n-D\n\n## Increase the buffers to survive stress events.\n-b 8192\n\n## This determine how long to wait in burst of events\n--backlog_wait_time 60000\n\n## Set failure mode to syslog\n-f 1\n',
		}],
		auditdRunning: true,
		status: {enabled: 1, pid: 612, lost: 0, backlog: 0, backlogLimit: 8192, rateLimit: 0},
	};
	const auditEvents: AuditEventsFacts = {byKey: {}};
	const paths: HostPaths = {
		dockerd: resolved('/usr/sbin/dockerd', true, 'the running dockerd (/proc/812/exe)'),
		containerd: resolved('/usr/bin/containerd', true, 'found on PATH'),
		containerdShim: resolved('/usr/bin/containerd-shim', true, 'found on PATH'),
		containerdShimRuncV1: resolved('/usr/bin/containerd-shim-runc-v1', true, 'found on PATH'),
		containerdShimRuncV2: resolved('/usr/bin/containerd-shim-runc-v2', true, 'found on PATH'),
		runc: resolved('/usr/sbin/runc', true, 'found on PATH'),
		dockerService: resolved('/lib/systemd/system/docker.service', true, 'systemctl show -p FragmentPath docker.service'),
		dockerSocketUnit: resolved('/lib/systemd/system/docker.socket', true, 'systemctl show -p FragmentPath docker.socket'),
		dockerSocket: resolved('/var/run/docker.sock', true, 'the socket dockerd pid 812 serves'),
		containerdSocket: resolved('/run/containerd/containerd.sock', true, 'the --containerd flag of the running dockerd'),
		dockerRootDir: resolved('/var/lib/docker', true, 'docker info DockerRootDir'),
		daemonJson: resolved(daemonJsonPath, false, 'the default path (dockerd has no --config-file)'),
		etcDocker: resolved('/etc/docker', true, 'the default path'),
		runContainerd: resolved('/run/containerd', true, 'the default path'),
		etcDefaultDocker: resolved('/etc/default/docker', true, 'the default path'),
		etcSysconfigDocker: resolved('/etc/sysconfig/docker', false, 'the default path'),
		containerdConfig: resolved('/etc/containerd/config.toml', true, 'the default path'),
	};
	const dockerGroup: DockerGroup = {exists: true, gid: 998, members: ['alice'], primaryMembers: []};
	const partition: PartitionFacts = {
		dir: '/var/lib/docker',
		how: 'docker info DockerRootDir',
		exists: true,
		dirDevice: 2049,
		rootDevice: 2049,
		mountPoint: '/',
	};
	const web = makeContainer('web', {HostConfig: {PortBindings: {'80/tcp': [{HostIp: '', HostPort: '8080'}]}}, NetworkSettings: {Ports: {'80/tcp': [{HostIp: '0.0.0.0', HostPort: '8080'}]}}});
	const containers: ContainerFacts = {reachable: true, all: [web], execs: []};
	const processes: ProcessFacts = {
		reachable: true,
		containers: [{name: 'web', id: web.Id, via: 'proc', processes: [
			{user: 'root', pid: '4242', command: 'nginx: master process nginx -g daemon off;', hostUid: 0, containerUid: 0},
			{user: '101', pid: '4290', command: 'nginx: worker process', hostUid: 101, containerUid: 101},
		]}],
		dockremap: {subuid: [], subgid: []},
	};
	const images: ImageFacts = {reachable: true, all: [{Id: nginxImageId, RepoTags: ['nginx:1.25'], Size: 187_000_000, Created: 1_707_933_600}], inUse: [nginxImage]};
	const contentTrust: ContentTrustFacts = {files: [{path: '/etc/environment'}, {path: '/root/.bashrc'}]};
	const files: FileFacts = {
		dockerService: fileStat('/lib/systemd/system/docker.service', 0o644),
		dockerSocketUnit: fileStat('/lib/systemd/system/docker.socket', 0o644),
		etcDocker: fileStat('/etc/docker', 0o755, 'root', 'root', 'directory'),
		registryCerts: [],
		dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'docker', 'socket'),
		daemonJson: absentFile(daemonJsonPath),
		etcDefaultDocker: fileStat('/etc/default/docker', 0o644),
		etcSysconfigDocker: absentFile('/etc/sysconfig/docker'),
		containerdSocket: fileStat('/run/containerd/containerd.sock', 0o660, 'root', 'root', 'socket'),
	};
	const swarm: SwarmFacts = {reachable: true, state: 'inactive', isManager: false, overlayNetworks: [], services: []};
	return {host, daemon, docker, audit, auditEvents, paths, dockerGroup, partition, containers, processes, images, contentTrust, files, swarm};
}

/** Merges one fact's override over the fixture's; a Docker API fact is replaced when the override changes `reachable`. */
function mergeFact<Name extends FactName>(name: Name, base: Facts[Name], override: Partial<Facts[Name]> | undefined): Facts[Name] {
	if (override === undefined) {
		return base;
	}

	// A fact from the Docker API that changes reachability is replaced whole (a DockerUnavailable has no other fields).
	if ('reachable' in override && override.reachable !== (base as {reachable?: boolean}).reachable) {
		return (name === 'docker' ? {host: dockerHost, ...override} : override) as Facts[Name];
	}

	// The unit starts dockerd with the flags it runs with, unless the override says otherwise.
	if (name === 'daemon' && 'flags' in override && !('launcher' in override)) {
		const daemon = base as DaemonFacts;
		return {...daemon, ...override, launcher: {...daemon.launcher!, nextFlags: (override as Partial<DaemonFacts>).flags!}} as Facts[Name];
	}

	return {...base, ...override} as Facts[Name];
}

/**
Full, realistic facts of a typical Debian host with docker 20.10, with `overrides` shallow-merged per top-level fact.

@example
makeFacts({daemon: {configFile: daemonJson({'userns-remap': 'default'})}, docker: unreachableDocker()})
*/
export function makeFacts(overrides: FactOverrides = {}): Facts {
	const base = baseFacts();
	return {
		host: mergeFact('host', base.host, overrides.host),
		daemon: mergeFact('daemon', base.daemon, overrides.daemon),
		docker: mergeFact('docker', base.docker, overrides.docker),
		audit: mergeFact('audit', base.audit, overrides.audit),
		auditEvents: mergeFact('auditEvents', base.auditEvents, overrides.auditEvents),
		paths: mergeFact('paths', base.paths, overrides.paths),
		dockerGroup: mergeFact('dockerGroup', base.dockerGroup, overrides.dockerGroup),
		partition: mergeFact('partition', base.partition, overrides.partition),
		containers: mergeFact('containers', base.containers, overrides.containers),
		processes: mergeFact('processes', base.processes, overrides.processes),
		images: mergeFact('images', base.images, overrides.images),
		contentTrust: mergeFact('contentTrust', base.contentTrust, overrides.contentTrust),
		files: mergeFact('files', base.files, overrides.files),
		swarm: mergeFact('swarm', base.swarm, overrides.swarm),
	};
}
