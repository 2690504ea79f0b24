/**
The facts a check can look at. Everything here is plain data gathered by `source/host/` once per run; checks never touch the world themselves.

Paths in facts are host paths (as the host sees them, e.g. `/etc/docker/daemon.json`), never prefixed with `--root`.
*/
import type {ContainerFacts, ContentTrustFacts, DockerUnavailable, ImageFacts, ProcessFacts} from './container-facts.js';

export type {DockerUnavailable, ContainerInspect, ExecInstance, ContainerFacts, IdRange, ContainerProcessFact, ProcessFacts, ImageInspect, ImageFacts, ContentTrustFacts} from './container-facts.js';

/** A path on the host, resolved for this host, and how it was found. */
export type ResolvedPath = {
	readonly path: string;
	readonly exists: boolean;
	/** How the path was found, e.g. "the running dockerd (/proc/812/exe)" or "found on PATH". */
	readonly how: string;
};

/** Owner and mode of a file, read under --root. */
export type FileStat = {
	readonly path: string;
	readonly exists: boolean;
	readonly uid?: number;
	readonly gid?: number;
	/** Owner and group names from /etc/passwd and /etc/group under --root, when known. */
	readonly owner?: string;
	readonly group?: string;
	/** Permission bits only (e.g. 0o644). */
	readonly mode?: number;
	readonly type?: 'file' | 'directory' | 'socket' | 'other';
	readonly error?: string;
};

/** The dockerd process that serves the Docker host we talk to. */
export type DaemonProcess = {
	readonly pid: number;
	/** The executable, from /proc/PID/exe. */
	readonly exe?: string;
	readonly argv: readonly string[];
	/** Real uid of the process; not 0 means a rootless daemon. */
	readonly uid?: number;
};

/**
The daemon.json in use (the --config-file of the running dockerd; for rootless, the user's; for snap, the snap's; else /etc/docker/daemon.json).
`unknown` when no dockerd could be proven to serve the Docker host: nothing was read, since any file would be a guess.
*/
export type DaemonConfigFile =
	| {readonly state: 'unknown'; readonly path: string; readonly reason: string}
	| {readonly state: 'absent'; readonly path: string}
	| {readonly state: 'unreadable'; readonly path: string; readonly error: string}
	| {readonly state: 'malformed'; readonly path: string; readonly text: string; readonly error: string}
	| {readonly state: 'ok'; readonly path: string; readonly text: string; readonly config: Readonly<Record<string, unknown>>};

/** A daemon setting as given on the dockerd command line, keyed by its daemon.json name. */
export type DaemonFlags = Readonly<Record<string, string | boolean | readonly string[]>>;

/** Who launched the dockerd and will start it next, and so which flags its next start gets and how it is restarted. */
export type DaemonLauncher = {
	/** A systemd system unit, a systemd user unit (rootless), snap, an OpenRC or SysV init script, or by hand. */
	readonly kind: 'systemd' | 'systemd-user' | 'snap' | 'openrc' | 'sysv' | 'manual';
	/** The systemd unit, e.g. `docker.service`. */
	readonly unit?: string;
	/** How the launcher was told, e.g. "its cgroup is the systemd system unit docker.service". */
	readonly how: string;
	/** The command that restarts the daemon; undefined when it was started by hand (a fix then asks for --restart-command). */
	readonly restart?: readonly string[];
	/** The dockerd flags of the next start, keyed by daemon.json names. */
	readonly nextFlags: DaemonFlags;
	/** Where those flags come from. */
	readonly nextFlagsHow: string;
};

/** A rootless daemon: run by an ordinary user inside a user namespace (rootlesskit). */
export type RootlessDaemon = {
	readonly uid: number;
	readonly user?: string;
	readonly home?: string;
	/** $XDG_RUNTIME_DIR of the daemon, where its socket and exec root live. */
	readonly runtimeDir?: string;
};

export type DaemonFacts = {
	/** The dockerd proven to serve the Docker host (it holds the listening socket, as root or as the socket's owner); undefined when none could be proven. */
	readonly process?: DaemonProcess;
	/** How the process was proven, or why none could be. */
	readonly processNote: string;
	/** The socket of the Docker host in use, when it is a unix socket. */
	readonly socket?: string;
	/** Who launched the proven dockerd; undefined when none was proven. */
	readonly launcher?: DaemonLauncher;
	/** Set for a rootless daemon. */
	readonly rootless?: RootlessDaemon;
	/** How the daemon.json path was chosen. */
	readonly configFileHow?: string;
	/** Defaults that differ for a rootless daemon: its exec root and data root when no flag or daemon.json key sets them. */
	readonly defaults?: {readonly execRoot: string; readonly dataRoot: string};
	/** Settings given as dockerd flags, keyed by their daemon.json names (e.g. `userns-remap`, `icc`). */
	readonly flags: DaemonFlags;
	readonly configFile: DaemonConfigFile;
};

/** The subset of `docker info` (GET /info) that checks read. */
export type DockerInfo = {
	readonly ServerVersion?: string;
	readonly Name?: string;
	readonly DockerRootDir?: string;
	readonly Driver?: string;
	readonly DriverStatus?: ReadonlyArray<readonly [string, string]>;
	readonly LoggingDriver?: string;
	readonly CgroupDriver?: string;
	readonly SecurityOptions?: readonly string[];
	readonly LiveRestoreEnabled?: boolean;
	readonly ExperimentalBuild?: boolean;
	readonly Images?: number;
	readonly Containers?: number;
	readonly ContainersRunning?: number;
	readonly RegistryConfig?: {
		readonly InsecureRegistryCIDRs?: readonly string[];
		readonly IndexConfigs?: Readonly<Record<string, {readonly Name?: string; readonly Secure?: boolean}>>;
	};
	readonly Swarm?: {
		readonly LocalNodeState?: string;
		readonly ControlAvailable?: boolean;
		readonly Managers?: number;
		readonly Nodes?: number;
		readonly NodeAddr?: string;
	};
};

/** A running container, as listed by the API. */
export type ContainerSummary = {
	readonly id: string;
	readonly name: string;
	readonly image: string;
	readonly state: string;
};

export type DockerFacts =
	| {readonly reachable: false; readonly host: string; readonly error: string}
	| {
		readonly reachable: true;
		readonly host: string;
		readonly info: DockerInfo;
		/** Options of the default `bridge` network, if the daemon has one. */
		readonly defaultBridge?: {readonly options: Readonly<Record<string, string>>};
		readonly runningContainers: readonly ContainerSummary[];
	};

/** One audit watch, from `auditctl -l` or a rules file. */
export type AuditWatch = {
	readonly path: string;
	/** Permission letters, e.g. `wa` or `rwxa`. An absent -p means all of rwxa. */
	readonly permissions: string;
	readonly key?: string;
	/** The rule as written. */
	readonly text: string;
	/** `live` or `FILE:LINE`. */
	readonly source: string;
};

export type AuditFacts = {
	/** Where auditctl is, if anywhere on the host's PATH. */
	readonly auditctl?: string;
	/** Live kernel rules; undefined when they could not be read (see liveError). */
	readonly live?: readonly AuditWatch[];
	readonly liveError?: string;
	/** `enabled` from `auditctl -s`: 0 off, 1 on, 2 immutable. */
	readonly enabled?: number;
	/** The kernel audit status from `auditctl -s`, when it could be read. */
	readonly status?: AuditStatus;
	readonly persisted: readonly AuditWatch[];
	/** The rules files that were read (host paths) and their text, for fix planning. */
	readonly rulesFiles: ReadonlyArray<{readonly path: string; readonly text: string}>;
	/** True when an auditd process is running. */
	readonly auditdRunning: boolean;
};

/** The fields of `auditctl -s` that tell why events may be missing; a field auditctl did not print is absent. */
export type AuditStatus = {
	/** 0 off, 1 on, 2 immutable. */
	readonly enabled?: number;
	/** The pid of auditd; 0 when no audit daemon is registered (events then go to the kernel log). */
	readonly pid?: number;
	/** Events the kernel dropped since boot. */
	readonly lost?: number;
	readonly backlog?: number;
	readonly backlogLimit?: number;
	/** Messages per second; 0 means no limit. */
	readonly rateLimit?: number;
};

/** One audit event, from a `type=SYSCALL` record (and its `type=PATH` records) as `ausearch -i` prints them. */
export type AuditEvent = {
	/** Local time, `YYYY-MM-DD HH:MM:SS`. */
	readonly time: string;
	/** `exe`, else `comm`. */
	readonly program: string;
	/** `auid` as ausearch -i names it, else `uid` when auid is unset. */
	readonly user: string;
	readonly syscall: string;
	/** The name of the first non-parent PATH item. */
	readonly path?: string;
};

/** What one `ausearch -k KEY` run found. */
export type AuditKeyEvents = {
	/** The exact command that was run. */
	readonly command: string;
	/** How many events it found. */
	readonly count: number;
	/** The newest events, newest first (at most 5). */
	readonly events: readonly AuditEvent[];
	/** Why the search failed; `<no matches>` is not a failure. */
	readonly error?: string;
};

/** Recent audit events of the live keyed watch rules on the paths the benchmark names, one search per key. */
export type AuditEventsFacts = {
	/** Keyed by audit key. */
	readonly byKey: Readonly<Record<string, AuditKeyEvents>>;
	/** Set when no search could run at all (e.g. ausearch is not installed). */
	readonly unavailable?: string;
};

/** Host paths the benchmark names, resolved on this host. */
export type HostPaths = {
	readonly dockerd: ResolvedPath;
	readonly containerd: ResolvedPath;
	readonly containerdShim: ResolvedPath;
	readonly containerdShimRuncV1: ResolvedPath;
	readonly containerdShimRuncV2: ResolvedPath;
	readonly runc: ResolvedPath;
	readonly dockerService: ResolvedPath;
	readonly dockerSocketUnit: ResolvedPath;
	/** The Docker socket file the daemon in use serves (v1.7.0's 1.1.9). */
	readonly dockerSocket: ResolvedPath;
	readonly containerdSocket: ResolvedPath;
	readonly dockerRootDir: ResolvedPath;
	readonly daemonJson: ResolvedPath;
	readonly etcDocker: ResolvedPath;
	readonly runContainerd: ResolvedPath;
	readonly etcDefaultDocker: ResolvedPath;
	readonly etcSysconfigDocker: ResolvedPath;
	readonly containerdConfig: ResolvedPath;
};

export type DockerGroup = {
	readonly exists: boolean;
	readonly gid?: number;
	/** Users named in the group line of /etc/group. */
	readonly members: readonly string[];
	/** Users whose primary group is docker, from /etc/passwd. */
	readonly primaryMembers: readonly string[];
};

export type PartitionFacts = {
	/** The directory whose filesystem counts: the Docker root dir, or its parent under userns-remap. */
	readonly dir: string;
	readonly how: string;
	readonly exists: boolean;
	/** st_dev of dir and of `/`, read under --root. */
	readonly dirDevice?: number;
	readonly rootDevice?: number;
	/** The mount point of dir from /proc/self/mountinfo, if found. */
	readonly mountPoint?: string;
};

export type HostIdentity = {
	/** The --root prefix. */
	readonly root: string;
	readonly hostname: string;
	readonly isRoot: boolean;
	/** True for the sample host of --demo, in its sandbox. */
	readonly demo?: boolean;
	/** True when /run/systemd/system exists under root (systemd is the init). */
	readonly systemd: boolean;
	/** The SysV/OpenRC service script for docker, if the host has one (e.g. /etc/init.d/docker). */
	readonly serviceScript?: string;
	/** The host's package manager, if one of those dockwarden knows is installed. */
	readonly packageManager?: 'apt-get' | 'dnf' | 'yum' | 'zypper' | 'apk';
};

/** Owner and mode of every file section 3 names, read under --root. */
export type FileFacts = {
	readonly dockerService: FileStat;
	readonly dockerSocketUnit: FileStat;
	readonly etcDocker: FileStat;
	/** Every file under /etc/docker/certs.d. */
	readonly registryCerts: readonly FileStat[];
	/** Undefined when the daemon names no such file (tlscacert, tlscert, tlskey). */
	readonly tlsCaCert?: FileStat;
	readonly tlsCert?: FileStat;
	readonly tlsKey?: FileStat;
	/** The Docker socket in use. */
	readonly dockerSocket: FileStat;
	readonly daemonJson: FileStat;
	readonly etcDefaultDocker: FileStat;
	readonly etcSysconfigDocker: FileStat;
	readonly containerdSocket: FileStat;
};

/** Swarm state, from `docker info` and, on a manager, the swarm, node, network and service lists. */
export type SwarmFacts = DockerUnavailable | {
	readonly reachable: true;
	/** LocalNodeState: inactive, active, pending, error, locked. */
	readonly state: string;
	readonly isManager: boolean;
	readonly managers?: number;
	readonly nodes?: number;
	readonly autoLock?: boolean;
	/** The node certificate lifetime, in nanoseconds (Spec.CAConfig.NodeCertExpiry). */
	readonly nodeCertExpiry?: number;
	readonly nodeAddress?: string;
	readonly overlayNetworks: ReadonlyArray<{readonly name: string; readonly encrypted: boolean}>;
	readonly services: ReadonlyArray<{readonly name: string; readonly ports: ReadonlyArray<{readonly published?: number; readonly target?: number; readonly mode?: string}>}>;
	/** TCP sockets listening on the swarm ports 2377 and 7946, from /proc/net/tcp and tcp6 under --root (an active swarm only). */
	readonly listeners?: ReadonlyArray<{readonly address: string; readonly port: number}>;
};

/** Every fact a check may ask for. */
export type Facts = {
	readonly host: HostIdentity;
	readonly daemon: DaemonFacts;
	readonly docker: DockerFacts;
	readonly audit: AuditFacts;
	readonly auditEvents: AuditEventsFacts;
	readonly paths: HostPaths;
	readonly dockerGroup: DockerGroup;
	readonly partition: PartitionFacts;
	readonly containers: ContainerFacts;
	readonly processes: ProcessFacts;
	readonly images: ImageFacts;
	readonly contentTrust: ContentTrustFacts;
	readonly files: FileFacts;
	readonly swarm: SwarmFacts;
};

export type FactName = keyof Facts;

/** Gathers facts lazily; each fact is gathered at most once per instance. */
export type FactSource = {
	get<Name extends FactName>(name: Name): Promise<Facts[Name]>;
	/**
	Starts gathering these facts, in the order that ends soonest, and resolves once each has started (not ended); a failure is
	met by whoever gets the fact.
	*/
	start?(names: Iterable<FactName>): Promise<void>;
};
