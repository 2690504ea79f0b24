/*
Section 5 (Container Runtime), what keeps a container apart from its host: swarm mode (5.1), AppArmor and SELinux
(5.2, 5.3), capabilities (5.4), privileged containers (5.5), sensitive mounts (5.6), sshd inside (5.7) and published
ports (5.8, 5.9, 5.14). The checks themselves are in the table of section-5-runtime.ts.
*/
import type {ContainerFacts, ContainerInspect, DockerFacts, ProcessFacts, SwarmFacts} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {hasSecurityOption} from '../../model/daemon-settings.js';
import {
	auditRunning,
	containerLine,
	containerName,
	describeMount,
	describePort,
	exposedOnly,
	isSameOrUnder,
	isWildcardBinding,
	mountAccess,
	normalizePath,
	publishedPorts,
	securityOpts,
	unreachableFinding,
	withRunning,
	type ContainerMount,
	type ContainerRule,
	type Verdict,
} from './container-findings.js';
import {nameAtMost, plural} from './words.js';
import {bad, ok} from './container-findings.js';

// 5.1 ---------------------------------------------------------------------------------------------

/** 5.1: swarm mode inactive passes; any other node state warns. */
export function auditSwarm(swarm: SwarmFacts): Finding {
	if (!swarm.reachable) {
		return unreachableFinding(swarm);
	}

	const role = swarm.isManager ? 'manager' : 'worker';
	if (swarm.state === 'inactive') {
		return {status: 'pass', summary: 'Swarm mode is not enabled', evidence: ['docker info Swarm.LocalNodeState is inactive: this node is not part of a swarm']};
	}

	return {
		status: 'warn',
		summary: `Swarm mode is ${swarm.state} on this node (${role})`,
		evidence: [`swarm mode is ${swarm.state} on this node (${role}): leave the swarm if it is not needed`, `docker info Swarm.LocalNodeState is ${swarm.state}`],
	};
}

// 5.2 / 5.3 ---------------------------------------------------------------------------------------

/** 5.2: with AppArmor on this host, every running container has a profile other than unconfined. */
function judgeAppArmor(container: ContainerInspect): Verdict {
	const profile = container.AppArmorProfile ?? '';
	if (profile === '') {
		return bad('no AppArmor profile (AppArmorProfile is empty)');
	}

	if (profile === 'unconfined') {
		return bad(container.HostConfig.Privileged ? 'AppArmor profile unconfined (--privileged)' : 'AppArmor profile unconfined');
	}

	return ok(`AppArmor profile ${profile}`);
}

/** A per-container rule that applies only where the daemon has a security option (docker info `name=OPTION`): skipped elsewhere. */
function auditUnderSecurityOption(docker: DockerFacts, containers: ContainerFacts, option: string, skip: Pick<Finding, 'summary' | 'evidence'>, rule: ContainerRule): Finding {
	if (!docker.reachable) {
		return unreachableFinding(docker);
	}

	if (!hasSecurityOption(docker.info, option)) {
		return {status: 'skip', ...skip};
	}

	return auditRunning(containers, rule);
}

export function auditAppArmor(docker: DockerFacts, containers: ContainerFacts): Finding {
	return auditUnderSecurityOption(docker, containers, 'apparmor', {
		summary: 'AppArmor is not enabled on this host',
		evidence: ['docker info SecurityOptions has no name=apparmor: AppArmor is not available to containers here, so this check does not apply'],
	}, {
		judge: judgeAppArmor,
		pass: 'Every running container has an AppArmor profile',
		warn: 'Running containers without an AppArmor profile',
		notes: ['docker info SecurityOptions has name=apparmor: AppArmor is enabled on this host'],
	});
}

/** 5.3: with SELinux on in the daemon, every running container has label options, and none disables labelling. */
function judgeSelinux(container: ContainerInspect): Verdict {
	const labels = securityOpts(container, 'label');
	const disabled = labels.find(label => label.value === 'disable');
	if (disabled) {
		return bad(`--security-opt ${disabled.option}: SELinux is off for this container`);
	}

	if (labels.length === 0) {
		return bad('no SELinux label options in SecurityOpt');
	}

	return ok(`--security-opt ${labels.map(label => label.option).join(', ')}`);
}

export function auditSelinux(docker: DockerFacts, containers: ContainerFacts): Finding {
	return auditUnderSecurityOption(docker, containers, 'selinux', {
		summary: 'SELinux is not enabled in the Docker daemon',
		evidence: ['docker info SecurityOptions has no name=selinux: SELinux labelling is not in use here, so this check does not apply'],
	}, {
		judge: judgeSelinux,
		pass: 'Every running container has SELinux label options',
		warn: 'Running containers without SELinux label options',
		notes: ['docker info SecurityOptions has name=selinux: SELinux is enabled in the daemon'],
	});
}

// 5.4 ---------------------------------------------------------------------------------------------

/** The capabilities Docker grants by default (moby oci/caps defaults). */
export const defaultCapabilities = new Set([
	'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
	'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** A capability name without the CAP_ prefix, in upper case. */
const capabilityName = (capability: string): string => capability.toUpperCase().replace(/^CAP_/, '');

/**
5.4: a container warns when it adds ALL or any capability beyond Docker's default set.
Dropping ALL and adding back only default capabilities (the remediation's own pattern) complies.
*/
export function judgeCapabilities(container: ContainerInspect): Verdict | undefined {
	const added = container.HostConfig.CapAdd ?? [];
	const dropped = container.HostConfig.CapDrop ?? [];
	const dropsAll = dropped.some(capability => capabilityName(capability) === 'ALL');
	if (added.some(capability => capabilityName(capability) === 'ALL')) {
		return bad('--cap-add ALL: every capability, the worst case (nearly --privileged)');
	}

	if (added.length === 0) {
		if (dropsAll) {
			return ok('--cap-drop ALL: runs without any capability (good)');
		}

		return dropped.length > 0 ? ok(`--cap-drop ${dropped.join(', ')}`) : undefined;
	}

	const beyond = added.filter(capability => !defaultCapabilities.has(capabilityName(capability)));
	const addedText = `--cap-add ${added.join(', ')}`;
	if (beyond.length === 0) {
		return ok(dropsAll ? `--cap-drop ALL, then ${addedText} (only default capabilities added back: good)` : `${addedText} (already in Docker's default set)`);
	}

	const outside = beyond.length === added.length ? '' : ` (beyond the default set: ${beyond.join(', ')})`;
	return bad(`${addedText}${outside}${dropsAll ? ', after --cap-drop ALL' : ''}`);
}

// 5.5 ---------------------------------------------------------------------------------------------

/** 5.5: no container, running or not, is privileged. */
export function auditPrivileged(containers: ContainerFacts): Finding {
	if (!containers.reachable) {
		return unreachableFinding(containers);
	}

	const all = containers.all;
	if (all.length === 0) {
		return {status: 'skip', summary: 'no container to check', evidence: ['there are no containers on this host (docker ps --all is empty)']};
	}

	const state = (container: ContainerInspect): string => container.State.Running ? 'running' : container.State.Status || 'stopped';
	const header = `${plural(all.length, 'container')} considered, running or not (docker ps --all): ${nameAtMost(all.map(container => `${containerName(container)} (${state(container)})`))}`;
	const privileged = all.filter(container => container.HostConfig.Privileged === true);
	if (privileged.length === 0) {
		return {status: 'pass', summary: 'No container is privileged', evidence: [header]};
	}

	return {
		status: 'warn',
		summary: `Privileged containers: ${nameAtMost(privileged.map(containerName))} (${privileged.length} of ${all.length})`,
		evidence: [header, ...privileged.map(container => containerLine(container, `--privileged (${state(container)})`))],
		subjects: privileged.map(container => ({kind: 'container', name: containerName(container)})),
	};
}

// 5.6 ---------------------------------------------------------------------------------------------

const sensitiveDirs = ['/boot', '/dev', '/etc', '/lib', '/proc', '/sys', '/usr'];

/** The sensitive host directory a bind mount source is, or lies under; `/` counts only as itself. */
function sensitiveDir(source: string): string | undefined {
	if (normalizePath(source) === '/') {
		return '/';
	}

	return sensitiveDirs.find(dir => isSameOrUnder(source, dir));
}

const isBind = (mount: ContainerMount): boolean => (mount.Type === undefined || mount.Type === 'bind') && mount.Source !== undefined && mount.Source !== '';

/** 5.6: bind mounts of /, /boot, /dev, /etc, /lib, /proc, /sys, /usr or anything under them (except /), read-only too. */
export function judgeSensitiveMounts(container: ContainerInspect): Verdict | undefined {
	const mounts = container.Mounts.filter(mount => isBind(mount) && sensitiveDir(mount.Source!) !== undefined);
	if (mounts.length === 0) {
		return undefined;
	}

	return bad(mounts.map(mount => describeMount(mount)).join(', '));
}

export function sensitiveMountNotes(containers: ContainerFacts): string[] {
	const notes = [`sensitive host directories: / and anything under ${sensitiveDirs.join(', ')}`];
	if (containers.reachable && containers.all.some(container => container.State.Running && container.Mounts.some(mount => isBind(mount) && sensitiveDir(mount.Source!) !== undefined && mountAccess(mount) === 'rw'))) {
		notes.push('rw mounts let the container change these host files, which is worse; ro mounts still expose host configuration and secrets');
	}

	return notes;
}

// 5.7 ---------------------------------------------------------------------------------------------

/** True when a process command runs sshd: the program (first word) is named sshd, or the command is sshd's own title (`sshd: ...`). */
export function isSshd(command: string): boolean {
	const trimmed = command.trim();
	if (trimmed.startsWith('sshd:')) {
		return true;
	}

	const program = trimmed.split(/\s+/)[0] ?? '';
	return program.split('/').pop() === 'sshd';
}

/** 5.7: no running container has sshd among its own processes (its own cgroup, from /proc or docker top). */
export function auditSshd(processes: ProcessFacts): Finding {
	if (!processes.reachable) {
		return unreachableFinding(processes);
	}

	const listed = processes.containers;
	if (listed.length === 0) {
		return {status: 'skip', summary: 'no running container to check', evidence: ['no container is running']};
	}

	const sources = [...new Set(listed.map(container => container.via === 'proc' ? 'the members of its cgroup in /proc' : 'docker top'))].join(' or ');
	const header = `${plural(listed.length, 'running container')} considered, each by its own processes (${sources || 'docker top'}): ${nameAtMost(listed.map(container => container.name))}`;
	const failed = listed.filter(container => container.error !== undefined);
	const failedLines = failed.map(container => `${container.name}: could not list its processes: ${container.error}`);
	const withSshd = listed.flatMap(container => {
		const sshd = container.processes.filter(process => isSshd(process.command));
		return sshd.length === 0 ? [] : [{name: container.name, line: `${container.name}: ${sshd.map(process => `sshd runs as ${process.user} (pid ${process.pid}): ${process.command}`).join('; ')}`}];
	});
	if (withSshd.length > 0) {
		return {
			status: 'warn',
			summary: `sshd runs in containers: ${nameAtMost(withSshd.map(entry => entry.name))} (${withSshd.length} of ${listed.length})`,
			evidence: [header, ...withSshd.map(entry => entry.line), ...failedLines],
			subjects: withSshd.map(entry => ({kind: 'container', name: entry.name})),
		};
	}

	if (failed.length > 0) {
		return {
			status: 'error',
			summary: `Could not list the processes of ${nameAtMost(failed.map(container => container.name))}`,
			evidence: [header, ...failedLines, `no sshd in the other ${plural(listed.length - failed.length, 'container')}`],
		};
	}

	return {status: 'pass', summary: 'No running container runs sshd', evidence: [header]};
}

// 5.8 / 5.9 / 5.14 --------------------------------------------------------------------------------

/** 5.8: published host ports below 1024. */
export function judgePrivilegedPorts(container: ContainerInspect): Verdict | undefined {
	const low = publishedPorts(container).filter(port => {
		const number = Number.parseInt(port.hostPort, 10);
		return number > 0 && number < 1024;
	});
	const lines = [...new Set(low.map(port => `host port ${port.hostPort} → ${port.containerPort}`))];
	return lines.length > 0 ? bad(lines.join(', ')) : undefined;
}

/** 5.9: lists each running container's published and exposed ports for review. */
export function notePorts(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header) => {
		let total = 0;
		const lines = running.map(container => {
			const ports = publishedPorts(container);
			const exposed = exposedOnly(container);
			total += ports.length;
			const parts = [ports.length > 0 ? `publishes ${ports.map(port => describePort(port)).join(', ')}` : 'publishes no ports'];
			if (exposed.length > 0) {
				parts.push(`exposes without publishing ${exposed.join(', ')}`);
			}

			if (container.HostConfig.NetworkMode === 'host') {
				parts.push('uses the host network, so every port it listens on is open on the host');
			}

			return containerLine(container, parts.join('; '));
		});
		return {
			status: 'note',
			summary: `Review the ${plural(total, 'published port')} of ${plural(running.length, 'running container')}: keep only those clients need`,
			evidence: [header, ...lines],
		};
	});
}

/** 5.14: published ports bound to every interface. */
export function judgeWildcardPorts(container: ContainerInspect): Verdict | undefined {
	const ports = publishedPorts(container);
	if (ports.length === 0) {
		return undefined;
	}

	const wildcard = ports.filter(port => isWildcardBinding(port));
	if (wildcard.length === 0) {
		return ok(`bound to specific addresses: ${ports.map(port => describePort(port)).join(', ')}`);
	}

	return bad(`${wildcard.map(port => describePort(port)).join(', ')} (every host interface)`);
}
