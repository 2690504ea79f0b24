/**
v1.8.0's 2.7: the devicemapper storage driver is not used. Docker Engine 25.0 removed devicemapper, so a daemon.json or a
dockerd flag that still names it is a finding on its own: that daemon either runs an old engine on devicemapper, or does not
start at its next restart. The running driver (`docker info` Driver) and the configured `storage-driver` are both evidence.
*/
import type {Facts} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {asString, commandLineProblem, configFileProblem, describeConflict, describeSetting, describeUnreachable, isConflict, lookupSetting} from '../../model/daemon-settings.js';
import type {CheckLogic} from './check-logic.js';

const driver = 'devicemapper';

/** Audits v1.8.0's 2.7 from `docker info` Driver and the configured storage-driver (daemon.json and the dockerd flags). */
export function auditDevicemapper({daemon, docker}: Facts): Finding {
	const setting = lookupSetting(daemon, 'storage-driver');
	const configured = [setting.file?.value, setting.flag?.value].map(value => asString(value)).filter((value): value is string => value !== undefined);
	const named = configured.some(value => value.toLowerCase() === driver);
	const problems = [configFileProblem(daemon), commandLineProblem(daemon), isConflict(setting) ? describeConflict(daemon, setting) : undefined].filter((line): line is string => line !== undefined);
	const described = describeSetting(daemon, setting);
	const running = docker.reachable ? docker.info.Driver : undefined;
	const runningLine = docker.reachable ? (running === undefined ? 'docker info shows no storage driver' : `docker info shows Driver: ${running}`) : describeUnreachable(docker);

	if (running === driver) {
		return {status: 'warn', summary: 'The devicemapper storage driver is used', evidence: [`${described}; ${runningLine}`, ...problems]};
	}

	if (named) {
		const consequence = docker.reachable
			? `the daemon runs with ${running ?? 'another driver'} now, but its next start reads storage-driver devicemapper, which Docker Engine 25.0 and later refuse`
			: 'a daemon configured for devicemapper does not start on Docker Engine 25.0 and later, which may be why it does not answer';
		return {status: 'warn', summary: `The devicemapper storage driver is configured${docker.reachable ? '' : '; judged from the configuration, as docker is not reachable'}`, evidence: [`${described}; ${runningLine}`, consequence, ...problems]};
	}

	if (docker.reachable) {
		return {status: 'pass', summary: 'The devicemapper storage driver is not used', evidence: [`${described}; ${runningLine}`, ...problems]};
	}

	if (!setting.known) {
		return {status: 'error', summary: `Cannot evaluate: docker is not reachable (${docker.error}) and the daemon configuration could not be read`, evidence: [described, runningLine, ...problems]};
	}

	if (configured.length > 0) {
		return {status: 'pass', summary: `The configured storage driver is ${configured[0]}, not devicemapper; judged from the configuration, as docker is not reachable`, evidence: [described, runningLine, ...problems]};
	}

	return {status: 'error', summary: `Cannot confirm in docker info: docker is not reachable (${docker.error}) and no storage driver is configured, so the daemon picks one at start`, evidence: [described, runningLine, ...problems]};
}

/** v1.8.0's 2.7: reads the daemon configuration and docker info; no automated fix (moving the data between drivers is the operator's). */
export const devicemapperCheck: CheckLogic = {needs: ['daemon', 'docker'], audit: auditDevicemapper};
