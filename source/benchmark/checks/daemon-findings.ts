/*
What the daemon checks (section 2) share: how a setting is judged, from the running daemon (docker info) or from the
configuration alone, what is pending until a restart, and the words for the launcher, registries, TLS and seccomp.
The companion of container-findings.ts and image-findings.ts; section-2-daemon.ts keeps each check's spec and table.
*/
import type {CheckLogic} from './check-logic.js';
import type {DaemonFacts, DockerInfo, Facts} from '../../model/facts.js';
import {
	asBoolean,
	asString,
	commandLineProblem,
	configFileProblem,
	describeConflict,
	describeSetting,
	describeUnreachable,
	findSecurityOption,
	isConflict,
	lookupSetting,
	type DaemonSetting,
	type ReachableDocker,
} from '../../model/daemon-settings.js';
import type {DaemonSettingFacts} from '../plans/plan-daemon-setting.js';
import type {Finding} from '../types.js';
import type {FixOptions, PlanOutcome} from '../../model/plan.js';

/** What the running daemon shows for a setting. */
export type Running = {
	readonly good: boolean;
	/** What docker info (or the default bridge) shows, e.g. `docker info shows name=userns`. */
	readonly text: string;
	/** A summary naming the offending values, used instead of the spec's warn summary. */
	readonly summary?: string;
	/** True when the good state does not come from this setting (e.g. a rootless daemon for userns): no drift is reported. */
	readonly unrelatedToConfig?: boolean;
};

/** A check whose ground truth is the running daemon, explained by daemon settings. */
export type EffectiveSpec = {
	/** The daemon.json keys that explain the setting; the first is the main one. */
	readonly keys: readonly string[];
	/** Whether the configured settings comply; undefined when the configuration alone cannot tell (e.g. an auto-selected driver). */
	readonly configGood: (settings: readonly DaemonSetting[]) => boolean | undefined;
	readonly running: (docker: ReachableDocker) => Running;
	readonly pass: string;
	readonly warn: string;
	/** Describes the configuration; by default, each set key (or the main key when none is set). */
	readonly describe?: (daemon: DaemonFacts, settings: readonly DaemonSetting[]) => string;
};

/** A check judged from the configuration alone. */
export type ConfigSpec = {
	readonly keys: readonly string[];
	readonly judge: (settings: readonly DaemonSetting[]) => {readonly good: boolean; readonly summary: string; readonly evidence?: readonly string[]};
	readonly describe?: (daemon: DaemonFacts, settings: readonly DaemonSetting[]) => string;
};

const pendingLine = (key: string): string => `pending: ${key} is configured but not in effect until the daemon is restarted`;

/** Says what the configuration holds for these settings: each set one, or the main one when none is set. */
function describeSettings(daemon: DaemonFacts, settings: readonly DaemonSetting[]): string {
	const shown = settings.filter(setting => setting.file !== undefined || setting.flag !== undefined || !setting.known);
	return (shown.length > 0 ? shown : settings.slice(0, 1)).map(setting => describeSetting(daemon, setting)).join('; ');
}

/** Evidence about the configuration's sources: a bad config file, an unread command line, settings given twice. */
export function sourceProblems(daemon: DaemonFacts, settings: readonly DaemonSetting[]): string[] {
	const lines = [configFileProblem(daemon), commandLineProblem(daemon)].filter((line): line is string => line !== undefined);
	for (const setting of settings) {
		if (isConflict(setting)) {
			lines.push(describeConflict(daemon, setting));
		}
	}

	return lines;
}

/** Audits a check whose ground truth is `docker info`: running state decides, the configuration explains, pending settings warn. */
export function auditEffective(facts: Facts, spec: EffectiveSpec): Finding {
	const {daemon, docker} = facts;
	const settings = spec.keys.map(key => lookupSetting(daemon, key));
	const described = (spec.describe ?? describeSettings)(daemon, settings);
	const problems = sourceProblems(daemon, settings);
	const known = settings.every(setting => setting.known);
	const configGood = known ? spec.configGood(settings) : undefined;
	const key = spec.keys[0];

	if (docker.reachable) {
		const running = spec.running(docker);
		const evidence = [`${described}; ${running.text}`, ...problems];
		if (running.good) {
			if (configGood === false && !running.unrelatedToConfig) {
				evidence.push(`the configuration no longer matches what runs: at the next restart of the daemon ${key} changes and this check will fail`);
			}

			return {status: 'pass', summary: running.summary ?? spec.pass, evidence};
		}

		if (configGood === true) {
			return {status: 'warn', summary: `Pending: ${key} is configured but not in effect; restart the daemon to apply it`, evidence: [...evidence, pendingLine(key)]};
		}

		return {status: 'warn', summary: running.summary ?? spec.warn, evidence};
	}

	const evidence = [described, ...problems, describeUnreachable(docker)];
	if (!known) {
		return {status: 'error', summary: `Cannot evaluate: docker is not reachable (${docker.error}) and the daemon configuration could not be read`, evidence};
	}

	if (settings.some(setting => isConflict(setting))) {
		return {status: 'error', summary: `Cannot evaluate: docker is not reachable (${docker.error}) and ${key} is set in two places, which dockerd refuses`, evidence};
	}

	if (configGood === false) {
		return {status: 'warn', summary: `${spec.warn}; judged from the configuration, as docker is not reachable`, evidence};
	}

	return {status: 'error', summary: `Cannot confirm in docker info: docker is not reachable (${docker.error})`, evidence};
}

/** Audits a check judged from the daemon configuration alone (docker info does not show the setting). */
export function auditConfig(facts: Facts, spec: ConfigSpec): Finding {
	const {daemon} = facts;
	const settings = spec.keys.map(key => lookupSetting(daemon, key));
	const described = (spec.describe ?? describeSettings)(daemon, settings);
	const problems = sourceProblems(daemon, settings);
	if (!settings.every(setting => setting.known)) {
		return {status: 'error', summary: `Cannot evaluate: ${configFileProblem(daemon) ?? 'the daemon configuration could not be read'}`, evidence: [described, ...problems]};
	}

	const verdict = spec.judge(settings);
	return {status: verdict.good ? 'pass' : 'warn', summary: verdict.summary, evidence: [described, ...(verdict.evidence ?? []), ...problems]};
}

/** The value of the setting at this index, as a boolean. */
export const boolAt = (settings: readonly DaemonSetting[], index: number): boolean | undefined => asBoolean(settings[index]?.value);

/** Who launched the proven dockerd, where its next start's flags come from, and which daemon.json it reads. */
export function launcherLines(daemon: DaemonFacts): string[] {
	const {launcher} = daemon;
	if (!launcher) {
		return [];
	}

	const kind = launcher.kind === 'manual' ? 'no service manager' : `${launcher.kind}${launcher.unit ? ` (${launcher.unit})` : ''}`;
	return [`its launcher: ${kind}: ${launcher.how}`, `its next start's flags: ${launcher.nextFlagsHow}`, `its daemon.json: ${daemon.configFile.path} (${daemon.configFileHow ?? 'the default'})`];
}

export const loopbackCidrs = new Set(['127.0.0.0/8', '::1/128']);

/** The insecure registries of docker info, besides loopback: CIDRs and registries marked not secure. */
export function insecureRegistries(info: DockerInfo): string[] {
	const cidrs = (info.RegistryConfig?.InsecureRegistryCIDRs ?? []).filter(cidr => !loopbackCidrs.has(cidr));
	const indexes = Object.entries(info.RegistryConfig?.IndexConfigs ?? {})
		.filter(([, index]) => index.Secure === false)
		.map(([name, index]) => index.Name ?? name);
	return [...cidrs, ...indexes];
}

export const tlsKeys = ['tlsverify', 'tlscacert', 'tlscert', 'tlskey'] as const;

/** True when a daemon host address is a TCP listener (`tcp://…`, or an address without a scheme, which dockerd reads as TCP). */
export function isTcpHost(host: string): boolean {
	return host.startsWith('tcp://') || (host !== '' && !host.includes('://'));
}

/** The TLS settings missing for client authentication: tlsverify true and a CA, certificate and key. */
export function missingTls(settings: readonly DaemonSetting[]): string[] {
	return tlsKeys.filter((key, index) => {
		const value = settings[index + 1]?.value;
		return key === 'tlsverify' ? asBoolean(value) !== true : asString(value) === undefined;
	});
}

/** What docker info says about seccomp. */
export function seccompText(info: DockerInfo): string {
	const seccomp = findSecurityOption(info, 'seccomp');
	if (seccomp === undefined) {
		return 'docker info shows no seccomp option: containers run without seccomp filtering';
	}

	const profile = seccomp.profile ?? 'default';
	return profile === 'default' ? 'docker info shows name=seccomp,profile=default: the built-in default profile applies' : `docker info shows name=seccomp,profile=${profile}`;
}

/**
A daemon.json planner as a check's planFix: it gets the daemon (with its launcher, which gives the flags of the next start),
docker and host facts only.
*/
export function daemonFix(planner: (facts: DaemonSettingFacts, options: FixOptions) => PlanOutcome): NonNullable<CheckLogic['planFix']> {
	return (facts, options) => planner({daemon: facts.daemon, docker: facts.docker, host: facts.host}, options);
}
