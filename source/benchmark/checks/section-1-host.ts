import type {Finding} from '../types.js';
import type {SectionLogic} from './check-logic.js';
import type {Section1TextId} from '../text/section-1-host.js';
import {auditWatchCheck} from './audit-watch.js';
import {auditWatchPaths} from './audit-watch-paths.js';

/** Section 1, Host Configuration. */
export const section1Logic = {
	'1.1.1': {
		needs: ['partition'],
		audit({partition}): Finding {
			const where = `${partition.dir} (${partition.how})`;
			if (!partition.exists) {
				return {status: 'skip', summary: `${partition.dir} does not exist`, evidence: [`the Docker root dir ${where} does not exist on this host`]};
			}

			if (partition.dirDevice !== undefined && partition.dirDevice === partition.rootDevice) {
				return {status: 'warn', summary: 'The Docker root dir shares the root filesystem', evidence: [`${where} is on the same device as / (st_dev ${partition.dirDevice}): a full Docker root dir fills /`]};
			}

			return {status: 'pass', summary: 'The Docker root dir is on its own filesystem', evidence: [`${where} is on its own filesystem, mounted at ${partition.mountPoint ?? '?'} (st_dev ${partition.dirDevice}, / is ${partition.rootDevice})`]};
		},
	},
	'1.1.2': {
		needs: ['dockerGroup'],
		audit({dockerGroup}): Finding {
			if (!dockerGroup.exists) {
				return {status: 'pass', summary: 'There is no docker group', evidence: ['/etc/group has no docker group: only root can use the Docker socket']};
			}

			const users = [...new Set([...dockerGroup.members, ...dockerGroup.primaryMembers])];
			if (users.length === 0) {
				return {status: 'pass', summary: 'The docker group has no members', evidence: [`the docker group (gid ${dockerGroup.gid}) has no members in /etc/group or /etc/passwd`]};
			}

			return {
				status: 'info',
				summary: `${users.length} user${users.length === 1 ? '' : 's'} can control the Docker daemon`,
				evidence: [`docker group (gid ${dockerGroup.gid}) members: ${users.join(', ')}`, 'each of them is effectively root on this host: confirm every one is trusted'],
			};
		},
	},
	'1.1.3': auditWatchCheck(auditWatchPaths['1.1.3']!),
	'1.1.4': auditWatchCheck(auditWatchPaths['1.1.4']!),
	'1.1.5': auditWatchCheck(auditWatchPaths['1.1.5']!),
	'1.1.6': auditWatchCheck(auditWatchPaths['1.1.6']!),
	'1.1.7': auditWatchCheck(auditWatchPaths['1.1.7']!),
	'1.1.8': auditWatchCheck(auditWatchPaths['1.1.8']!),
	'1.1.9': auditWatchCheck(auditWatchPaths['1.1.9']!),
	'1.1.9@1.7.0': auditWatchCheck(auditWatchPaths['1.1.9@1.7.0']!),
	'1.1.10': auditWatchCheck(auditWatchPaths['1.1.10']!),
	'1.1.11': auditWatchCheck(auditWatchPaths['1.1.11']!),
	'1.1.12': auditWatchCheck(auditWatchPaths['1.1.12']!),
	'1.1.13': auditWatchCheck(auditWatchPaths['1.1.13']!),
	'1.1.14': auditWatchCheck(auditWatchPaths['1.1.14']!),
	'1.1.15': auditWatchCheck(auditWatchPaths['1.1.15']!),
	'1.1.16': auditWatchCheck(auditWatchPaths['1.1.16']!),
	'1.1.17': auditWatchCheck(auditWatchPaths['1.1.17']!),
	'1.1.18': auditWatchCheck(auditWatchPaths['1.1.18']!),
	'1.2.1': {
		needs: ['host'],
		audit: ({host}) => ({
			status: 'note',
			summary: 'Review the host hardening by hand',
			evidence: [`host ${host.hostname}: harden it with the CIS benchmark for its distribution (minimal packages, patched kernel, SSH and firewall settings); dockwarden does not judge this`],
		}),
	},
	'1.2.2': {
		needs: ['docker'],
		audit({docker}): Finding {
			if (!docker.reachable) {
				return {status: 'error', summary: 'Cannot reach the Docker daemon', evidence: [`${docker.host}: ${docker.error}`]};
			}

			return {
				status: 'note',
				summary: `Docker ${docker.info.ServerVersion ?? 'version unknown'}: compare with the latest release`,
				evidence: [`the daemon reports Server Version ${docker.info.ServerVersion ?? 'unknown'}: compare it with the newest release your distribution or Docker ships, and plan the update`],
			};
		},
	},
} satisfies SectionLogic<Section1TextId>;
