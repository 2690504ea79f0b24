/**
Section 7 (Docker Swarm Configuration): which facts each check reads and its pure audit.

Every check reads only the `swarm` fact and first asks whether it can look at a swarm at all:
- docker unreachable: error, with the reason;
- swarm inactive: 7.1 passes (no managers to count), every other check is skipped;
- swarm locked, pending or in error: the swarm's data cannot be read, so an error says why (7.5, 7.6 and 7.9 can still say something when locked);
- a worker node: the swarm spec, networks and services are only visible on a manager, so checks that need them are skipped.
*/
import type {SwarmFacts} from '../../model/facts.js';
import type {Finding} from '../types.js';
import type {CheckLogic, SectionLogic} from './check-logic.js';
import type {Section7TextId} from '../text/section-7-swarm.js';
import {plural} from './words.js';

/** Swarm facts of a daemon that answered. */
type ReachableSwarm = Extract<SwarmFacts, {readonly reachable: true}>;

/** How one check judges each situation it can meet; the defaults skip or fail with the reason. */
type SwarmSpec = {
	readonly manager: (swarm: ReachableSwarm) => Finding;
	readonly inactive?: (swarm: ReachableSwarm) => Finding;
	readonly worker?: (swarm: ReachableSwarm) => Finding;
	readonly locked?: (swarm: ReachableSwarm) => Finding;
};

/** The reason every check but 7.1 gives when swarm mode is off. */
export const inactiveReason = 'swarm mode is inactive on this node';

/** The reason a check that needs the swarm's own data gives on a worker. */
export const workerReason = 'this node is a worker: run dockwarden on a manager to check this';

const stateLine = (swarm: ReachableSwarm): string => `docker info reports Swarm.LocalNodeState ${swarm.state}${swarm.state === 'active' ? (swarm.isManager ? ' (a manager)' : ' (a worker)') : ''}`;

const addressLine = (swarm: ReachableSwarm): string => swarm.nodeAddress === undefined
	? 'docker info does not show this node\'s swarm address (Swarm.NodeAddr)'
	: `this node's swarm address is ${swarm.nodeAddress} (docker info Swarm.NodeAddr)`;


/** Skipped: swarm mode is off. */
function skipInactive(swarm: ReachableSwarm): Finding {
	return {status: 'skip', summary: 'Swarm mode is inactive on this node', evidence: [`${inactiveReason} (${stateLine(swarm)})`]};
}

/** Skipped: the data the check needs lives on a manager. */
function skipWorker(swarm: ReachableSwarm): Finding {
	return {status: 'skip', summary: 'This node is a worker: run dockwarden on a manager to check this', evidence: [workerReason, stateLine(swarm), addressLine(swarm)]};
}

/** Error: a locked manager shows nothing of the swarm until it is unlocked. */
function errorLocked(swarm: ReachableSwarm): Finding {
	return {
		status: 'error',
		summary: 'The swarm is locked on this node: unlock it with docker swarm unlock, then check again',
		evidence: [stateLine(swarm), 'a locked manager shows nothing of the swarm\'s configuration until it is unlocked with its unlock key'],
	};
}

/** Error: the node is joining, or its swarm is in error, so the swarm cannot be read. */
function errorState(swarm: ReachableSwarm): Finding {
	return {
		status: 'error',
		summary: `Swarm mode is ${swarm.state} on this node, so the swarm cannot be checked`,
		evidence: [stateLine(swarm), 'only an active node shows the swarm\'s configuration: see docker info (Swarm) for what went wrong'],
	};
}

/** A check that reads only the swarm fact and routes each situation (unreachable, inactive, locked, not active, worker, manager) to its judge. */
function swarmCheck(spec: SwarmSpec): CheckLogic {
	return {
		needs: ['swarm'],
		audit({swarm}): Finding {
			if (!swarm.reachable) {
				return {status: 'error', summary: `Cannot reach the Docker daemon: ${swarm.error}`, evidence: [`docker info could not be read, so the swarm state is unknown: ${swarm.error}`]};
			}

			if (swarm.state === 'inactive') {
				return (spec.inactive ?? skipInactive)(swarm);
			}

			if (swarm.state === 'locked') {
				return (spec.locked ?? errorLocked)(swarm);
			}

			if (swarm.state !== 'active') {
				return errorState(swarm);
			}

			return swarm.isManager ? spec.manager(swarm) : (spec.worker ?? skipWorker)(swarm);
		},
	};
}

// 7.1 ---------------------------------------------------------------------------------------------

/** How many managers can fail while the swarm keeps a Raft quorum. */
const faultTolerance = (managers: number): number => Math.floor((managers - 1) / 2);

/** 7.1: an odd number of managers, at most 7. */
function judgeManagers(swarm: ReachableSwarm): Finding {
	const {managers, nodes} = swarm;
	if (managers === undefined || managers <= 0) {
		return {status: 'error', summary: 'The number of swarm managers could not be read', evidence: [stateLine(swarm), 'docker info shows no Swarm.Managers count']};
	}

	const count = `${plural(managers, 'manager')} of ${nodes === undefined ? 'an unknown number of' : plural(nodes, 'node')} in the swarm (docker info Swarm.Managers, Swarm.Nodes)`;
	const tolerance = `${plural(managers, 'manager')} tolerate${managers === 1 ? 's' : ''} the loss of ${plural(faultTolerance(managers), 'manager')}`;
	if (managers > 7) {
		return {
			status: 'warn',
			summary: `The swarm has ${managers} managers, more than the 7 Docker recommends at most`,
			evidence: [count, `${tolerance}; every manager beyond what that fault tolerance needs is one more node holding the whole cluster state`, 'demote the surplus with docker node demote NODE, keeping an odd number (3, 5 or 7)'],
		};
	}

	if (managers % 2 === 0) {
		return {
			status: 'warn',
			summary: `The swarm has ${managers} managers, an even number: keep an odd number`,
			evidence: [count, `${tolerance}, no more than ${plural(managers - 1, 'manager')}: the extra manager adds exposure without adding fault tolerance`, `demote one with docker node demote NODE (or promote one more) to get an odd number`],
		};
	}

	return {status: 'pass', summary: `The swarm has ${plural(managers, 'manager')}, an odd number of at most 7`, evidence: [count, tolerance]};
}

// 7.2 ---------------------------------------------------------------------------------------------

type ServicePort = ReachableSwarm['services'][number]['ports'][number];

const portText = (port: ServicePort): string => `${port.published}${port.target === undefined ? '' : ` (to ${port.target} in the tasks)`}`;

/** The published ports of every service, as evidence lines, split by publish mode (Docker's default mode is ingress). */
function publishedPorts(swarm: ReachableSwarm): {readonly ingress: string[]; readonly host: string[]} {
	const ingress: string[] = [];
	const host: string[] = [];
	for (const service of swarm.services) {
		for (const port of service.ports) {
			if (port.published === undefined) {
				continue;
			}

			if ((port.mode ?? 'ingress') === 'ingress') {
				ingress.push(`service ${service.name} publishes port ${portText(port)} in ingress mode: every node of the swarm accepts it on all of its interfaces`);
			} else {
				host.push(`service ${service.name} publishes port ${portText(port)} in ${port.mode} mode: only the nodes running its tasks listen, on all of their interfaces unless firewalled`);
			}
		}
	}

	return {ingress, host};
}

/** True for a socket bound to every interface. */
const isWildcard = (address: string): boolean => address === '0.0.0.0' || address === '::';

/**
7.2: the swarm's own ports (2377/tcp management, 7946/tcp node communication) should listen on one chosen interface, not on every one (what `--listen-addr` decides).
Services published through the ingress routing mesh are named too: they also accept traffic on every interface of every node.
*/
function judgeServiceBinding(swarm: ReachableSwarm): Finding {
	const {ingress, host} = publishedPorts(swarm);
	const published = [...ingress, ...host];
	const listeners = swarm.listeners ?? [];
	if (listeners.length === 0) {
		return {
			status: 'note',
			summary: 'The swarm ports were not found listening in /proc/net/tcp',
			evidence: ['no socket listens on 2377/tcp or 7946/tcp in /proc/net/tcp or tcp6: check with ss -lnt which address the swarm listens on', addressLine(swarm), ...published],
		};
	}

	const open = listeners.filter(listener => isWildcard(listener.address));
	const lines = listeners.map(listener => `${listener.port}/tcp listens on ${listener.address === '::' ? '[::]' : listener.address}${isWildcard(listener.address) ? ' (every interface)' : ''}`);
	if (open.length > 0) {
		return {
			status: 'warn',
			summary: 'The swarm listens on every interface',
			evidence: [...lines, 'the listen address is set when the swarm is created or joined: re-initialise with --listen-addr naming one interface', ...published],
		};
	}

	return {status: 'pass', summary: 'The swarm listens on a specific interface', evidence: [...lines, ...published]};
}

// 7.3 ---------------------------------------------------------------------------------------------

/** The network's name, saying when it is the swarm's built-in routing-mesh network. */
const networkLabel = (name: string): string => name === 'ingress' ? 'ingress (the built-in routing-mesh network)' : name;

/** 7.3: every overlay network, including the built-in ingress network, carries the encrypted option. */
function judgeOverlayEncryption(swarm: ReachableSwarm): Finding {
	const networks = swarm.overlayNetworks;
	if (networks.length === 0) {
		return {status: 'pass', summary: 'The swarm has no overlay networks', evidence: ['docker network ls --filter driver=overlay lists no networks']};
	}

	const plain = networks.filter(network => !network.encrypted);
	const encrypted = networks.filter(network => network.encrypted).map(network => networkLabel(network.name));
	const encryptedLine = encrypted.length > 0 ? [`encrypted: ${encrypted.join(', ')}`] : [];
	if (plain.length === 0) {
		return {status: 'pass', summary: `All ${plural(networks.length, 'overlay network')} ${networks.length === 1 ? 'is' : 'are'} encrypted`, evidence: encryptedLine};
	}

	const lines = plain.map(network => `overlay network ${networkLabel(network.name)} is not encrypted (no encrypted option)`);
	if (plain.some(network => network.name === 'ingress')) {
		lines.push('ingress is created unencrypted by docker swarm init; to encrypt it, remove it while no service publishes ports and recreate it: docker network create --ingress -d overlay --opt encrypted ingress');
	}

	return {
		status: 'warn',
		summary: `${plural(plain.length, 'overlay network')} ${plain.length === 1 ? 'is' : 'are'} not encrypted: ${plain.map(network => network.name).join(', ')}`,
		evidence: [...lines, ...encryptedLine],
	};
}

// 7.4 ---------------------------------------------------------------------------------------------

/** 7.4 (manual): point at the services whose environment may hold secrets. */
function noteSecrets(swarm: ReachableSwarm): Finding {
	const names = swarm.services.map(service => service.name);
	if (names.length === 0) {
		return {
			status: 'note',
			summary: 'No swarm services yet: give future services their secrets with docker secret, not environment variables',
			evidence: ['docker service ls lists no services', 'docker secret ls lists the secrets the swarm holds'],
		};
	}

	return {
		status: 'note',
		summary: `Review how the ${plural(names.length, 'swarm service')} get their secrets: docker secret, not environment variables`,
		evidence: [
			`${plural(names.length, 'service')}: ${names.join(', ')}`,
			'look for passwords, keys and tokens in each with docker service inspect --format "{{json .Spec.TaskTemplate.ContainerSpec.Env}}" SERVICE',
			'move them to docker secret create NAME FILE and docker service update --secret-add NAME SERVICE; docker secret ls lists the secrets the swarm holds',
		],
	};
}

// 7.5 / 7.6 ---------------------------------------------------------------------------------------

const lockedLine = 'this manager is locked, which only happens when auto-lock is on: it waits for docker swarm unlock';

/** 7.5: the swarm spec's EncryptionConfig.AutoLockManagers. */
function judgeAutoLock(swarm: ReachableSwarm): Finding {
	if (swarm.autoLock === undefined) {
		return {status: 'error', summary: 'The swarm\'s auto-lock setting could not be read', evidence: [stateLine(swarm), 'docker swarm inspect shows no Spec.EncryptionConfig.AutoLockManagers']};
	}

	if (swarm.autoLock) {
		return {status: 'pass', summary: 'Swarm managers run in auto-lock mode', evidence: ['docker swarm inspect shows Spec.EncryptionConfig.AutoLockManagers true']};
	}

	return {
		status: 'warn',
		summary: 'Swarm managers do not run in auto-lock mode: the key to their encrypted state sits on their disks',
		evidence: ['docker swarm inspect shows Spec.EncryptionConfig.AutoLockManagers false', 'turn it on with docker swarm update --autolock=true and keep the printed unlock key off the managers'],
	};
}

const rotationNote = (onLine: string): Finding => ({
	status: 'note',
	summary: 'Rotate the swarm unlock key periodically with docker swarm unlock-key --rotate',
	evidence: [
		onLine,
		'docker does not record when the unlock key was last rotated: check your own records against your rotation policy',
		'rotate with docker swarm unlock-key --rotate, store the new key securely, and keep the old one until every manager has picked up the change',
	],
});

/** 7.6 (manual): only a swarm with auto-lock on has an unlock key to rotate. */
function noteUnlockKeyRotation(swarm: ReachableSwarm): Finding {
	if (swarm.autoLock !== true) {
		return {
			status: 'skip',
			summary: 'Auto-lock is off, so there is no unlock key to rotate (see 7.5)',
			evidence: [swarm.autoLock === false ? 'docker swarm inspect shows Spec.EncryptionConfig.AutoLockManagers false' : 'the swarm\'s auto-lock setting could not be read'],
		};
	}

	return rotationNote('auto-lock is on for this swarm (Spec.EncryptionConfig.AutoLockManagers true)');
}

// 7.7 ---------------------------------------------------------------------------------------------

const nanosecondsPerHour = 3_600_000_000_000;

/** The default node certificate lifetime: 90 days (2160h). */
export const defaultNodeCertExpiry = 90 * 24 * nanosecondsPerHour;

/** A duration in nanoseconds as days and hours, e.g. `90 days`, `1 day 12 hours`, `30 minutes`. */
export function formatDuration(nanoseconds: number): string {
	const totalHours = Math.floor(nanoseconds / nanosecondsPerHour);
	if (totalHours === 0) {
		return plural(Math.round(nanoseconds / (nanosecondsPerHour / 60)), 'minute');
	}

	const days = Math.floor(totalHours / 24);
	const hours = totalHours % 24;
	return [days > 0 ? plural(days, 'day') : '', hours > 0 ? plural(hours, 'hour') : ''].filter(part => part !== '').join(' ');
}

/** How the configured lifetime compares with Docker's default. */
function comparedWithDefault(expiry: number): string {
	if (expiry === defaultNodeCertExpiry) {
		return 'the default of 90 days';
	}

	return expiry > defaultNodeCertExpiry ? 'longer than the default of 90 days' : 'shorter than the default of 90 days';
}

/** 7.7 (manual): the node certificate lifetime, for review against the site's policy. */
function noteNodeCertificates(swarm: ReachableSwarm): Finding {
	const advice = 'set the lifetime your policy asks for with docker swarm update --cert-expiry HOURSh, e.g. 720h for 30 days; nodes renew their certificates automatically before they expire';
	const expiry = swarm.nodeCertExpiry;
	if (expiry === undefined || expiry <= 0) {
		return {
			status: 'note',
			summary: 'Review the node certificate lifetime: the swarm spec does not show it, Docker\'s default is 90 days',
			evidence: ['docker swarm inspect shows no Spec.CAConfig.NodeCertExpiry', 'docker info shows it under CA Configuration (Expiry Duration)', advice],
		};
	}

	const duration = formatDuration(expiry);
	return {
		status: 'note',
		summary: `Node certificates are valid for ${duration}: review whether that fits your rotation policy`,
		evidence: [`docker swarm inspect shows Spec.CAConfig.NodeCertExpiry ${Math.round(expiry / nanosecondsPerHour)}h (${duration}), ${comparedWithDefault(expiry)}`, advice],
	};
}

// 7.8 ---------------------------------------------------------------------------------------------

/** 7.8 (manual): when the root CA was issued is on its certificate. */
function noteCaRotation(swarm: ReachableSwarm): Finding {
	const nodes = swarm.nodes === undefined ? 'every node' : `all ${plural(swarm.nodes, 'node')}`;
	return {
		status: 'note',
		summary: 'Rotate the swarm root CA periodically with docker swarm ca --rotate',
		evidence: [
			'docker does not record when the root CA was last rotated: docker swarm ca | openssl x509 -noout -startdate shows when the current one was issued',
			`rotate with docker swarm ca --rotate (or --ca-cert FILE --ca-key FILE for an external CA); it reissues the certificates of ${nodes}, which must be reachable`,
		],
	};
}

// 7.9 ---------------------------------------------------------------------------------------------

/** 7.9 (manual): the address the node uses, and the advice to carry data traffic on another interface. */
function noteDataPath(swarm: ReachableSwarm): Finding {
	const summary = swarm.nodeAddress === undefined
		? 'Review whether swarm data traffic uses a separate interface (--data-path-addr)'
		: `Review whether swarm data traffic is kept off ${swarm.nodeAddress}, the management address (--data-path-addr)`;
	return {
		status: 'note',
		summary,
		evidence: [
			addressLine(swarm),
			'the API does not show whether this node joined with --data-path-addr: without it, overlay traffic (4789/udp) shares the management address',
			'give data traffic its own interface with docker swarm init (or join) --advertise-addr MGMT_ADDR --data-path-addr DATA_ADDR; an existing node has to leave and rejoin',
		],
	};
}

// Section -----------------------------------------------------------------------------------------

/** Section 7, Docker Swarm Configuration: every check reads only the swarm fact. */
export const section7Logic = {
	'7.1': swarmCheck({
		manager: judgeManagers,
		inactive: swarm => ({status: 'pass', summary: 'Swarm mode is inactive on this node, so no managers need checking', evidence: [`swarm mode is inactive on this node, so no managers need checking (${stateLine(swarm)})`]}),
		worker: swarm => swarm.managers !== undefined && swarm.managers > 0 ? judgeManagers(swarm) : skipWorker(swarm),
	}),
	'7.2': swarmCheck({manager: judgeServiceBinding}),
	'7.3': swarmCheck({manager: judgeOverlayEncryption}),
	'7.4': swarmCheck({manager: noteSecrets}),
	'7.5': swarmCheck({
		manager: judgeAutoLock,
		locked: swarm => ({status: 'pass', summary: 'Swarm managers run in auto-lock mode (this one is locked)', evidence: [stateLine(swarm), lockedLine]}),
	}),
	'7.6': swarmCheck({
		manager: noteUnlockKeyRotation,
		locked: swarm => rotationNote(`${lockedLine} (${stateLine(swarm)})`),
	}),
	'7.7': swarmCheck({
		manager: noteNodeCertificates,
		worker: swarm => swarm.nodeCertExpiry === undefined ? skipWorker(swarm) : noteNodeCertificates(swarm),
	}),
	'7.8': swarmCheck({manager: noteCaRotation}),
	'7.9': swarmCheck({manager: noteDataPath, worker: noteDataPath, locked: noteDataPath}),
} satisfies SectionLogic<Section7TextId>;
