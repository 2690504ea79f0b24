/**
A pre-flight of a daemon.json that a fix is about to write, with no side effects: would dockerd start with it, beside these flags?
It catches what dockerd refuses at start that can be told from the text and the flags alone. Running `dockerd --validate`, where the
installed dockerd supports it, is the engine's job.
*/
import type {DaemonFlags} from '../../model/facts.js';
import {asBoolean} from '../../model/daemon-settings.js';

/** The verdict on a candidate daemon.json. */
export type CandidateVerdict = {readonly ok: true} | {readonly ok: false; readonly reason: string};

/** What else the pre-flight needs to know about the host. */
export type CandidateContext = {
	/** True when this node is in a swarm (docker info Swarm.LocalNodeState active, pending, locked or error). */
	readonly swarmActive?: boolean;
};

/** Flags that are not daemon.json keys, so they never conflict with one. */
const notConfigKeys = new Set(['config-file', 'validate']);

/** A dockerd flag written as the operator would have typed it, e.g. `--icc=false`, `--hosts=fd://`; undefined when the flag is not given. */
export function flagText(flags: DaemonFlags, key: string): string | undefined {
	const value = flags[key];
	if (value === undefined) {
		return undefined;
	}

	return value === true ? `--${key}` : `--${key}=${Array.isArray(value) ? value.join(',') : String(value)}`;
}

/** The text parsed as a JSON object, or the reason it is not one. */
function parseObject(text: string): {readonly config: Record<string, unknown>} | {readonly reason: string} {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return {reason: `it is not valid JSON (${(error as Error).message})`};
	}

	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return {reason: `it must be a JSON object, not ${Array.isArray(parsed) ? 'an array' : (parsed === null ? 'null' : typeof parsed)}`};
	}

	return {config: parsed as Record<string, unknown>};
}

/** Each key set both in the config and as a flag, described with the flag. */
function flagConflicts(config: Record<string, unknown>, flags: DaemonFlags): string[] {
	return Object.keys(config)
		.filter(name => !notConfigKeys.has(name) && Object.hasOwn(flags, name))
		.map(key => `"${key}" is set in daemon.json and also given as the dockerd flag ${flagText(flags, key)}: dockerd refuses to start with a setting in both places`);
}

/** A setting's effective value and where it comes from: the config file, else the flags. */
function effective(config: Record<string, unknown>, flags: DaemonFlags, key: string): {readonly value: unknown; readonly where: string} {
	if (Object.hasOwn(config, key)) {
		return {value: config[key], where: `"${key}": ${JSON.stringify(config[key])} in daemon.json`};
	}

	return {value: flags[key], where: `the dockerd flag ${flagText(flags, key) ?? `--${key}`}`};
}

/** dockerd refuses icc=false when iptables is off: ICC=false is enforced with iptables rules. */
function iccWithoutIptables(config: Record<string, unknown>, flags: DaemonFlags): string | undefined {
	const icc = effective(config, flags, 'icc');
	const iptables = effective(config, flags, 'iptables');
	if (asBoolean(icc.value) !== false || asBoolean(iptables.value) !== false) {
		return undefined;
	}

	return `dockerd will not start with icc=false and iptables=false (${icc.where}; ${iptables.where}): icc=false is enforced with iptables rules, so turn iptables back on first (check 2.4)`;
}

/** dockerd does not support live-restore on a swarm node. */
function liveRestoreInSwarm(config: Record<string, unknown>, flags: DaemonFlags, context: CandidateContext): string | undefined {
	const liveRestore = effective(config, flags, 'live-restore');
	if (context.swarmActive !== true || asBoolean(liveRestore.value) !== true) {
		return undefined;
	}

	return `live-restore is not supported on a swarm node (${liveRestore.where}; this node is in swarm mode): dockerd fails to start its cluster component with it`;
}

/**
Checks a candidate daemon.json: it must parse as a JSON object, must not set a key that is also a dockerd flag (the flag is named),
and must not hold a combination dockerd refuses: icc=false with iptables=false (from the file or the flags), and live-restore on a swarm node
(when `context.swarmActive` says so).
*/
export function checkCandidateConfig(text: string, flags: DaemonFlags, context: CandidateContext = {}): CandidateVerdict {
	const [reason] = candidateProblems(text, flags, context);
	return reason === undefined ? {ok: true} : {ok: false, reason};
}

/** Every reason dockerd would refuse to start with this daemon.json beside these flags; empty when it would start. */
export function candidateProblems(text: string, flags: DaemonFlags, context: CandidateContext = {}): string[] {
	const parsed = parseObject(text);
	if ('reason' in parsed) {
		return [parsed.reason];
	}

	const {config} = parsed;
	return [...flagConflicts(config, flags), iccWithoutIptables(config, flags), liveRestoreInSwarm(config, flags, context)].filter((reason): reason is string => reason !== undefined);
}
