/*
Section 5 (Container Runtime), what a container may do once it runs: seccomp (5.22), exec sessions (5.23, 5.24),
no-new-privileges (5.26), health checks (5.27), image pinning (5.28), the default bridge (5.30) and the Docker
socket (5.32). The checks themselves are in the table of section-5-runtime.ts.
*/
import type {ContainerFacts, ContainerInspect, DaemonFacts, DockerFacts, ExecInstance} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {asBoolean, configFileProblem, describeSetting, findSecurityOption, lookupSetting} from '../../model/daemon-settings.js';
import {
	auditRunning,
	containerLine,
	containerName,
	describeMount,
	isSameOrUnder,
	normalizePath,
	securityOpts,
	withRunning,
	type Verdict,
} from './container-findings.js';
import {nameAtMost, plural} from './words.js';
import {bad, ok} from './container-findings.js';

// 5.22 --------------------------------------------------------------------------------------------

/** 5.22: seccomp=unconfined, a privileged container (no seccomp is applied), or a daemon whose default profile is unconfined. */
export function auditSeccomp(docker: DockerFacts, containers: ContainerFacts): Finding {
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
export function auditPrivilegedExec(containers: ContainerFacts): Finding {
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
export function noteRootExec(containers: ContainerFacts): Finding {
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
export function auditNoNewPrivileges(daemon: DaemonFacts, containers: ContainerFacts): Finding {
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

export function judgeHealthcheck(container: ContainerInspect): Verdict {
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
export function noteImages(containers: ContainerFacts): Finding {
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
export function noteDefaultBridge(containers: ContainerFacts): Finding {
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
export function judgeDockerSocket(socketInUse: string | undefined) {
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
export function socketInUse(docker: DockerFacts): string | undefined {
	return docker.host.startsWith('unix://') ? docker.host.slice('unix://'.length) : undefined;
}
