/*
Section 5 (Container Runtime), the host namespaces a container shares (5.10, 5.16, 5.17, 5.21, 5.31) and its limits:
memory, CPU, read-only root, PIDs (5.11 to 5.13, 5.29), restart policy (5.15), devices and ulimits (5.18, 5.19),
mount propagation (5.20). The checks themselves are in the table of section-5-runtime.ts.
*/
import type {ContainerFacts, ContainerInspect} from '../../model/facts.js';
import type {Finding} from '../types.js';
import type {CheckLogic} from './check-logic.js';
import {uidLines} from './uid-lines.js';
import {
	auditRunning,
	containerLine,
	containerName,
	describeMount,
	formatBytes,
	withRunning,
	type ContainerRule,
	type Verdict,
} from './container-findings.js';
import {nameAtMost, plural} from './words.js';
import {bad, containerCheck, ok} from './container-findings.js';

// Namespaces (5.10, 5.16, 5.17, 5.21, 5.31) -------------------------------------------------------

type NamespaceField = 'NetworkMode' | 'PidMode' | 'IpcMode' | 'UTSMode' | 'UsernsMode';

/** The rule that warns for containers sharing a host namespace (the HostConfig field is `host`). */
function hostNamespaceRule(field: NamespaceField, flag: string, what: string): ContainerRule {
	return {
		judge: container => container.HostConfig[field] === 'host' ? bad(`${flag}=host (HostConfig.${field} is host)`) : undefined,
		pass: `No running container shares the host's ${what} namespace`,
		warn: `Running containers that share the host's ${what} namespace`,
	};
}

/** A check that warns for containers sharing a host namespace. */
export function hostNamespaceCheck(field: NamespaceField, flag: string, what: string): CheckLogic {
	return containerCheck(hostNamespaceRule(field, flag, what));
}

/**
5.31: containers sharing the host's user namespace, then the uid of each one's init in the container and on the host.
Under a rootless daemon, --userns=host shares the daemon's own user namespace, which is not the host's: no finding, said per container.
*/
export const hostUsernsCheck: CheckLogic = {
	needs: ['containers', 'processes', 'daemon'],
	audit({containers, processes, daemon}) {
		const rule = hostNamespaceRule('UsernsMode', '--userns', 'user');
		const rootless = daemon.rootless;
		const judge: ContainerRule['judge'] = rootless === undefined
			? rule.judge
			: container => container.HostConfig.UsernsMode === 'host' ? {bad: false, detail: `--userns=host shares the user namespace of the rootless daemon (uid ${rootless.uid}), not the host's`} : undefined;
		return auditRunning(containers, {...rule, judge, notes: uidLines(containers, processes)});
	},
};

// 5.11 / 5.12 / 5.13 / 5.29 -----------------------------------------------------------------------

export function judgeMemory(container: ContainerInspect): Verdict {
	const memory = container.HostConfig.Memory ?? 0;
	return memory > 0 ? ok(`--memory ${formatBytes(memory)}`) : bad('no memory limit (HostConfig.Memory is 0; set --memory)');
}

/** 5.12: CPU shares left at the default (0 or 1024) with no --cpus or --cpu-quota. */
export function judgeCpu(container: ContainerInspect): Verdict {
	const {CpuShares: shares = 0, NanoCpus: nanoCpus = 0, CpuQuota: quota = 0} = container.HostConfig;
	const set: string[] = [];
	if (shares !== 0 && shares !== 1024) {
		set.push(`--cpu-shares ${shares}`);
	}

	if (nanoCpus > 0) {
		set.push(`--cpus ${nanoCpus / 1e9}`);
	}

	if (quota > 0) {
		set.push(`--cpu-quota ${quota}`);
	}

	return set.length > 0 ? ok(set.join(', ')) : bad(`CPU shares not set (CpuShares ${shares}, the default weight; no --cpus or --cpu-quota)`);
}

export function judgeReadonly(container: ContainerInspect): Verdict {
	return container.HostConfig.ReadonlyRootfs === true ? ok('--read-only') : bad('root filesystem is writable (ReadonlyRootfs is false; no --read-only)');
}

export function judgePidsLimit(container: ContainerInspect): Verdict {
	const limit = container.HostConfig.PidsLimit;
	if (limit === undefined || limit === null || limit <= 0) {
		return bad(`no PIDs limit (PidsLimit is ${limit ?? 'unset'}; set --pids-limit)`);
	}

	return ok(`--pids-limit ${limit}`);
}

// 5.15 --------------------------------------------------------------------------------------------

/** 5.15: no restart policy, or on-failure with 1 to 5 retries. */
export function judgeRestart(container: ContainerInspect): Verdict {
	const name = container.HostConfig.RestartPolicy?.Name ?? '';
	const retries = container.HostConfig.RestartPolicy?.MaximumRetryCount ?? 0;
	switch (name) {
		case '':
		case 'no': {
			return ok('no restart policy');
		}

		case 'on-failure': {
			if (retries <= 0) {
				return bad('--restart on-failure with no retry limit (on-failure:0 restarts forever)');
			}

			return retries <= 5 ? ok(`--restart on-failure:${retries}`) : bad(`--restart on-failure:${retries} (more than 5 retries)`);
		}

		case 'always':
		case 'unless-stopped': {
			return bad(`--restart ${name} (restarts without limit; use on-failure:5)`);
		}

		default: {
			return bad(`--restart ${name} (use on-failure:5)`);
		}
	}
}

// 5.18 / 5.19 -------------------------------------------------------------------------------------

/** 5.18: lists the host devices each running container is given. */
export function noteDevices(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header) => {
		const lines = running.flatMap(container => {
			const devices = (container.HostConfig.Devices ?? []).map(device => `${device.PathOnHost} → ${device.PathInContainer} (${device.CgroupPermissions})`);
			if (container.HostConfig.Privileged) {
				devices.push('--privileged: every host device is available');
			}

			return devices.length === 0 ? [] : [containerLine(container, `--device ${devices.join(', ')}`)];
		});
		if (lines.length === 0) {
			return {status: 'note', summary: 'No running container is given host devices', evidence: [header, 'no running container has --device entries or --privileged']};
		}

		return {status: 'note', summary: `Review the host devices given to ${plural(lines.length, 'running container')}`, evidence: [header, ...lines]};
	});
}

/** 5.19: lists the containers that override ulimits and those that use the daemon defaults. */
export function noteUlimits(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header) => {
		const overriding = running.filter(container => (container.HostConfig.Ulimits ?? []).length > 0);
		const defaults = running.filter(container => (container.HostConfig.Ulimits ?? []).length === 0);
		const lines = overriding.map(container => containerLine(container, (container.HostConfig.Ulimits ?? []).map(limit => `--ulimit ${limit.Name}=${limit.Soft}:${limit.Hard}`).join(', ')));
		if (defaults.length > 0) {
			lines.push(`use the daemon's default ulimits: ${nameAtMost(defaults.map(containerName))}`);
		}

		return {
			status: 'note',
			summary: overriding.length === 0 ? 'No running container overrides the default ulimits' : `Review the ulimit overrides of ${plural(overriding.length, 'running container')}`,
			evidence: [header, ...lines],
		};
	});
}

// 5.20 --------------------------------------------------------------------------------------------

export function judgePropagation(container: ContainerInspect): Verdict | undefined {
	const shared = container.Mounts.filter(mount => mount.Propagation === 'shared' || mount.Propagation === 'rshared');
	return shared.length > 0 ? bad(shared.map(mount => describeMount(mount, mount.Propagation ?? '')).join(', ')) : undefined;
}
