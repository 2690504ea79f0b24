import type {AuditFacts, AuditWatch, HostPaths, ResolvedPath} from '../facts.js';
import type {Finding} from '../types.js';
import type {CheckLogic} from './check-logic.js';
import {watchCovers, watchNames} from '../audit-rules.js';
import {planAuditWatch} from '../../fixes/plan-audit-watch.js';

const persistedPlace = '/etc/audit/rules.d';

function describeRule(rule: AuditWatch): string {
	return rule.source === 'live' ? rule.text : `${rule.text} (${rule.source})`;
}

/**
Judges whether the audit rules watch `target`: live in the kernel and persisted for the next boot.
Rules match by meaning: the same path or a directory that contains it, with w and a among the permissions, any key.
*/
export function auditWatchFinding(target: ResolvedPath, audit: AuditFacts): Finding {
	const {path} = target;
	const resolved = `${path}: ${target.how}`;
	if (!target.exists) {
		return {status: 'skip', summary: `${path} does not exist on this host`, evidence: [`${path} does not exist on this host, so there is nothing to watch`, resolved]};
	}

	const live = audit.live?.filter(rule => watchCovers(rule, path)) ?? [];
	const persisted = audit.persisted.filter(rule => watchCovers(rule, path));
	const weak = [...(audit.live ?? []), ...audit.persisted].filter(rule => watchNames(rule, path) && !watchCovers(rule, path));
	const liveState = audit.live === undefined ? `unknown, ${audit.liveError ?? 'live rules could not be read'}` : (live[0] ? live[0].text : 'none');
	const persistedState = persisted[0] ? describeRule(persisted[0]) : 'none';
	const evidence: string[] = [];
	let finding: Omit<Finding, 'evidence'>;

	if (live.length > 0 && persisted.length > 0) {
		finding = {status: 'pass', summary: `${path} is watched, live and persisted`};
		evidence.push(`${path} is watched (live: ${liveState}; persisted: ${persistedState})`);
	} else if (live.length > 0) {
		finding = {status: 'warn', summary: 'Live but lost on reboot'};
		evidence.push(`${path} is watched live (${liveState}) but no rule in ${persistedPlace} persists it: the watch is lost on reboot`);
	} else if (persisted.length > 0 && audit.live === undefined) {
		finding = {status: 'error', summary: 'Persisted, but the live rules could not be read'};
		evidence.push(`${path} has a persisted rule (${persistedState}); live: ${liveState}`);
	} else if (persisted.length > 0) {
		finding = {status: 'warn', summary: 'Persisted but not loaded'};
		evidence.push(`${path} has a persisted rule (${persistedState}) but it is not loaded (live: none): load it with augenrules --load or auditctl`);
	} else {
		finding = {status: 'warn', summary: `No audit rule watches ${path}`};
		evidence.push(`no audit rule watches ${path} (live: ${liveState}; persisted in ${persistedPlace}: none)`);
	}

	for (const rule of weak) {
		evidence.push(`${describeRule(rule)} names ${path} but watches only -p ${rule.permissions}, without both w and a, so it does not count`);
	}

	if (!audit.auditctl) {
		evidence.push('auditctl is not installed: install auditd to load audit rules');
	}

	evidence.push(resolved);
	return {...finding, evidence};
}

/** The logic of an audit watch check (1.1.3–1.1.18) on the path `pick` resolves. */
export function auditWatchCheck(pick: (paths: HostPaths) => ResolvedPath): CheckLogic {
	return {
		needs: ['audit', 'paths', 'host'],
		audit: facts => auditWatchFinding(pick(facts.paths), facts.audit),
		planFix: (facts, options) => planAuditWatch(pick(facts.paths), facts.audit, options, {packageManager: facts.host.packageManager, systemd: facts.host.systemd}),
	};
}
