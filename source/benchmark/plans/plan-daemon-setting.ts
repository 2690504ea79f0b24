/**
Plans the daemon.json fixes of section 2: change keys of daemon.json (every other key kept), restart the daemon, verify.
Each planner gives the impact of its change in plain words; `planDaemonSetting` does the shared refusals and the pre-flight of the new file.
*/
import type {DaemonFacts, DockerFacts, Facts} from '../../model/facts.js';
import {asBoolean, lookupSetting, swarmActive} from '../../model/daemon-settings.js';
import {candidateProblems, flagText} from './candidate-config.js';
import {removeTopLevelKey, setTopLevelKey} from './json-object-edit.js';
import type {FixOptions, PlanOutcome, RestartMethod, Step} from '../../model/plan.js';

/** How the proven dockerd is restarted: --restart-command, else through its launcher (systemd, snap, the init script); undefined when it was started by hand. */
export function restartMethod(daemon: DaemonFacts, options: FixOptions): RestartMethod | undefined {
	if (options.restartCommand) {
		return {kind: 'command', argv: ['sh', '-c', options.restartCommand]};
	}

	const restart = daemon.launcher?.restart;
	if (!restart) {
		return undefined;
	}

	return {kind: daemon.launcher!.kind === 'systemd' || daemon.launcher!.kind === 'systemd-user' ? 'systemd' : 'service', argv: restart};
}

/** The indentation a JSON text uses, to keep the operator's style. */
export function detectIndent(text: string): string {
	return /^([ \t]+)"/m.exec(text)?.[1] ?? '\t';
}

/** One daemon.json key to set, or to remove (value undefined). */
export type KeyChange = {
	readonly key: string;
	/** The new value; undefined removes the key. */
	readonly value: unknown;
};

/** True when the config already has every change: the key with an equal value, or no key for a removal. */
function hasChanges(config: Readonly<Record<string, unknown>>, changes: readonly KeyChange[]): boolean {
	return changes.every(({key, value}) => value === undefined
		? !Object.hasOwn(config, key)
		: Object.hasOwn(config, key) && JSON.stringify(config[key]) === JSON.stringify(value));
}

/** A daemon.json text parsed as an object; blank or absent text is `{}`. Throws on anything else, so a batch never overwrites a malformed file. */
function parseDaemonJson(text: string | undefined): Record<string, unknown> {
	if (text === undefined || text.trim() === '') {
		return {};
	}

	const parsed: unknown = JSON.parse(text);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new TypeError('daemon.json is not a JSON object');
	}

	return parsed as Record<string, unknown>;
}

/**
The edit of a daemon.json text that sets or removes these keys and touches nothing else: the operator's layout, key order
and other keys stay as they were, so the diff shows only the changed keys (in the text's own indent). A new or empty file
gets the keys alone. A text that already has the changes is returned as it is. Throws on text
that is not a JSON object.
*/
export function editDaemonJson(changes: readonly KeyChange[]): (text: string | undefined) => string {
	return text => {
		const config = parseDaemonJson(text);
		if (text !== undefined && hasChanges(config, changes)) {
			return text;
		}

		if (text === undefined || text.trim() === '') {
			const fresh = Object.fromEntries(changes.filter(change => change.value !== undefined).map(change => [change.key, change.value]));
			return `${JSON.stringify(fresh, undefined, '\t')}\n`;
		}

		const indent = detectIndent(text);
		let edited = text;
		for (const {key, value} of changes) {
			edited = value === undefined ? removeTopLevelKey(edited, key) : setTopLevelKey(edited, key, value, indent);
		}

		return edited.endsWith('\n') ? edited : `${edited}\n`;
	};
}

/** A daemon.json fix: the main key change, any further ones, and how the plan is shown (title, impact warnings). */
export type DaemonSettingChange = KeyChange & {
	/** More keys changed in the same write, e.g. removing `debug` beside `log-level: info`. */
	readonly alsoChange?: readonly KeyChange[];
	readonly title: string;
	/** A `docker info` security option that must show after the restart. */
	readonly expectSecurityOption?: string;
	readonly warnings: readonly string[];
};

/** The facts a daemon.json fix reads: the daemon model (its launcher gives the flags of the next start and the restart), docker and the host. */
export type DaemonSettingFacts = Pick<Facts, 'daemon' | 'docker' | 'host'>;

/** The refusal for a daemon.json that cannot be read or parsed, or that is not known because no dockerd was proven, if it is one. */
function configFileRefusal(daemon: DaemonFacts): PlanOutcome | undefined {
	const file = daemon.configFile;
	if (file.state === 'unknown') {
		return {ok: false, code: 'not-applicable', reason: `${file.reason}: dockwarden plans no daemon fix from a guess`};
	}

	if (file.state === 'malformed') {
		return {ok: false, code: 'malformed-config', reason: `${file.path} is not valid JSON (${file.error}): fix it by hand first; dockwarden never overwrites a malformed daemon.json`};
	}

	if (file.state === 'unreadable') {
		return {ok: false, code: 'malformed-config', reason: `${file.path} cannot be read (${file.error})`};
	}

	return undefined;
}

/** The refusal for a changed key that the next start of dockerd also gets as a flag (from its launcher), if there is one. */
function flagRefusal(daemon: DaemonFacts, keys: readonly string[]): PlanOutcome | undefined {
	const launcher = daemon.launcher;
	if (!launcher) {
		return undefined;
	}

	const tail = `dockwarden changes only ${daemon.configFile.path}, and dockerd refuses to start when a setting is both a flag and in the file: change or remove the flag where the launcher sets it instead`;
	for (const key of keys) {
		const flag = flagText(launcher.nextFlags, key);
		if (flag) {
			return {ok: false, code: 'flag-conflict', reason: `${key} is also given as the dockerd flag ${flag} at its next start (${launcher.nextFlagsHow}): ${tail}`};
		}
	}

	return undefined;
}

/** The dockerd a restart question is about, and how its launcher was looked for. */
export function daemonInWords(daemon: DaemonFacts): string {
	return `dockerd pid ${daemon.process?.pid ?? '?'}${daemon.launcher ? `: ${daemon.launcher.how}` : ''}`;
}

/**
The refusal for a daemon whose restart is unknown (started by hand): without --restart-command, or when the TUI asks
(`unknownLauncher: 'ask'`) even with one. It carries the question the TUI puts to the operator.
*/
function restartRefusal(daemon: DaemonFacts, options: FixOptions): PlanOutcome {
	const restartChoice = {daemon: daemonInWords(daemon), work: 'fix' as const, ...(options.restartCommand ? {command: options.restartCommand} : {})};
	const reason = options.restartCommand
		? `dockwarden does not know who started dockerd pid ${daemon.process?.pid ?? '?'}: restart it with your --restart-command, or write daemon.json now and restart it yourself later`
		: `dockwarden does not know how to restart ${daemonInWords(daemon)}; give the command that restarts it with --restart-command`;
	return {ok: false, code: 'not-applicable', reason, restartChoice};
}

/** The first warning of a plan that restarts nothing: the change waits for the operator's restart. */
export function restartLaterWarning(daemon: DaemonFacts, what: string): string {
	return `dockwarden restarts nothing: ${what} takes effect when you restart dockerd pid ${daemon.process?.pid ?? '?'} yourself; until then the daemon runs with its current settings, and a check judged on the running daemon stays WARN (pending); the warnings below come with that restart`;
}

/**
Plans a change of daemon.json keys: write the file (every other key kept), restart the daemon, verify.
Refuses a malformed or unreadable daemon.json, a key that is also a dockerd flag (running or in the unit file), an unreachable daemon,
a host without a known way to restart dockerd, and a new file that dockerd would refuse at its next start when the current one would not (`candidateProblems`, code `invalid-config`).
*/
export function planDaemonSetting(facts: DaemonSettingFacts, change: DaemonSettingChange, options: FixOptions): PlanOutcome {
	const {daemon, docker} = facts;
	const file = daemon.configFile;
	const changes: KeyChange[] = [{key: change.key, value: change.value}, ...(change.alsoChange ?? [])];
	const refusal = configFileRefusal(daemon) ?? flagRefusal(daemon, changes.map(({key}) => key));
	if (refusal) {
		return refusal;
	}

	if (!docker.reachable) {
		return {ok: false, code: 'docker-unreachable', reason: `cannot reach the Docker daemon at ${docker.host} (${docker.error}): the fix must restart it and check the result`};
	}

	// The launcher is unknown: the TUI asks the operator first; `later` writes now and restarts nothing.
	const launcherKnown = daemon.launcher?.restart !== undefined;
	const later = !launcherKnown && options.unknownLauncher === 'later';
	const method = later ? undefined : restartMethod(daemon, options);
	if (!later && (!method || (!launcherKnown && options.unknownLauncher === 'ask'))) {
		return restartRefusal(daemon, options);
	}

	const before = file.state === 'ok' ? file.text : undefined;
	const edit = editDaemonJson(changes);
	const write = !hasChanges(file.state === 'ok' ? file.config : {}, changes);
	const after = write ? edit(before) : before;
	// Judged against the flags of the next start; what is wrong already and stays as it is is said, not refused.
	const nextFlags = daemon.launcher?.nextFlags ?? daemon.flags;
	const context = {swarmActive: swarmActive(docker)};
	const already = new Set(candidateProblems(before ?? '{}', nextFlags, context));
	const problems = candidateProblems(after ?? '{}', nextFlags, context);
	const introduced = problems.filter(problem => !already.has(problem));
	if (introduced.length > 0) {
		return {ok: false, code: 'invalid-config', reason: `dockerd would not start with the new ${file.path}: ${introduced[0]!}`};
	}

	const notes = [
		...problems.map(problem => `already so before this fix, which does not change it: ${problem}`),
		...launcherNotes(daemon, options),
	];
	const steps: Step[] = [
		...(write && after !== undefined ? [{kind: 'write' as const, path: file.path, before, after, mode: 0o644, edit, validate: 'dockerd-config' as const}] : []),
		...(method ? [{kind: 'restart-daemon' as const, method, expectSecurityOption: change.expectSecurityOption}] : []),
	];
	if (!method) {
		// Restart later: the file is written and verified by nothing but the next run, which says WARN until the restart.
		if (steps.length === 0) {
			return {ok: false, code: 'nothing-to-do', reason: `${file.path} has this setting already; ${daemonInWords(daemon)} applies it once you restart it`};
		}

		return {ok: true, plan: {checkIds: [], title: `${change.title}, restart left to you`, steps, warnings: [restartLaterWarning(daemon, `the new ${file.path}`), ...change.warnings, ...notes], needsRoot: daemon.rootless === undefined, verify: 'none'}};
	}

	return {ok: true, plan: {checkIds: [], title: change.title, steps, warnings: [...change.warnings, ...notes], needsRoot: daemon.rootless === undefined}};
}

/** What the plan says about the daemon it changes: which file and why, who restarts it, and which flags its next start gets. */
function launcherNotes(daemon: DaemonFacts, options: FixOptions): string[] {
	const launcher = daemon.launcher;
	if (!launcher) {
		return [];
	}

	const notes = [`${daemon.configFile.path} is ${daemon.configFileHow ?? 'the daemon.json in use'}; dockerd pid ${daemon.process?.pid ?? '?'} was started by ${launcherName(launcher)}: ${launcher.how}`];
	if (options.restartCommand && launcher.kind === 'manual') {
		notes.push(`the restart is your --restart-command; its flags are ${launcher.nextFlagsHow}`);
	}

	return notes;
}

/** A launcher in words. */
function launcherName(launcher: NonNullable<DaemonFacts['launcher']>): string {
	switch (launcher.kind) {
		case 'systemd': {
			return `the systemd unit ${launcher.unit ?? 'docker.service'}`;
		}

		case 'systemd-user': {
			return `the systemd user unit ${launcher.unit ?? 'docker.service'}`;
		}

		case 'snap': {
			return 'snap';
		}

		case 'openrc': {
			return 'the OpenRC service docker';
		}

		case 'sysv': {
			return 'the init script /etc/init.d/docker';
		}

		case 'manual': {
			return 'hand or another tool';
		}
	}
}

/** What the restart does to running containers: with live restore on they keep running, else each one is named. */
export function restartImpact(docker: DockerFacts): string | undefined {
	if (!docker.reachable) {
		return undefined;
	}

	if (docker.info.LiveRestoreEnabled === true) {
		return 'live restore is on, so running containers keep running through the daemon restart';
	}

	const running = docker.runningContainers;
	return running.length > 0
		? `the restart stops ${running.length} running container${running.length === 1 ? '' : 's'}: ${running.map(container => container.name).join(', ')}`
		: 'no container is running, so the restart stops none';
}

/** Plans a section 2 setting with the restart's impact added to its warnings. */
function planWithRestart(facts: DaemonSettingFacts, change: DaemonSettingChange, options: FixOptions): PlanOutcome {
	const impact = restartImpact(facts.docker);
	return planDaemonSetting(facts, {...change, warnings: impact === undefined ? change.warnings : [...change.warnings, impact]}, options);
}

/** Plans 2.9: "userns-remap": "default" in daemon.json, then a restart, with the impact in this host's numbers. */
export function planUsernsRemap(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
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

/** Plans 2.2: "icc": false. Refused (invalid-config) while iptables is off, since dockerd does not start with icc=false and iptables=false. */
export function planIcc(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	return planWithRestart(facts, {
		key: 'icc',
		value: false,
		title: 'Restrict traffic between containers on the default bridge (icc: false)',
		warnings: [
			'containers on the default bridge network then reach each other only through published ports or links; containers on user-defined networks are not affected',
		],
	}, options);
}

/** Plans 2.3: "log-level": "info", and removes "debug": true, which would keep the daemon at debug level. */
export function planLogLevel(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	const debug = asBoolean(lookupSetting(facts.daemon, 'debug').value) === true;
	const warnings = ['the daemon logs at info level: debug messages are no longer written to its log'];
	if (debug) {
		warnings.push('debug mode is turned off ("debug": true is removed from daemon.json)');
	}

	return planWithRestart(facts, {
		key: 'log-level',
		value: 'info',
		alsoChange: debug ? [{key: 'debug', value: undefined}] : [],
		title: debug ? 'Set the daemon log level to info and turn debug mode off' : 'Set the daemon log level to info (log-level: info)',
		warnings,
	}, options);
}

/** Plans 2.4: removes "iptables": false, so that Docker manages iptables again. Refused (flag-conflict) when --iptables=false is a flag. */
export function planIptables(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	return planWithRestart(facts, {
		key: 'iptables',
		value: undefined,
		title: 'Let Docker manage iptables (remove "iptables": false)',
		warnings: [
			'Docker adds its own iptables rules again at the restart (NAT for published ports, isolation between networks): firewall rules you keep by hand for container traffic may overlap or conflict with them',
			'published ports are then opened by Docker\'s NAT rules, which pass before host firewall rules in the INPUT chain (e.g. ufw): restrict them in the DOCKER-USER chain',
		],
	}, options);
}

/** Plans 2.14: "no-new-privileges": true. */
export function planNoNewPrivileges(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	return planWithRestart(facts, {
		key: 'no-new-privileges',
		value: true,
		title: 'Stop containers from gaining new privileges (no-new-privileges: true)',
		warnings: [
			'setuid and setgid programs in containers no longer gain privileges: images that switch user with sudo or su break',
			'a container that needs them can opt out with --security-opt no-new-privileges=false',
		],
	}, options);
}

/** Plans 2.15: "live-restore": true. Refused (invalid-config) on a swarm node, where dockerd does not support live restore. */
export function planLiveRestore(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	return planWithRestart(facts, {
		key: 'live-restore',
		value: true,
		title: 'Keep containers running while the daemon is down (live-restore: true)',
		warnings: [
			'from the restart after this one on, containers keep running while dockerd stops, restarts or is upgraded; this restart turns it on and does not yet keep them running',
		],
	}, options);
}

/** Plans 2.16: "userland-proxy": false. */
export function planUserlandProxy(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	return planWithRestart(facts, {
		key: 'userland-proxy',
		value: false,
		title: 'Disable the userland proxy (userland-proxy: false)',
		warnings: [
			'published ports are then handled by iptables rules only, with no docker-proxy process: a container reaching its own published port through the host (hairpin NAT) needs a kernel that supports it',
		],
	}, options);
}

/** Plans 2.18: removes "experimental" from daemon.json. Refused (flag-conflict) when --experimental is a flag. */
export function planExperimental(facts: DaemonSettingFacts, options: FixOptions): PlanOutcome {
	return planWithRestart(facts, {
		key: 'experimental',
		value: undefined,
		title: 'Turn experimental daemon features off (remove "experimental")',
		warnings: [
			'experimental daemon features (for example docker checkpoint) stop working after the restart: anything that relies on them fails',
		],
	}, options);
}
