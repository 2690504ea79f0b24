/*
What the Docker API says of the containers, their processes and the images in use: the facts sections 4 to 6
look at (re-exported by facts.ts, where every fact is named).
*/

/** Said by every fact that comes from the Docker API when the daemon does not answer. */
export type DockerUnavailable = {readonly reachable: false; readonly error: string};

/** The parts of `docker inspect CONTAINER` that checks read. */
export type ContainerInspect = {
	readonly Id: string;
	/** Without the leading slash. */
	readonly Name: string;
	/** The image ID the container runs. */
	readonly Image: string;
	readonly State: {readonly Running: boolean; readonly Status: string; readonly Pid?: number};
	readonly AppArmorProfile?: string;
	readonly ExecIDs?: readonly string[] | null;
	readonly Config: {
		/** The image as the operator named it. */
		readonly Image?: string;
		readonly User?: string;
		readonly Healthcheck?: {readonly Test?: readonly string[] | null} | null;
	};
	readonly HostConfig: {
		readonly Privileged?: boolean;
		readonly CapAdd?: readonly string[] | null;
		readonly CapDrop?: readonly string[] | null;
		readonly NetworkMode?: string;
		readonly PidMode?: string;
		readonly IpcMode?: string;
		readonly UTSMode?: string;
		readonly UsernsMode?: string;
		readonly Memory?: number;
		readonly CpuShares?: number;
		readonly NanoCpus?: number;
		readonly CpuQuota?: number;
		readonly ReadonlyRootfs?: boolean;
		readonly PortBindings?: Readonly<Record<string, ReadonlyArray<{readonly HostIp?: string; readonly HostPort?: string}> | null>> | null;
		readonly RestartPolicy?: {readonly Name?: string; readonly MaximumRetryCount?: number};
		readonly SecurityOpt?: readonly string[] | null;
		readonly Devices?: ReadonlyArray<{readonly PathOnHost: string; readonly PathInContainer: string; readonly CgroupPermissions: string}> | null;
		readonly Ulimits?: ReadonlyArray<{readonly Name: string; readonly Soft: number; readonly Hard: number}> | null;
		readonly CgroupParent?: string;
		readonly PidsLimit?: number | null;
	};
	readonly Mounts: ReadonlyArray<{
		readonly Type?: string;
		readonly Source?: string;
		readonly Destination: string;
		readonly Mode?: string;
		readonly RW?: boolean;
		readonly Propagation?: string;
	}>;
	readonly NetworkSettings: {
		readonly Networks?: Readonly<Record<string, unknown>> | null;
		/** Published ports as the daemon bound them: "80/tcp" → [{HostIp, HostPort}]. */
		readonly Ports?: Readonly<Record<string, ReadonlyArray<{readonly HostIp?: string; readonly HostPort?: string}> | null>> | null;
	};
};

/** One `docker exec` instance of a running container, from the API (exec inspect). */
export type ExecInstance = {
	readonly containerName: string;
	readonly id: string;
	readonly privileged: boolean;
	/** The --user it ran as; empty means the container's user. */
	readonly user: string;
	readonly command: string;
};

/** Every container (`docker ps --all`), each inspected once, concurrently. */
export type ContainerFacts = DockerUnavailable | {
	readonly reachable: true;
	readonly all: readonly ContainerInspect[];
	readonly execs: readonly ExecInstance[];
};

/** A range of subordinate ids: `dockremap:100000:65536` in /etc/subuid is start 100000, count 65536 (ids 100000-165535). */
export type IdRange = {readonly start: number; readonly count: number};

/**
One process of a container. The uids are read from /proc only (a listing through docker top leaves them undefined):
`hostUid` is the real uid in /proc/PID/status (as the host sees it), `containerUid` the same uid mapped back through /proc/PID/uid_map.
*/
export type ContainerProcessFact = {
	readonly user: string;
	/** The host pid. */
	readonly pid: string;
	readonly command: string;
	readonly hostUid?: number;
	readonly containerUid?: number;
};

/**
The processes of each running container: the members of the container's own cgroup, even with --pid=host, so a host process is never counted as the container's.
Read in one pass over /proc when the daemon runs on this host, else through the API (`docker top`) per container.
*/
export type ProcessFacts = DockerUnavailable | {
	readonly reachable: true;
	readonly containers: ReadonlyArray<{
		readonly name: string;
		readonly id: string;
		readonly processes: readonly ContainerProcessFact[];
		/** Where the listing came from. */
		readonly via?: 'proc' | 'top';
		readonly error?: string;
	}>;
	/** The subordinate ids of the `dockremap` user (userns-remap "default"), from /etc/subuid and /etc/subgid under --root; empty when it has none. */
	readonly dockremap: {readonly subuid: readonly IdRange[]; readonly subgid: readonly IdRange[]};
};

/** The parts of `docker image inspect` and `docker history` that checks read. */
export type ImageInspect = {
	readonly Id: string;
	readonly RepoTags: readonly string[];
	readonly Created?: string;
	readonly Config: {
		readonly User?: string;
		readonly Healthcheck?: {readonly Test?: readonly string[] | null} | null;
	};
	/** Newest layer first, as `docker history` lists them. */
	readonly history: ReadonlyArray<{readonly CreatedBy: string; readonly Size: number}>;
};

/** Every image (`docker images --all`) and, for the images containers use, their config and history. */
export type ImageFacts = DockerUnavailable | {
	readonly reachable: true;
	readonly all: ReadonlyArray<{readonly Id: string; readonly RepoTags: readonly string[]; readonly Size: number; readonly Created: number}>;
	/** Images used by at least one container (running or not), inspected once each. */
	readonly inUse: readonly ImageInspect[];
};

/** Where DOCKER_CONTENT_TRUST is set for the daemon's clients. */
export type ContentTrustFacts = {
	/** Files read (under --root) and the value each sets, if any. */
	readonly files: ReadonlyArray<{readonly path: string; readonly value?: string}>;
	/** The value in dockwarden's own environment. */
	readonly environment?: string;
};
