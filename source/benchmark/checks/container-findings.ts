/**
Shared helpers for the per-container checks of section 5: which containers are considered, how to say so, and how per-container verdicts become one finding.

Per-container checks judge the running containers (State.Running); every warn names each offending container and its setting, one line per container.
*/
import type {ContainerFacts, ContainerInspect, DockerUnavailable} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {nameAtMost, plural} from './words.js';
import type {CheckLogic} from './check-logic.js';

/** Container facts of a daemon that answered. */
export type ReachableContainers = Extract<ContainerFacts, {readonly reachable: true}>;

/** One mount of a container, as inspected. */
export type ContainerMount = ContainerInspect['Mounts'][number];

/** What a check says about one container: whether it offends, and the setting in question. */
export type Verdict = {
	readonly bad: boolean;
	/** The setting, e.g. `--cap-add NET_ADMIN, SYS_ADMIN` or `/etc → /host/etc (ro)`. */
	readonly detail: string;
};

/** How a per-container check judges each running container and words the result. */
export type ContainerRule = {
	/** The verdict on one container; undefined when it complies and there is nothing worth saying about it. */
	readonly judge: (container: ContainerInspect) => Verdict | undefined;
	/** The summary when no running container offends. */
	readonly pass: string;
	/** The start of the warn summary, followed by the offending names, e.g. `Running containers that add capabilities`. */
	readonly warn: string;
	/** Lines added after the per-container lines, whatever the status. */
	readonly notes?: readonly string[];
};

/** The container's name without a leading slash. */
export function containerName(container: ContainerInspect): string {
	return container.Name.replace(/^\//, '');
}

/** The containers that are running. */
export function runningContainers(containers: ReachableContainers): ContainerInspect[] {
	return containers.all.filter(container => container.State.Running);
}

/** The error finding for a Docker API fact whose daemon did not answer; `lost` says what could not be looked at. */
export function unreachableFinding(fact: DockerUnavailable, lost = 'the Docker API did not answer, so no container could be inspected'): Finding {
	return {
		status: 'error',
		summary: `Cannot reach the Docker daemon: ${fact.error}`,
		evidence: [`${lost}: ${fact.error}`],
	};
}

/** The skip finding when no container runs, saying how many stopped ones were not considered. */
export function noRunningFinding(containers: ReachableContainers): Finding {
	const stopped = containers.all.length;
	return {
		status: 'skip',
		summary: 'no running container to check',
		evidence: [stopped === 0 ? 'there are no containers on this host' : `no container is running; ${plural(stopped, 'stopped container')} not considered: ${nameAtMost(containers.all.map(containerName))}`],
	};
}

/** The first evidence line of a per-container check: how many running containers were considered, and how many stopped ones were not. */
export function consideredLine(containers: ReachableContainers, running: readonly ContainerInspect[]): string {
	const stopped = containers.all.length - running.length;
	const line = `${plural(running.length, 'running container')} considered: ${nameAtMost(running.map(containerName))}`;
	return stopped > 0 ? `${line}; ${plural(stopped, 'stopped container')} not considered` : line;
}

/** One evidence line about a container: `cis-web: --cap-add NET_ADMIN`. */
export function containerLine(container: ContainerInspect, detail: string): string {
	return `${containerName(container)}: ${detail}`;
}

/**
Runs `build` over the running containers, or returns the finding for an unreachable daemon or no running container.
`build` receives the running containers, the "considered" header line and the reachable facts.
*/
export function withRunning(containers: ContainerFacts, build: (running: readonly ContainerInspect[], header: string, facts: ReachableContainers) => Finding): Finding {
	if (!containers.reachable) {
		return unreachableFinding(containers);
	}

	const running = runningContainers(containers);
	if (running.length === 0) {
		return noRunningFinding(containers);
	}

	return build(running, consideredLine(containers, running), containers);
}

/**
Audits a per-container check: warn naming each offending running container and its setting, else pass.
Pass evidence lists what each compliant container has, where the rule says something about it.
*/
export function auditRunning(containers: ContainerFacts, rule: ContainerRule): Finding {
	return withRunning(containers, (running, header) => {
		const judged = running.map(container => ({container, verdict: rule.judge(container)}));
		const offending = judged.filter(({verdict}) => verdict?.bad === true);
		const notes = rule.notes ?? [];
		if (offending.length === 0) {
			const lines = judged.flatMap(({container, verdict}) => verdict === undefined ? [] : [containerLine(container, verdict.detail)]);
			return {status: 'pass', summary: rule.pass, evidence: [header, ...lines, ...notes]};
		}

		const names = offending.map(({container}) => containerName(container));
		return {
			status: 'warn',
			summary: `${rule.warn}: ${nameAtMost(names)} (${offending.length} of ${running.length})`,
			evidence: [header, ...offending.map(({container, verdict}) => containerLine(container, verdict!.detail)), ...notes],
			subjects: names.map(name => ({kind: 'container', name})),
		};
	});
}

/** A path with repeated slashes collapsed and no trailing slash (except `/` itself). */
export function normalizePath(path: string): string {
	const collapsed = path.replaceAll(/\/+/g, '/');
	return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

/** True when `path` is `dir` or lies under it, comparing whole path components: /etc/nginx is under /etc, /etcetera is not. */
export function isSameOrUnder(path: string, dir: string): boolean {
	const child = normalizePath(path);
	const parent = normalizePath(dir);
	if (parent === '/') {
		return child.startsWith('/');
	}

	return child === parent || child.startsWith(`${parent}/`);
}

/** `rw` or `ro` for a mount. */
export function mountAccess(mount: ContainerMount): 'rw' | 'ro' {
	return mount.RW === false ? 'ro' : 'rw';
}

/** A mount as evidence shows it: `/etc → /host/etc (ro)`. */
export function describeMount(mount: ContainerMount, note: string = mountAccess(mount)): string {
	return `${mount.Source ?? '?'} → ${mount.Destination} (${note})`;
}

/** One `--security-opt` entry split at its first `=` or `:`: `label=type:x` → {key: 'label', value: 'type:x'}; a bare `no-new-privileges` has no value. */
export function parseSecurityOpt(option: string): {readonly key: string; readonly value?: string} {
	const match = /^([^=:]*)[=:](.*)$/s.exec(option);
	return match ? {key: match[1].trim(), value: match[2]} : {key: option.trim()};
}

/** The container's `--security-opt` entries with this key (`label`, `seccomp`, `apparmor`, `no-new-privileges`). */
export function securityOpts(container: ContainerInspect, key: string): Array<{readonly option: string; readonly value?: string}> {
	return (container.HostConfig.SecurityOpt ?? [])
		.map(option => ({option, ...parseSecurityOpt(option)}))
		.filter(entry => entry.key === key)
		.map(({option, value}) => ({option, value}));
}

/** A host address for a published port: IPv6 in brackets, empty as 0.0.0.0 (all interfaces). */
export function hostAddress(hostIp: string | undefined): string {
	if (hostIp === undefined || hostIp === '') {
		return '0.0.0.0';
	}

	return hostIp.includes(':') ? `[${hostIp}]` : hostIp;
}

/** One published port of a running container. */
export type PublishedPort = {
	/** The container port and protocol, e.g. `80/tcp`. */
	readonly containerPort: string;
	readonly hostIp: string;
	readonly hostPort: string;
};

/** The ports a running container publishes on the host (NetworkSettings.Ports), in order. */
export function publishedPorts(container: ContainerInspect): PublishedPort[] {
	return Object.entries(container.NetworkSettings.Ports ?? {}).flatMap(([containerPort, bindings]) =>
		(bindings ?? []).map(binding => ({containerPort, hostIp: binding.HostIp ?? '', hostPort: binding.HostPort ?? ''})));
}

/** The container ports exposed but not published on the host. */
export function exposedOnly(container: ContainerInspect): string[] {
	return Object.entries(container.NetworkSettings.Ports ?? {})
		.filter(([, bindings]) => bindings === null || bindings.length === 0)
		.map(([containerPort]) => containerPort);
}

/** A published port as evidence shows it: `0.0.0.0:8080 → 80/tcp`. */
export function describePort(port: PublishedPort): string {
	return `${hostAddress(port.hostIp)}:${port.hostPort} → ${port.containerPort}`;
}

/** True when the port is bound on every interface (0.0.0.0, :: or no address). */
export function isWildcardBinding(port: PublishedPort): boolean {
	return ['', '0.0.0.0', '::', '[::]'].includes(port.hostIp);
}

/** Byte counts as people read them: `512 MiB`, `1.5 GiB`. */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** A container that keeps the rule, and what was seen. */
export const ok = (detail: string): Verdict => ({bad: false, detail});

/** A container that breaks the rule, and what was seen. */
export const bad = (detail: string): Verdict => ({bad: true, detail});

/** The logic of a per-container check that reads only the container facts. */
export function containerCheck(rule: ContainerRule): CheckLogic {
	return {needs: ['containers'], audit: ({containers}) => auditRunning(containers, rule)};
}
