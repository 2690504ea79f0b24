/**
Section 5 (Container Runtime): which facts each check reads and its pure audit.

Per-container checks judge the running containers (State.Running); 5.5 (privileged) judges every container, running or not, as CIS audits `docker ps --all` there.
Each warn names every offending container with its setting; manual checks (5.9, 5.18, 5.19, 5.24, 5.28, 5.30) are notes listing what to review on this host.
The table is here; the judging, by topic, in section-5-isolation.ts, section-5-limits.ts and section-5-privileges.ts.
*/
import type {SectionLogic} from './check-logic.js';
import {auditRunning, bad, containerCheck} from './container-findings.js';
import type {Section5TextId} from '../text/section-5-runtime.js';
import {
	auditAppArmor,
	auditPrivileged,
	auditSelinux,
	auditSshd,
	auditSwarm,
	defaultCapabilities,
	judgeCapabilities,
	judgePrivilegedPorts,
	judgeSensitiveMounts,
	judgeWildcardPorts,
	notePorts,
	sensitiveMountNotes,
} from './section-5-isolation.js';
import {
	hostNamespaceCheck,
	hostUsernsCheck,
	judgeCpu,
	judgeMemory,
	judgePidsLimit,
	judgePropagation,
	judgeReadonly,
	judgeRestart,
	noteDevices,
	noteUlimits,
} from './section-5-limits.js';
import {
	auditNoNewPrivileges,
	auditPrivilegedExec,
	auditSeccomp,
	judgeDockerSocket,
	judgeHealthcheck,
	noteDefaultBridge,
	noteImages,
	noteRootExec,
	socketInUse,
} from './section-5-privileges.js';

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
