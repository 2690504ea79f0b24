import type {AuditEventsFacts, AuditFacts, AuditWatch, HostPaths, ResolvedPath} from '../../model/facts.js';
import type {Finding} from '../types.js';
import type {CheckLogic} from './check-logic.js';
import {eventLine, quietReasons} from '../../model/audit-events.js';
import {watchCovers, watchNames} from '../../model/audit-rules.js';
import {planAuditWatch} from '../plans/plan-audit-watch.js';

const persistedPlace = '/etc/audit/rules.d';

function describeRule(rule: AuditWatch): string {
	return rule.source === 'live' ? rule.text : `${rule.text} (${rule.source})`;
}

/** How many events a passing check shows per key. */
const shownEvents = 3;

/** Evidence lines on the recent events of the live rules that watch the path: one search per key, or why there are none. */
export function recentEventLines(live: readonly AuditWatch[], audit: AuditFacts, events: AuditEventsFacts): string[] {
	if (events.unavailable) {
		return [`recent events: ${events.unavailable}`];
	}

	const keys = [...new Set(live.flatMap(rule => rule.key ? [rule.key] : []))];
	if (keys.length === 0) {
		return ['recent events: the live rule has no key (-k), so ausearch -k cannot pick out its events'];
	}

	return keys.flatMap(key => {
		const found = events.byKey[key];
		if (!found) {
			return [];
		}

		if (found.error) {
			return [`recent events (${found.command}): could not be read: ${found.error}`];
		}

		const heading = `recent events (${found.command}): ${found.count}`;
		return found.count > 0 ? [heading, ...found.events.slice(0, shownEvents).map(eventLine)] : [heading, `no recent events: ${quietReasons(audit.status)}`];
	});
}

/**
Judges whether the audit rules watch `target`: live in the kernel and persisted for the next boot.
Rules match by meaning: the same path or a directory that contains it, with w and a among the permissions, any key.
A passing check also shows the recent events of its live rules when `events` is given.
*/
export function auditWatchFinding(target: ResolvedPath, audit: AuditFacts, events?: AuditEventsFacts): Finding {
	const {path} = target;
	const resolved = `${path}: ${target.how}`;
	if (!target.exists) {
		return {status: 'skip', summary: `${path} does not exist on this host`, evidence: [`${path} does not exist on this host, so there is nothing to watch`, resolved], subjects: [{kind: 'file', path}]};
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
	if (finding.status === 'pass' && events) {
		evidence.push(...recentEventLines(live, audit, events));
	}

	return {...finding, evidence, subjects: [{kind: 'file', path}]};
}

/** The logic of an audit watch check (1.1.3–1.1.18) on the path `pick` resolves. */
export function auditWatchCheck(pick: (paths: HostPaths) => ResolvedPath): CheckLogic {
	return {
		needs: ['audit', 'auditEvents', 'paths', 'host'],
		audit: facts => auditWatchFinding(pick(facts.paths), facts.audit, facts.auditEvents),
		planFix: (facts, options) => planAuditWatch(pick(facts.paths), facts.audit, options, {packageManager: facts.host.packageManager, systemd: facts.host.systemd}),
	};
}
