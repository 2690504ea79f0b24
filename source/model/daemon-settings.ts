/**
Pure helpers over the daemon facts: where a daemon setting is configured (daemon.json, dockerd flags, or both), how to say so in evidence, and what `docker info` shows.

Settings are named by their daemon.json keys everywhere (`userns-remap`, `icc`, `hosts`, …); `DaemonFacts.flags` is already keyed that way.
*/
import type {DaemonConfigFile, DaemonFacts, DockerFacts, DockerInfo} from './facts.js';

/** The Docker facts of a daemon that answered. */
export type ReachableDocker = Extract<DockerFacts, {readonly reachable: true}>;

/** One daemon setting, looked up in the config file and in the dockerd flags. */
export type DaemonSetting = {
	/** The daemon.json key. */
	readonly key: string;
	/** Present when the key is in the config file (which was read and parsed). */
	readonly file?: {readonly value: unknown};
	/** Present when the setting is given on the dockerd command line. */
	readonly flag?: {readonly value: string | boolean | readonly string[]};
	/** False when the config file could not be read or parsed and the setting is not a flag: nothing can be said about it. */
	readonly known: boolean;
	/** The value the running dockerd took: the flag's (a file value beside it was added after the start), else the file's; undefined when unset. */
	readonly value: unknown;
};

const commandLine = 'on the dockerd command line';

/** The parsed config file, or undefined when it is absent, unreadable or malformed. */
export function configObject(daemon: DaemonFacts): Readonly<Record<string, unknown>> | undefined {
	return daemon.configFile.state === 'ok' ? daemon.configFile.config : undefined;
}

/** True when the config file's content is known: it was parsed, or it does not exist (no settings). */
export function configReadable(daemon: DaemonFacts): boolean {
	return daemon.configFile.state === 'ok' || daemon.configFile.state === 'absent';
}

/** Looks a setting up by its daemon.json key in the config file and the dockerd flags. */
export function lookupSetting(daemon: DaemonFacts, key: string): DaemonSetting {
	const config = configObject(daemon);
	const file = config !== undefined && Object.hasOwn(config, key) ? {value: config[key]} : undefined;
	const flag = Object.hasOwn(daemon.flags, key) ? {value: daemon.flags[key]} : undefined;
	return {
		key,
		file,
		flag,
		known: flag !== undefined || configReadable(daemon),
		value: flag === undefined ? file?.value : flag.value,
	};
}

/** True when the setting is in both the config file and the dockerd flags, which dockerd refuses at start. */
export function isConflict(setting: DaemonSetting): boolean {
	return setting.file !== undefined && setting.flag !== undefined;
}

/** The keys set both in the config file and as dockerd flags. */
export function conflictingKeys(daemon: DaemonFacts): string[] {
	const config = configObject(daemon) ?? {};
	return Object.keys(daemon.flags).filter(key => Object.hasOwn(config, key));
}

/** Where a setting is given: "in FILE", "on the dockerd command line", "both in FILE and on the dockerd command line", or "neither in FILE nor on the dockerd command line". */
export function settingLocation(daemon: DaemonFacts, setting: DaemonSetting): string {
	const path = daemon.configFile.path;
	if (setting.file && setting.flag) {
		return `both in ${path} and ${commandLine}`;
	}

	if (setting.file) {
		return `in ${path}`;
	}

	if (setting.flag) {
		return commandLine;
	}

	return `neither in ${path} nor ${commandLine}`;
}

/** A configured value as evidence shows it: strings quoted, lists and objects as JSON. */
export function formatValue(value: unknown): string {
	return value === undefined ? 'unset' : JSON.stringify(value);
}

/**
One evidence line saying what a setting is and where, e.g. `userns-remap is "default" in /etc/docker/daemon.json`,
`icc is false on the dockerd command line`, `userns-remap is set neither in /etc/docker/daemon.json nor on the dockerd command line`.
*/
export function describeSetting(daemon: DaemonFacts, setting: DaemonSetting): string {
	const {key, file, flag} = setting;
	const path = daemon.configFile.path;
	if (file && flag) {
		return `${key} is ${formatValue(file.value)} in ${path} and ${formatValue(flag.value)} ${commandLine}`;
	}

	if (file) {
		return `${key} is ${formatValue(file.value)} in ${path}`;
	}

	if (flag) {
		return `${key} is ${formatValue(flag.value)} ${commandLine}`;
	}

	if (!setting.known) {
		return `${key} is not ${commandLine}, and its value in ${path} is unknown`;
	}

	return `${key} is set ${settingLocation(daemon, setting)}`;
}

/** The evidence line for a setting given in both places, which dockerd refuses when it starts. */
export function describeConflict(daemon: DaemonFacts, setting: DaemonSetting): string {
	return `${setting.key} is set ${settingLocation(daemon, setting)}: dockerd refuses to start with a setting in both places, so the next restart will fail`;
}

/** Describes the config file's state for evidence: absent, malformed (with the parser error), unreadable (with the error), or read. */
export function describeConfigFile(file: DaemonConfigFile): string {
	switch (file.state) {
		case 'unknown': {
			return 'no daemon.json was read: no dockerd was proven to serve the Docker host, so any file would be a guess';
		}

		case 'absent': {
			return `${file.path} does not exist`;
		}

		case 'malformed': {
			return `${file.path} is malformed: ${file.error}`;
		}

		case 'unreadable': {
			return `${file.path} could not be read: ${file.error}`;
		}

		case 'ok': {
			return `${file.path} was read`;
		}
	}
}

/** The evidence line for a config file that is malformed or unreadable, else undefined. */
export function configFileProblem(daemon: DaemonFacts): string | undefined {
	return configReadable(daemon) ? undefined : describeConfigFile(daemon.configFile);
}

/** The evidence line saying the dockerd command line was not read (no process matched), else undefined. */
export function commandLineProblem(daemon: DaemonFacts): string | undefined {
	return daemon.process === undefined ? `the dockerd command line was not read: ${daemon.processNote}` : undefined;
}

/** A setting value read as a boolean: true/false, or the strings "true"/"false"/"1"/"0"; undefined otherwise. */
export function asBoolean(value: unknown): boolean | undefined {
	if (typeof value === 'boolean') {
		return value;
	}

	if (value === 'true' || value === '1') {
		return true;
	}

	if (value === 'false' || value === '0') {
		return false;
	}

	return undefined;
}

/** A setting value read as a list of strings: a list as is, a single string as a one-item list, anything else as empty. */
export function asStringList(value: unknown): string[] {
	if (typeof value === 'string') {
		return value === '' ? [] : [value];
	}

	if (Array.isArray(value)) {
		return value.filter((item): item is string => typeof item === 'string');
	}

	return [];
}

/** A setting value read as a non-empty string, else undefined. */
export function asString(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `docker info` when the daemon answered, else undefined. */
export function dockerInfo(docker: DockerFacts): DockerInfo | undefined {
	return docker.reachable ? docker.info : undefined;
}

/** The evidence line for a daemon that did not answer, with the error. */
export function describeUnreachable(docker: Extract<DockerFacts, {readonly reachable: false}>): string {
	return `docker at ${docker.host} is not reachable: ${docker.error}`;
}

/** Parses one `docker info` security option, e.g. `name=seccomp,profile=default` → {name: 'seccomp', profile: 'default'}; a bare `apparmor` (old daemons) → {name: 'apparmor'}. */
export function parseSecurityOption(option: string): Readonly<Record<string, string>> {
	const fields: Record<string, string> = {};
	for (const part of option.split(',')) {
		const index = part.indexOf('=');
		if (index === -1) {
			fields.name ??= part.trim();
		} else {
			fields[part.slice(0, index).trim()] = part.slice(index + 1).trim();
		}
	}

	return fields;
}

/** The `docker info` security option with this name (`userns`, `rootless`, `seccomp`, …) parsed into its fields, or undefined. */
export function findSecurityOption(info: DockerInfo, name: string): Readonly<Record<string, string>> | undefined {
	for (const option of info.SecurityOptions ?? []) {
		const fields = parseSecurityOption(option);
		if (fields.name === name) {
			return fields;
		}
	}

	return undefined;
}

/** True when `docker info` lists the security option with this name, e.g. `hasSecurityOption(info, 'userns')` for `name=userns`. */
export function hasSecurityOption(info: DockerInfo, name: string): boolean {
	return findSecurityOption(info, name) !== undefined;
}

/** True when this node takes part in a swarm, by docker info Swarm.LocalNodeState. */
export function swarmActive(docker: DockerFacts): boolean {
	const state = docker.reachable ? docker.info.Swarm?.LocalNodeState : undefined;
	return state === 'active' || state === 'pending' || state === 'locked' || state === 'error';
}
