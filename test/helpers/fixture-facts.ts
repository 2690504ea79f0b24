/**
Fixture facts for unit tests: a typical Debian host running docker.io 20.10 under systemd, with no daemon.json, no audit rules and one running container.

`makeFacts(overrides)` merges each top-level fact shallowly: `makeFacts({daemon: {flags: {icc: false}}})` replaces `daemon.flags` as a whole
(spread `defaultDaemonFlags` to keep the defaults) and keeps every other daemon field. `docker` is replaced, not merged, when the override
changes `reachable` (use `unreachableDocker()`); to change a few `docker info` fields, pass `{docker: {info: fixtureInfo({...})}}`.
*/
import type {
	AuditFacts,
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
} from '../../source/benchmark/facts.js';

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

/** Fixture facts of each kind, before overrides. */
function baseFacts(): Facts {
	const host: HostIdentity = {root: '/', hostname: 'debian-host', isRoot: true, systemd: true};
	const daemon: DaemonFacts = {
		process: {pid: 812, exe: '/usr/sbin/dockerd', argv: dockerdArgv, uid: 0},
		processNote: `dockerd pid 812 serves ${dockerHost} (found in /proc)`,
		flags: defaultDaemonFlags,
		configFile: {state: 'absent', path: daemonJsonPath},
		configFileFromFlag: false,
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
	};
	const paths: HostPaths = {
		dockerd: resolved('/usr/sbin/dockerd', true, 'the running dockerd (/proc/812/exe)'),
		containerd: resolved('/usr/bin/containerd', true, 'found on PATH'),
		containerdShim: resolved('/usr/bin/containerd-shim', true, 'found on PATH'),
		containerdShimRuncV1: resolved('/usr/bin/containerd-shim-runc-v1', true, 'found on PATH'),
		containerdShimRuncV2: resolved('/usr/bin/containerd-shim-runc-v2', true, 'found on PATH'),
		runc: resolved('/usr/sbin/runc', true, 'found on PATH'),
		dockerService: resolved('/lib/systemd/system/docker.service', true, 'systemctl show -p FragmentPath docker.service'),
		dockerSocketUnit: resolved('/lib/systemd/system/docker.socket', true, 'systemctl show -p FragmentPath docker.socket'),
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
	return {host, daemon, docker, audit, paths, dockerGroup, partition};
}

/** Merges one fact's override over the fixture's; `docker` is replaced when the override changes `reachable`. */
function mergeFact<Name extends FactName>(name: Name, base: Facts[Name], override: Partial<Facts[Name]> | undefined): Facts[Name] {
	if (override === undefined) {
		return base;
	}

	if (name === 'docker' && 'reachable' in override && override.reachable !== (base as DockerFacts).reachable) {
		return {host: dockerHost, ...override} as Facts[Name];
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
		paths: mergeFact('paths', base.paths, overrides.paths),
		dockerGroup: mergeFact('dockerGroup', base.dockerGroup, overrides.dockerGroup),
		partition: mergeFact('partition', base.partition, overrides.partition),
	};
}
