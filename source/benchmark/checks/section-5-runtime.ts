/**
Section 5 (Container Runtime): which facts each check reads and its pure audit.

Per-container checks judge the running containers (State.Running); 5.5 (privileged) judges every container, running or not, as CIS audits `docker ps --all` there.
Each warn names every offending container with its setting; manual checks (5.9, 5.18, 5.19, 5.24, 5.28, 5.30) are notes listing what to review on this host.
*/
import type {ContainerFacts, ContainerInspect, DaemonFacts, DockerFacts, ExecInstance, ProcessFacts, SwarmFacts} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {asBoolean, configFileProblem, describeSetting, findSecurityOption, hasSecurityOption, lookupSetting} from '../../model/daemon-settings.js';
import type {CheckLogic, SectionLogic} from './check-logic.js';
import type {Section5TextId} from '../text/section-5-runtime.js';
import {uidLines} from './uid-lines.js';
import {
	auditRunning,
	containerLine,
	containerName,
	describeMount,
	describePort,
	exposedOnly,
	formatBytes,
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

const ok = (detail: string): Verdict => ({bad: false, detail});
const bad = (detail: string): Verdict => ({bad: true, detail});

/** The logic of a per-container check that reads only the container facts. */
function containerCheck(rule: ContainerRule): CheckLogic {
	return {needs: ['containers'], audit: ({containers}) => auditRunning(containers, rule)};
}

// 5.1 ---------------------------------------------------------------------------------------------

/** 5.1: swarm mode inactive passes; any other node state warns. */
function auditSwarm(swarm: SwarmFacts): Finding {
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

function auditAppArmor(docker: DockerFacts, containers: ContainerFacts): Finding {
	if (!docker.reachable) {
		return unreachableFinding(docker);
	}

	if (!hasSecurityOption(docker.info, 'apparmor')) {
		return {status: 'skip', summary: 'AppArmor is not enabled on this host', evidence: ['docker info SecurityOptions has no name=apparmor: AppArmor is not available to containers here, so this check does not apply']};
	}

	return auditRunning(containers, {
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

function auditSelinux(docker: DockerFacts, containers: ContainerFacts): Finding {
	if (!docker.reachable) {
		return unreachableFinding(docker);
	}

	if (!hasSecurityOption(docker.info, 'selinux')) {
		return {status: 'skip', summary: 'SELinux is not enabled in the Docker daemon', evidence: ['docker info SecurityOptions has no name=selinux: SELinux labelling is not in use here, so this check does not apply']};
	}

	return auditRunning(containers, {
		judge: judgeSelinux,
		pass: 'Every running container has SELinux label options',
		warn: 'Running containers without SELinux label options',
		notes: ['docker info SecurityOptions has name=selinux: SELinux is enabled in the daemon'],
	});
}

// 5.4 ---------------------------------------------------------------------------------------------

/** The capabilities Docker grants by default (moby oci/caps defaults). */
const defaultCapabilities = new Set([
	'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
	'NET_BIND_SERVICE', 'NET_RAW', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** A capability name without the CAP_ prefix, in upper case. */
const capabilityName = (capability: string): string => capability.toUpperCase().replace(/^CAP_/, '');

/**
5.4: a container warns when it adds ALL or any capability beyond Docker's default set.
Dropping ALL and adding back only default capabilities (the remediation's own pattern) complies.
*/
function judgeCapabilities(container: ContainerInspect): Verdict | undefined {
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
function auditPrivileged(containers: ContainerFacts): Finding {
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
function judgeSensitiveMounts(container: ContainerInspect): Verdict | undefined {
	const mounts = container.Mounts.filter(mount => isBind(mount) && sensitiveDir(mount.Source!) !== undefined);
	if (mounts.length === 0) {
		return undefined;
	}

	return bad(mounts.map(mount => describeMount(mount)).join(', '));
}

function sensitiveMountNotes(containers: ContainerFacts): string[] {
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
function auditSshd(processes: ProcessFacts): Finding {
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
function judgePrivilegedPorts(container: ContainerInspect): Verdict | undefined {
	const low = publishedPorts(container).filter(port => {
		const number = Number.parseInt(port.hostPort, 10);
		return number > 0 && number < 1024;
	});
	const lines = [...new Set(low.map(port => `host port ${port.hostPort} → ${port.containerPort}`))];
	return lines.length > 0 ? bad(lines.join(', ')) : undefined;
}

/** 5.9: lists each running container's published and exposed ports for review. */
function notePorts(containers: ContainerFacts): Finding {
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
function judgeWildcardPorts(container: ContainerInspect): Verdict | undefined {
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
function hostNamespaceCheck(field: NamespaceField, flag: string, what: string): CheckLogic {
	return containerCheck(hostNamespaceRule(field, flag, what));
}

/**
5.31: containers sharing the host's user namespace, then the uid of each one's init in the container and on the host.
Under a rootless daemon, --userns=host shares the daemon's own user namespace, which is not the host's: no finding, said per container.
*/
const hostUsernsCheck: CheckLogic = {
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

function judgeMemory(container: ContainerInspect): Verdict {
	const memory = container.HostConfig.Memory ?? 0;
	return memory > 0 ? ok(`--memory ${formatBytes(memory)}`) : bad('no memory limit (HostConfig.Memory is 0; set --memory)');
}

/** 5.12: CPU shares left at the default (0 or 1024) with no --cpus or --cpu-quota. */
function judgeCpu(container: ContainerInspect): Verdict {
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

function judgeReadonly(container: ContainerInspect): Verdict {
	return container.HostConfig.ReadonlyRootfs === true ? ok('--read-only') : bad('root filesystem is writable (ReadonlyRootfs is false; no --read-only)');
}

function judgePidsLimit(container: ContainerInspect): Verdict {
	const limit = container.HostConfig.PidsLimit;
	if (limit === undefined || limit === null || limit <= 0) {
		return bad(`no PIDs limit (PidsLimit is ${limit ?? 'unset'}; set --pids-limit)`);
	}

	return ok(`--pids-limit ${limit}`);
}

// 5.15 --------------------------------------------------------------------------------------------

/** 5.15: no restart policy, or on-failure with 1 to 5 retries. */
function judgeRestart(container: ContainerInspect): Verdict {
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
function noteDevices(containers: ContainerFacts): Finding {
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
function noteUlimits(containers: ContainerFacts): Finding {
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

function judgePropagation(container: ContainerInspect): Verdict | undefined {
	const shared = container.Mounts.filter(mount => mount.Propagation === 'shared' || mount.Propagation === 'rshared');
	return shared.length > 0 ? bad(shared.map(mount => describeMount(mount, mount.Propagation ?? '')).join(', ')) : undefined;
}

// 5.22 --------------------------------------------------------------------------------------------

/** 5.22: seccomp=unconfined, a privileged container (no seccomp is applied), or a daemon whose default profile is unconfined. */
function auditSeccomp(docker: DockerFacts, containers: ContainerFacts): Finding {
	const daemonSeccomp = docker.reachable ? findSecurityOption(docker.info, 'seccomp') : undefined;
	const daemonUnconfined = daemonSeccomp?.profile === 'unconfined';
	const notes = docker.reachable
		? [daemonSeccomp === undefined ? 'docker info SecurityOptions has no name=seccomp: the daemon applies no seccomp filtering' : `docker info SecurityOptions has seccomp with profile ${daemonSeccomp.profile ?? 'default'}`]
		: [];
	const daemonOff = docker.reachable && (daemonSeccomp === undefined || daemonUnconfined);
	return auditRunning(containers, {
		judge(container) {
			const options = securityOpts(container, 'seccomp');
			const unconfined = options.find(option => option.value === 'unconfined');
			if (unconfined) {
				return bad(`--security-opt ${unconfined.option}`);
			}

			if (container.HostConfig.Privileged) {
				return bad('--privileged: Docker applies no seccomp profile to privileged containers');
			}

			if (options.length > 0) {
				return ok('a custom seccomp profile');
			}

			return daemonOff ? bad(daemonUnconfined ? 'no seccomp profile (the daemon default profile is unconfined)' : 'no seccomp filtering (the daemon has none)') : undefined;
		},
		pass: 'No running container runs with seccomp disabled',
		warn: 'Running containers without seccomp filtering',
		notes,
	});
}

// 5.23 / 5.24 -------------------------------------------------------------------------------------

const describeExec = (exec: ExecInstance): string => `exec ${exec.id.slice(0, 12)}${exec.user === '' ? '' : ` --user ${exec.user}`}${exec.privileged ? ' --privileged' : ''}: ${exec.command}`;

/** 5.23: no exec instance of a running container was started with --privileged. */
function auditPrivilegedExec(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header, {execs}) => {
		const seen = `${plural(execs.length, 'exec instance')} seen (Docker lists an exec instance only while it runs)`;
		const privileged = execs.filter(exec => exec.privileged);
		if (privileged.length === 0) {
			return {status: 'pass', summary: 'No docker exec ran with --privileged', evidence: [header, `${seen}, none privileged`]};
		}

		const names = [...new Set(privileged.map(exec => exec.containerName))];
		return {
			status: 'warn',
			summary: `docker exec --privileged was used in: ${nameAtMost(names)}`,
			evidence: [header, seen, ...privileged.map(exec => `${exec.containerName}: ${describeExec(exec)}`)],
			subjects: names.map(name => ({kind: 'container', name})),
		};
	});
}

/** True when an exec --user names root: root, 0, root:GROUP or 0:GROUP. */
export function isRootUser(user: string): boolean {
	const name = user.split(':')[0].trim();
	return name === 'root' || name === '0';
}

/** 5.24: lists exec instances run with --user root or 0. */
function noteRootExec(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header, {execs}) => {
		const seen = `${plural(execs.length, 'exec instance')} seen (Docker lists an exec instance only while it runs; the audit log of the docker binary has the history)`;
		const root = execs.filter(exec => isRootUser(exec.user));
		if (root.length === 0) {
			return {status: 'note', summary: 'No current docker exec ran with --user root', evidence: [header, `${seen}, none with --user root or 0`]};
		}

		return {
			status: 'note',
			summary: `Review ${plural(root.length, 'docker exec')} run as root: ${nameAtMost([...new Set(root.map(exec => exec.containerName))])}`,
			evidence: [header, seen, ...root.map(exec => `${exec.containerName}: ${describeExec(exec)}`)],
		};
	});
}

// 5.26 --------------------------------------------------------------------------------------------

/** The container's own no-new-privileges choice: true, false (opted out), or undefined (not given). */
function ownNoNewPrivileges(container: ContainerInspect): boolean | undefined {
	const options = securityOpts(container, 'no-new-privileges');
	const last = options.at(-1);
	if (last === undefined) {
		return undefined;
	}

	return last.value === undefined || last.value === '' ? true : asBoolean(last.value);
}

/** 5.26: each running container has no-new-privileges, from its own --security-opt or the daemon-wide setting. */
function auditNoNewPrivileges(daemon: DaemonFacts, containers: ContainerFacts): Finding {
	const setting = lookupSetting(daemon, 'no-new-privileges');
	const daemonWide = asBoolean(setting.value) === true;
	const notes = [describeSetting(daemon, setting)];
	if (daemonWide) {
		notes.push('the daemon sets no-new-privileges for every container it creates (docker inspect does not show it per container), unless a container opts out with no-new-privileges=false');
	}

	const problem = configFileProblem(daemon);
	if (problem !== undefined) {
		notes.push(problem);
	}

	return auditRunning(containers, {
		judge(container) {
			const own = ownNoNewPrivileges(container);
			if (own === true) {
				return ok('--security-opt no-new-privileges');
			}

			if (own === false) {
				return bad(`--security-opt ${securityOpts(container, 'no-new-privileges').at(-1)!.option}: opts out of no-new-privileges`);
			}

			return daemonWide ? ok('no-new-privileges from the daemon-wide setting') : bad('no --security-opt no-new-privileges');
		},
		pass: daemonWide ? 'Running containers cannot gain new privileges (set daemon-wide)' : 'Every running container has no-new-privileges',
		warn: 'Running containers that can gain new privileges',
		notes,
	});
}

// 5.27 --------------------------------------------------------------------------------------------

function judgeHealthcheck(container: ContainerInspect): Verdict {
	const test = container.Config.Healthcheck?.Test ?? [];
	if (test.length === 0) {
		return bad('no health check (neither the image nor docker run defines one)');
	}

	if (test[0] === 'NONE') {
		return bad('health check disabled (--no-healthcheck or HEALTHCHECK NONE)');
	}

	return ok(`health check ${test.slice(1).join(' ')}`);
}

// 5.28 --------------------------------------------------------------------------------------------

/** How an image reference pins its version. */
function imagePinning(reference: string): string {
	if (reference.includes('@sha256:')) {
		return 'pinned by digest';
	}

	if (reference.startsWith('sha256:') || /^[\da-f]{12,64}$/.test(reference)) {
		return 'run by image ID';
	}

	const lastPart = reference.split('/').pop() ?? reference;
	const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : undefined;
	if (tag === undefined || tag === 'latest') {
		return 'mutable :latest tag: the version depends on when it was last pulled';
	}

	return `tag ${tag}`;
}

/** 5.28: lists the image of each running container, to check it is the current version. */
function noteImages(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header) => {
		const lines = running.map(container => {
			const reference = container.Config.Image ?? container.Image;
			return containerLine(container, `${reference} (${imagePinning(reference)}; image ${container.Image.replace(/^sha256:/, '').slice(0, 12)})`);
		});
		return {
			status: 'note',
			summary: `Check that the images of ${plural(running.length, 'running container')} are the current versions`,
			evidence: [header, ...lines, 'docker pull each image (or docker run --pull=always) and recreate containers whose image changed'],
		};
	});
}

// 5.30 --------------------------------------------------------------------------------------------

/** 5.30: lists the running containers attached to the default bridge (docker0). */
function noteDefaultBridge(containers: ContainerFacts): Finding {
	return withRunning(containers, (running, header) => {
		const networks = (container: ContainerInspect): string[] => Object.keys(container.NetworkSettings.Networks ?? {});
		const onBridge = running.filter(container => networks(container).includes('bridge'));
		const others = running.filter(container => !networks(container).includes('bridge'));
		const lines = onBridge.map(container => containerLine(container, 'attached to the default bridge (docker0)'));
		if (others.length > 0) {
			lines.push(`not on docker0: ${nameAtMost(others.map(container => `${containerName(container)} (${networks(container).join(', ') || container.HostConfig.NetworkMode || 'no network'})`))}`);
		}

		return {
			status: 'note',
			summary: onBridge.length === 0 ? 'No running container uses the default bridge docker0' : `Move ${plural(onBridge.length, 'running container')} off the default bridge docker0: ${nameAtMost(onBridge.map(containerName))}`,
			evidence: [header, ...lines],
		};
	});
}

// 5.32 --------------------------------------------------------------------------------------------

/** Directories whose mount exposes the Docker socket (/run/docker.sock, /var/run/docker.sock) inside them. */
const socketParents = ['/', '/run', '/var', '/var/run'];

/** True when the mount source is a docker.sock under /run or /var/run, or the socket of the Docker host in use wherever it lives. */
export function isDockerSocket(source: string, socketInUse?: string): boolean {
	const path = normalizePath(source);
	if (socketInUse !== undefined && path === normalizePath(socketInUse)) {
		return true;
	}

	return path.split('/').pop() === 'docker.sock' && (isSameOrUnder(path, '/run') || isSameOrUnder(path, '/var/run'));
}

/** 5.32: mounts of the Docker socket, or of a directory that holds it, whatever the destination. */
function judgeDockerSocket(socketInUse: string | undefined) {
	return (container: ContainerInspect): Verdict | undefined => {
		const lines = container.Mounts.flatMap(mount => {
			const source = mount.Source ?? '';
			if (source === '') {
				return [];
			}

			if (isDockerSocket(source, socketInUse)) {
				return [describeMount(mount)];
			}

			return socketParents.includes(normalizePath(source)) ? [`${describeMount(mount)}: contains docker.sock`] : [];
		});
		return lines.length > 0 ? bad(lines.join(', ')) : undefined;
	};
}

/** The unix socket of the Docker host dockwarden talks to. */
function socketInUse(docker: DockerFacts): string | undefined {
	return docker.host.startsWith('unix://') ? docker.host.slice('unix://'.length) : undefined;
}

// -------------------------------------------------------------------------------------------------

/** Section 5, Container Runtime. */
export const section5Logic = {
	'5.1': {needs: ['swarm'], audit: ({swarm}) => auditSwarm(swarm)},
	'5.2': {needs: ['docker', 'containers'], audit: ({docker, containers}) => auditAppArmor(docker, containers)},
	'5.3': {needs: ['docker', 'containers'], audit: ({docker, containers}) => auditSelinux(docker, containers)},
	'5.4': containerCheck({
		judge: judgeCapabilities,
		pass: 'No running container adds capabilities beyond the default set',
		warn: 'Running containers that add capabilities',
		notes: [`Docker's default capabilities: ${[...defaultCapabilities].join(', ')}`],
	}),
	'5.5': {needs: ['containers'], audit: ({containers}) => auditPrivileged(containers)},
	'5.6': {
		needs: ['containers'],
		audit: ({containers}) => auditRunning(containers, {
			judge: judgeSensitiveMounts,
			pass: 'No running container mounts a sensitive host directory',
			warn: 'Running containers that mount sensitive host directories',
			notes: sensitiveMountNotes(containers),
		}),
	},
	'5.7': {needs: ['processes'], audit: ({processes}) => auditSshd(processes)},
	'5.8': containerCheck({
		judge: judgePrivilegedPorts,
		pass: 'No running container publishes a privileged host port (below 1024)',
		warn: 'Running containers that publish privileged host ports',
	}),
	'5.9': {needs: ['containers'], audit: ({containers}) => notePorts(containers)},
	'5.10': hostNamespaceCheck('NetworkMode', '--network', 'network'),
	'5.11': containerCheck({judge: judgeMemory, pass: 'Every running container has a memory limit', warn: 'Running containers without a memory limit'}),
	'5.12': containerCheck({judge: judgeCpu, pass: 'Every running container has a CPU priority set', warn: 'Running containers without CPU shares set'}),
	'5.13': containerCheck({judge: judgeReadonly, pass: 'Every running container has a read-only root filesystem', warn: 'Running containers with a writable root filesystem'}),
	'5.14': containerCheck({
		judge: judgeWildcardPorts,
		pass: 'Every published port is bound to a specific host address',
		warn: 'Running containers that publish ports on every host interface',
	}),
	'5.15': containerCheck({judge: judgeRestart, pass: 'No running container restarts without limit', warn: 'Running containers whose restart policy is not on-failure:5 or less'}),
	'5.16': hostNamespaceCheck('PidMode', '--pid', 'process'),
	'5.17': hostNamespaceCheck('IpcMode', '--ipc', 'IPC'),
	'5.18': {needs: ['containers'], audit: ({containers}) => noteDevices(containers)},
	'5.19': {needs: ['containers'], audit: ({containers}) => noteUlimits(containers)},
	'5.20': containerCheck({judge: judgePropagation, pass: 'No running container has a shared mount propagation', warn: 'Running containers with shared mount propagation'}),
	'5.21': hostNamespaceCheck('UTSMode', '--uts', 'UTS'),
	'5.22': {needs: ['docker', 'containers'], audit: ({docker, containers}) => auditSeccomp(docker, containers)},
	'5.23': {needs: ['containers'], audit: ({containers}) => auditPrivilegedExec(containers)},
	'5.24': {needs: ['containers'], audit: ({containers}) => noteRootExec(containers)},
	'5.25': containerCheck({
		judge: container => (container.HostConfig.CgroupParent ?? '') === '' ? undefined : bad(`--cgroup-parent ${container.HostConfig.CgroupParent} (confirm it is intended)`),
		pass: 'No running container sets its own cgroup parent',
		warn: 'Running containers with their own cgroup parent',
	}),
	'5.26': {needs: ['containers', 'daemon'], audit: ({daemon, containers}) => auditNoNewPrivileges(daemon, containers)},
	'5.27': containerCheck({judge: judgeHealthcheck, pass: 'Every running container has a health check', warn: 'Running containers without a health check'}),
	'5.28': {needs: ['containers'], audit: ({containers}) => noteImages(containers)},
	'5.29': containerCheck({judge: judgePidsLimit, pass: 'Every running container has a PIDs limit', warn: 'Running containers without a PIDs limit'}),
	'5.30': {needs: ['containers'], audit: ({containers}) => noteDefaultBridge(containers)},
	'5.31': hostUsernsCheck,
	'5.32': {
		needs: ['containers', 'docker'],
		audit: ({containers, docker}) => auditRunning(containers, {
			judge: judgeDockerSocket(socketInUse(docker)),
			pass: 'No running container mounts the Docker socket',
			warn: 'Running containers that mount the Docker socket',
		}),
	},
} satisfies SectionLogic<Section5TextId>;
