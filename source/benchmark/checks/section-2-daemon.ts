/**
Section 2 (Docker daemon configuration): which facts each check reads and its pure audit.

The effective configuration is daemon.json merged with the dockerd flags; `docker info` is the ground truth for what runs.
- Settings visible in `docker info` (userns, storage driver, logging driver, live restore, experimental, registries, the default bridge):
  the running daemon decides; a setting configured but not yet running is "pending" and warns until the daemon is restarted.
  When the daemon does not answer, a configuration that is bad on its own warns; anything else is an error (it cannot be confirmed).
- Settings `docker info` does not show (log level, iptables, TLS, cgroup parent, …) are judged from the configuration alone.
*/
import type {Facts} from '../../model/facts.js';
import type {Finding} from '../types.js';
import {
	asBoolean,
	asString,
	asStringList,
	describeSetting,
	describeUnreachable,
	formatValue,
	hasSecurityOption,
	lookupSetting,
	settingLocation,
	swarmActive,
} from '../../model/daemon-settings.js';
import type {SectionLogic} from './check-logic.js';
import type {Section2TextId} from '../text/section-2-daemon.js';
import {devicemapperCheck} from './storage-driver.js';
import {uidLines} from './uid-lines.js';
import {
	planExperimental,
	planIcc,
	planIptables,
	planLiveRestore,
	planLogLevel,
	planNoNewPrivileges,
	planUserlandProxy,
	planUsernsRemap,
} from '../plans/plan-daemon-setting.js';
import {type ConfigSpec, type EffectiveSpec, auditConfig, auditEffective, boolAt, daemonFix, insecureRegistries, isTcpHost, launcherLines, loopbackCidrs, missingTls, seccompText, sourceProblems, tlsKeys} from './daemon-findings.js';

// 2.1 ---------------------------------------------------------------------------------------------

/** 2.1: rootless daemon (docker info `name=rootless`, else a dockerd process not owned by root). Manual: note otherwise. */
function auditRootless(facts: Facts): Finding {
	const {daemon, docker} = facts;
	const dockerd = daemon.process;
	const processLine = dockerd === undefined
		? `no dockerd process was proven to serve the socket: ${daemon.processNote}`
		: (dockerd.uid === undefined ? `the owner of dockerd pid ${dockerd.pid} is unknown` : `dockerd pid ${dockerd.pid} runs as uid ${dockerd.uid}${dockerd.uid === 0 ? ' (root)' : ''}`);
	const how = dockerd === undefined ? [] : [daemon.processNote, ...launcherLines(daemon)];
	if (docker.reachable) {
		if (hasSecurityOption(docker.info, 'rootless')) {
			return {status: 'pass', summary: 'The Docker daemon runs rootless', evidence: ['docker info shows name=rootless', processLine, ...how]};
		}

		return {status: 'note', summary: 'The Docker daemon runs as root; review whether rootless mode is possible here', evidence: ['docker info shows no name=rootless', processLine, ...how]};
	}

	if (dockerd?.uid !== undefined && dockerd.uid !== 0) {
		return {status: 'pass', summary: 'The Docker daemon runs as a non-root user', evidence: [processLine, ...how, describeUnreachable(docker)]};
	}

	return {status: 'note', summary: 'Review whether the Docker daemon can run rootless (docker is not reachable to confirm how it runs)', evidence: [processLine, ...how, describeUnreachable(docker)]};
}

// 2.2 ---------------------------------------------------------------------------------------------

const iccOption = 'com.docker.network.bridge.enable_icc';

/** 2.2: inter-container communication on the default bridge, from the default bridge's enable_icc option. */
const iccSpec: EffectiveSpec = {
	keys: ['icc', 'bridge'],
	configGood: ([icc, bridge]) => asBoolean(icc.value) === false || asString(bridge.value) === 'none',
	running(docker) {
		if (docker.defaultBridge === undefined) {
			return {good: true, text: 'the daemon has no default bridge network, so there is no traffic on it to restrict', summary: 'The daemon has no default bridge network'};
		}

		const value = docker.defaultBridge.options[iccOption];
		if (value === undefined) {
			return {good: false, text: `the default bridge network has no ${iccOption} option (icc is on by default)`};
		}

		return {good: asBoolean(value) === false, text: `the default bridge network has ${iccOption}=${value}`};
	},
	pass: 'Traffic between containers on the default bridge is restricted',
	warn: 'Containers on the default bridge can talk to each other (icc is on)',
};

// 2.3 ---------------------------------------------------------------------------------------------

/** 2.3: log-level unset or info; `debug: true` forces debug. */
const logLevelSpec: ConfigSpec = {
	keys: ['log-level', 'debug'],
	judge([level, debug]) {
		if (asBoolean(debug.value) === true) {
			return {good: false, summary: 'Debug mode is on, which sets the log level to debug', evidence: ['debug: true makes dockerd log at debug level whatever log-level says']};
		}

		const value = asString(level.value);
		if (value === undefined || value.toLowerCase() === 'info') {
			return {good: true, summary: value === undefined ? 'The log level is the default, info' : 'The log level is info'};
		}

		return {good: false, summary: `The log level is ${value}, not info`};
	},
};

// 2.4 ---------------------------------------------------------------------------------------------

/** 2.4: iptables not disabled. */
const iptablesSpec: ConfigSpec = {
	keys: ['iptables'],
	judge: settings => boolAt(settings, 0) === false
		? {good: false, summary: 'Docker is not allowed to manage iptables (iptables is false)'}
		: {good: true, summary: 'Docker manages iptables (iptables is not disabled)'},
};

// 2.5 ---------------------------------------------------------------------------------------------

/** 2.5: no insecure registries besides 127.0.0.0/8. */
const registrySpec: EffectiveSpec = {
	keys: ['insecure-registries'],
	configGood: ([registries]) => asStringList(registries.value).every(entry => loopbackCidrs.has(entry)),
	running(docker) {
		const insecure = insecureRegistries(docker.info);
		if (insecure.length === 0) {
			return {good: true, text: `docker info shows no insecure registries besides ${[...loopbackCidrs].join(' and ')}`};
		}

		return {
			good: false,
			text: `docker info RegistryConfig shows insecure registries: ${insecure.join(', ')}`,
			summary: `Insecure registries are in use: ${insecure.join(', ')}`,
		};
	},
	pass: 'No insecure registries are used',
	warn: 'Insecure registries are configured',
};

// 2.6 ---------------------------------------------------------------------------------------------

/** 2.6: storage driver is not aufs. */
const aufsSpec: EffectiveSpec = {
	keys: ['storage-driver'],
	configGood([driver]) {
		const value = asString(driver.value);
		return value === undefined ? undefined : value !== 'aufs';
	},
	running: docker => docker.info.Driver === undefined
		? {good: true, text: 'docker info shows no storage driver'}
		: {good: docker.info.Driver !== 'aufs', text: `docker info shows Driver: ${docker.info.Driver}`},
	pass: 'The aufs storage driver is not used',
	warn: 'The aufs storage driver is used',
};

// 2.7 ---------------------------------------------------------------------------------------------

/** 2.7: TCP listeners require TLS client authentication. */
const tlsSpec: ConfigSpec = {
	keys: ['hosts', ...tlsKeys],
	judge(settings) {
		const tcp = asStringList(settings[0].value).filter(host => isTcpHost(host));
		if (tcp.length === 0) {
			return {good: true, summary: 'The daemon listens on no TCP socket (unix socket or socket activation only)'};
		}

		const missing = missingTls(settings);
		if (missing.length === 0) {
			return {good: true, summary: `The TCP listener ${tcp.join(', ')} requires TLS client certificates`};
		}

		return {
			good: false,
			summary: `The daemon listens on ${tcp.join(', ')} without TLS client authentication`,
			evidence: tcp.map(host => `${host} is served without ${missing.join(', ')}`),
		};
	},
	describe(daemon, settings) {
		const [hosts, ...tls] = settings;
		const hostLine = hosts.file === undefined && hosts.flag === undefined && hosts.known
			? `hosts is set ${settingLocation(daemon, hosts)}: dockerd listens on its default unix socket only`
			: describeSetting(daemon, hosts);
		const tlsSet = tls.filter(setting => setting.file !== undefined || setting.flag !== undefined);
		return [hostLine, ...tlsSet.map(setting => describeSetting(daemon, setting))].join('; ');
	},
};

// 2.8 ---------------------------------------------------------------------------------------------

/** 2.8: default ulimits (manual): report what is configured. */
function auditUlimits(facts: Facts): Finding {
	const {daemon} = facts;
	const setting = lookupSetting(daemon, 'default-ulimits');
	const evidence = [describeSetting(daemon, setting), ...sourceProblems(daemon, [setting])];
	const set = setting.value !== undefined && formatValue(setting.value) !== '{}' && formatValue(setting.value) !== '[]';
	const summary = set
		? `Review the default ulimits: ${formatValue(setting.value)}`
		: (setting.known ? 'No default ulimits are set (containers inherit the daemon\'s limits); review whether they are needed' : 'Review the default ulimits (the daemon configuration could not be read)');
	return {status: 'note', summary, evidence};
}

// 2.9 ---------------------------------------------------------------------------------------------

/** 2.9: user namespace remapping, confirmed by docker info `name=userns`. */
const usernsSpec: EffectiveSpec = {
	keys: ['userns-remap'],
	configGood: ([remap]) => asString(remap.value) !== undefined,
	running(docker) {
		if (hasSecurityOption(docker.info, 'userns')) {
			return {good: true, text: 'docker info shows name=userns'};
		}

		if (hasSecurityOption(docker.info, 'rootless')) {
			return {good: true, text: 'docker info shows name=rootless: the daemon itself runs in a user namespace', unrelatedToConfig: true};
		}

		return {good: false, text: 'docker info shows no userns'};
	},
	pass: 'User namespace remapping is in effect',
	warn: 'User namespace remapping is not enabled',
};

/** 2.9's audit, followed (when the daemon answers) by the uid of each running container's init in the container and on the host. */
function auditUserns(facts: Facts): Finding {
	const finding = auditEffective(facts, usernsSpec);
	const lines = facts.docker.reachable ? uidLines(facts.containers, facts.processes) : [];
	return {...finding, evidence: [...finding.evidence, ...lines]};
}

// 2.10 --------------------------------------------------------------------------------------------

/** 2.10: cgroup-parent left at its default. */
const cgroupSpec: ConfigSpec = {
	keys: ['cgroup-parent'],
	judge([parent]) {
		const value = asString(parent.value);
		return value === undefined
			? {good: true, summary: 'Containers use the default cgroup parent'}
			: {good: false, summary: `The default cgroup parent is changed to ${formatValue(value)}: confirm that this is intended`};
	},
};

// 2.11 --------------------------------------------------------------------------------------------

/** 2.11: no dm.basesize storage option. */
const baseSizeSpec: ConfigSpec = {
	keys: ['storage-opts'],
	judge([options]) {
		const baseSize = asStringList(options.value).filter(option => option.trim().toLowerCase().startsWith('dm.basesize'));
		return baseSize.length === 0
			? {good: true, summary: 'The base device size is not changed (no dm.basesize storage option)'}
			: {good: false, summary: `The base device size is changed: ${baseSize.join(', ')}`};
	},
};

// 2.12 --------------------------------------------------------------------------------------------

/** 2.12: an authorization plugin is configured. */
const authzSpec: ConfigSpec = {
	keys: ['authorization-plugins'],
	judge([plugins]) {
		const names = asStringList(plugins.value);
		return names.length === 0
			? {good: false, summary: 'No authorization plugin controls Docker client commands'}
			: {good: true, summary: `Docker client commands are authorized by ${names.join(', ')}`};
	},
};

// 2.13 --------------------------------------------------------------------------------------------

const localLogDrivers = new Set(['json-file', 'local', 'none']);

/** 2.13: a centralized / remote logging driver. */
const loggingSpec: EffectiveSpec = {
	keys: ['log-driver'],
	configGood: ([driver]) => !localLogDrivers.has(asString(driver.value) ?? 'json-file'),
	running(docker) {
		const driver = docker.info.LoggingDriver ?? 'json-file';
		const text = docker.info.LoggingDriver === undefined ? 'docker info shows no LoggingDriver (json-file is the default)' : `docker info shows LoggingDriver: ${driver}`;
		return localLogDrivers.has(driver)
			? {good: false, text, summary: `Container logs stay on this host (logging driver ${driver})`}
			: {good: true, text, summary: `Container logs go to the ${driver} logging driver`};
	},
	pass: 'Container logs are shipped by a centralized logging driver',
	warn: 'Container logs stay on this host (no centralized logging driver)',
};

// 2.14 --------------------------------------------------------------------------------------------

/** 2.14: no-new-privileges by default. */
const noNewPrivilegesSpec: ConfigSpec = {
	keys: ['no-new-privileges'],
	judge: settings => boolAt(settings, 0) === true
		? {good: true, summary: 'Containers cannot acquire new privileges by default'}
		: {good: false, summary: 'Containers may acquire new privileges (no-new-privileges is not true)'},
};

// 2.15 --------------------------------------------------------------------------------------------

/** 2.15: live restore, confirmed by docker info LiveRestoreEnabled. */
const liveRestoreSpec: EffectiveSpec = {
	keys: ['live-restore'],
	configGood: settings => boolAt(settings, 0) === true,
	running: docker => ({good: docker.info.LiveRestoreEnabled === true, text: `docker info shows LiveRestoreEnabled: ${String(docker.info.LiveRestoreEnabled ?? false)}`}),
	pass: 'Live restore is enabled',
	warn: 'Live restore is not enabled',
};

/** 2.15: on a swarm node live restore does not apply (dockerd refuses it there), so the check is skipped and offers no fix. */
function auditLiveRestore(facts: Facts): Finding {
	const {docker} = facts;
	if (swarmActive(docker)) {
		const state = docker.reachable ? docker.info.Swarm?.LocalNodeState : undefined;
		return {
			status: 'skip',
			summary: 'Not applicable on a swarm node: dockerd does not support live restore in swarm mode',
			evidence: [`docker info shows Swarm.LocalNodeState: ${state ?? '?'}`, `${describeSetting(facts.daemon, lookupSetting(facts.daemon, 'live-restore'))}; dockerd refuses to start its cluster component with live-restore, so this node cannot have it while it is in a swarm`],
		};
	}

	return auditEffective(facts, liveRestoreSpec);
}

// 2.16 --------------------------------------------------------------------------------------------

/** 2.16: userland proxy disabled. */
const userlandProxySpec: ConfigSpec = {
	keys: ['userland-proxy'],
	judge: settings => boolAt(settings, 0) === false
		? {good: true, summary: 'The userland proxy is disabled'}
		: {good: false, summary: 'The userland proxy is enabled (userland-proxy is not false)'},
};

// 2.17 --------------------------------------------------------------------------------------------

/** 2.17: daemon-wide seccomp profile (manual): report what is configured and running. */
function auditSeccomp(facts: Facts): Finding {
	const {daemon, docker} = facts;
	const setting = lookupSetting(daemon, 'seccomp-profile');
	const running = docker.reachable ? seccompText(docker.info) : describeUnreachable(docker);
	return {
		status: 'note',
		summary: 'Review whether a custom daemon-wide seccomp profile is appropriate here',
		evidence: [`${describeSetting(daemon, setting)}; ${running}`, ...sourceProblems(daemon, [setting])],
	};
}

// 2.18 --------------------------------------------------------------------------------------------

/** 2.18: experimental features off, confirmed by docker info ExperimentalBuild. */
const experimentalSpec: EffectiveSpec = {
	keys: ['experimental'],
	configGood: settings => boolAt(settings, 0) !== true,
	running: docker => ({good: docker.info.ExperimentalBuild !== true, text: `docker info shows ExperimentalBuild: ${String(docker.info.ExperimentalBuild ?? false)}`}),
	pass: 'Experimental features are disabled',
	warn: 'Experimental features are enabled',
};

/**
Check behaviour of section 2, keyed by check id. The daemon.json fixes (2.2, 2.3, 2.4, 2.9, 2.14, 2.15, 2.16, 2.18) need `docker` and `host`
besides `daemon`: they restart the daemon through the host's service manager and check the result.
*/
export const section2Logic = {
	'2.1': {needs: ['daemon', 'docker'], audit: auditRootless},
	'2.2': {needs: ['daemon', 'docker', 'host'], audit: facts => auditEffective(facts, iccSpec), planFix: daemonFix(planIcc)},
	'2.3': {needs: ['daemon', 'docker', 'host'], audit: facts => auditConfig(facts, logLevelSpec), planFix: daemonFix(planLogLevel)},
	'2.4': {needs: ['daemon', 'docker', 'host'], audit: facts => auditConfig(facts, iptablesSpec), planFix: daemonFix(planIptables)},
	'2.5': {needs: ['daemon', 'docker'], audit: facts => auditEffective(facts, registrySpec)},
	'2.6': {needs: ['daemon', 'docker'], audit: facts => auditEffective(facts, aufsSpec)},
	'2.7@1.8.0': devicemapperCheck,
	'2.7': {needs: ['daemon'], audit: facts => auditConfig(facts, tlsSpec)},
	'2.8': {needs: ['daemon'], audit: auditUlimits},
	'2.9': {needs: ['daemon', 'docker', 'host', 'containers', 'processes'], audit: auditUserns, planFix: daemonFix(planUsernsRemap)},
	'2.10': {needs: ['daemon'], audit: facts => auditConfig(facts, cgroupSpec)},
	'2.11': {needs: ['daemon'], audit: facts => auditConfig(facts, baseSizeSpec)},
	'2.12': {needs: ['daemon'], audit: facts => auditConfig(facts, authzSpec)},
	'2.13': {needs: ['daemon', 'docker'], audit: facts => auditEffective(facts, loggingSpec)},
	'2.14': {needs: ['daemon', 'docker', 'host'], audit: facts => auditConfig(facts, noNewPrivilegesSpec), planFix: daemonFix(planNoNewPrivileges)},
	'2.15': {needs: ['daemon', 'docker', 'host'], audit: auditLiveRestore, planFix: daemonFix(planLiveRestore)},
	'2.16': {needs: ['daemon', 'docker', 'host'], audit: facts => auditConfig(facts, userlandProxySpec), planFix: daemonFix(planUserlandProxy)},
	'2.17': {needs: ['daemon', 'docker'], audit: auditSeccomp},
	'2.18': {needs: ['daemon', 'docker', 'host'], audit: facts => auditEffective(facts, experimentalSpec), planFix: daemonFix(planExperimental)},
} satisfies SectionLogic<Section2TextId>;
