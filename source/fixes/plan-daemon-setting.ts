import type {DaemonFacts, Facts, HostIdentity} from '../benchmark/facts.js';
import type {FixOptions, PlanOutcome, RestartMethod} from './types.js';

/** How this host restarts dockerd: --restart-command, else systemd when it runs, else the service script. */
export function restartMethod(host: HostIdentity, options: FixOptions): RestartMethod | undefined {
	if (options.restartCommand) {
		return {kind: 'command', argv: ['sh', '-c', options.restartCommand]};
	}

	if (host.systemd) {
		return {kind: 'systemd', argv: ['systemctl', 'restart', 'docker.service']};
	}

	if (host.serviceScript) {
		return {kind: 'service', argv: [host.serviceScript, 'restart']};
	}

	return undefined;
}

/** The indentation a JSON text uses, to keep the operator's style. */
export function detectIndent(text: string): string {
	return /^([ \t]+)"/m.exec(text)?.[1] ?? '\t';
}

/** A flag given on the dockerd command line, written as the operator would have typed it. */
function flagText(daemon: DaemonFacts, key: string): string | undefined {
	const value = daemon.flags[key];
	if (value === undefined) {
		return undefined;
	}

	return value === true ? `--${key}` : `--${key}=${Array.isArray(value) ? value.join(',') : String(value)}`;
}

export type DaemonSettingChange = {
	readonly key: string;
	/** The new value; undefined removes the key. */
	readonly value: unknown;
	readonly title: string;
	/** A `docker info` security option that must show after the restart. */
	readonly expectSecurityOption?: string;
	readonly warnings: readonly string[];
};

/**
Plans a change of one daemon.json key: write the file (every other key kept), restart the daemon, verify.
Refuses a malformed or unreadable daemon.json, a key that is also a dockerd flag, an unreachable daemon, and a host without a known way to restart dockerd.
*/
export function planDaemonSetting(facts: Pick<Facts, 'daemon' | 'docker' | 'host'>, change: DaemonSettingChange, options: FixOptions): PlanOutcome {
	const {daemon, docker, host} = facts;
	const file = daemon.configFile;
	if (file.state === 'malformed') {
		return {ok: false, code: 'malformed-config', reason: `${file.path} is not valid JSON (${file.error}): fix it by hand first; dockwarden never overwrites a malformed daemon.json`};
	}

	if (file.state === 'unreadable') {
		return {ok: false, code: 'malformed-config', reason: `${file.path} cannot be read (${file.error})`};
	}

	const flag = flagText(daemon, change.key);
	if (flag) {
		return {ok: false, code: 'flag-conflict', reason: `${change.key} is also given on the dockerd command line (${flag}, pid ${daemon.process?.pid ?? '?'}): dockerd refuses to start when a setting is both a flag and in ${file.path}; change or remove the flag in the unit file or service configuration instead`};
	}

	if (!docker.reachable) {
		return {ok: false, code: 'docker-unreachable', reason: `cannot reach the Docker daemon at ${docker.host} (${docker.error}): the fix must restart it and check the result`};
	}

	const method = restartMethod(host, options);
	if (!method) {
		return {ok: false, code: 'not-applicable', reason: 'this host has neither systemd nor /etc/init.d/docker: give the command that restarts dockerd with --restart-command'};
	}

	const config: Record<string, unknown> = file.state === 'ok' ? {...file.config} : {};
	const before = file.state === 'ok' ? file.text : undefined;
	const alreadySet = JSON.stringify(config[change.key]) === JSON.stringify(change.value);
	if (change.value === undefined) {
		delete config[change.key];
	} else {
		config[change.key] = change.value;
	}

	const after = alreadySet && before !== undefined ? before : `${JSON.stringify(config, undefined, detectIndent(before ?? ''))}\n`;
	const steps = [
		...(after === before ? [] : [{kind: 'write' as const, path: file.path, before, after, mode: 0o644}]),
		{kind: 'restart-daemon' as const, method, expectSecurityOption: change.expectSecurityOption},
	];
	return {ok: true, plan: {checkIds: [], title: change.title, steps, warnings: change.warnings, needsRoot: true}};
}

/** Plans 2.9: "userns-remap": "default" in daemon.json, then a restart, with the impact in this host's numbers. */
export function planUsernsRemap(facts: Facts, options: FixOptions): PlanOutcome {
	const {docker} = facts;
	const warnings: string[] = [];
	if (docker.reachable) {
		const {Images = 0, Containers = 0} = docker.info;
		const running = docker.runningContainers;
		warnings.push(
			`${Images} image${Images === 1 ? '' : 's'} and ${Containers} container${Containers === 1 ? '' : 's'} stay under the current data root (${docker.info.DockerRootDir ?? '?'}) and become invisible until remapping is turned off: pull or rebuild what you need afterwards`,
			running.length > 0
				? `the restart stops ${running.length} running container${running.length === 1 ? '' : 's'}: ${running.map(container => container.name).join(', ')}`
				: 'no container is running, so the restart stops none',
		);
	}

	warnings.push(
		'containers that need the host\'s namespaces or --privileged must then be started with --userns=host',
		'dockerd creates the dockremap user and its /etc/subuid and /etc/subgid ranges on start; files in bind mounts appear owned by nobody inside containers',
	);
	return planDaemonSetting(facts, {key: 'userns-remap', value: 'default', title: 'Turn on user-namespace remapping (userns-remap: default)', expectSecurityOption: 'name=userns', warnings}, options);
}
