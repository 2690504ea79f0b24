import type {AuditEventsFacts, AuditFacts, AuditKeyEvents, HostPaths} from '../model/facts.js';
import {newestEvents, parseAusearch} from '../model/audit-events.js';
import {watchCovers} from '../model/audit-rules.js';
import {describeFailure, type Exec} from './exec.js';

/** How long one ausearch may take. */
const searchTimeoutMs = 5000;

/** The keys of the live watch rules that cover a path the benchmark names, each once. */
export function keysToSearch(audit: AuditFacts, paths: HostPaths): string[] {
	const targets = Object.values(paths).filter(target => target.exists).map(target => target.path);
	const keys = (audit.live ?? [])
		.filter(rule => rule.key && targets.some(target => watchCovers(rule, target)))
		.map(rule => rule.key!);
	return [...new Set(keys)];
}

/** The argv of the search for one key. */
export function ausearchArgv(ausearch: string, key: string): string[] {
	return [ausearch, '-k', key, '-i', '--start', 'recent'];
}

async function searchKey(exec: Exec, ausearch: string, key: string): Promise<AuditKeyEvents> {
	const argv = ausearchArgv(ausearch, key);
	const command = argv.join(' ');
	const result = await exec(argv, {timeoutMs: searchTimeoutMs});
	if (!result.failure && result.exitCode === 1 && /<no matches>/.test(result.stderr + result.stdout)) {
		return {command, count: 0, events: []};
	}

	if (result.failure || result.exitCode !== 0) {
		return {command, count: 0, events: [], error: describeFailure(argv, result)};
	}

	const events = parseAusearch(result.stdout, key);
	return {command, count: events.length, events: newestEvents(events)};
}

/**
Searches the audit log for recent events of each live keyed watch rule on the paths the benchmark names: one `ausearch -k KEY -i --start recent` per distinct key.
`ausearch` is the machine's own, like auditctl; undefined when it is not installed.
*/
export async function gatherAuditEvents(audit: AuditFacts, paths: HostPaths, exec: Exec, ausearch: string | undefined): Promise<AuditEventsFacts> {
	const keys = keysToSearch(audit, paths);
	if (keys.length === 0) {
		return {byKey: {}};
	}

	if (!ausearch) {
		return {byKey: {}, unavailable: 'ausearch is not installed on this machine (it comes with the auditd package), so recent events cannot be read'};
	}

	const found = await Promise.all(keys.map(async key => searchKey(exec, ausearch, key)));
	return {byKey: Object.fromEntries(keys.map((key, index) => [key, found[index]!]))};
}
