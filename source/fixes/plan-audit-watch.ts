import type {AuditFacts, ResolvedPath} from '../benchmark/facts.js';
import {watchCovers} from '../benchmark/audit-rules.js';
import type {FixOptions, PlanOutcome, Step} from './types.js';

/** The file dockwarden keeps its persisted Docker audit rules in. */
export const dockerRulesFile = '/etc/audit/rules.d/docker.rules';

const header = '# Audit rules for the Docker daemon and its files (CIS Docker Benchmark 1.1.x).\n# Added by dockwarden; load them with augenrules --load.\n';

/** The rule line dockwarden writes for a path. */
export function watchRule(path: string, key: string): string {
	return `-w ${path} -k ${key}`;
}

/** Appends a line to a rules file's text, with a newline before it if the file lacks one. */
export function appendRule(text: string | undefined, line: string): string {
	if (text === undefined || text === '') {
		return `${header}${line}\n`;
	}

	if (text.split('\n').some(existing => existing.trim() === line)) {
		return text;
	}

	return `${text}${text.endsWith('\n') ? '' : '\n'}${line}\n`;
}

/**
Plans an audit watch on `target`: the live rule with auditctl (unless one already covers it) and the persisted rule in docker.rules (unless a persisted rule already covers it).
Running the plan twice never writes a second line.
*/
export function planAuditWatch(target: ResolvedPath, audit: AuditFacts, options: FixOptions): PlanOutcome {
	const {path} = target;
	if (!target.exists) {
		return {ok: false, code: 'not-applicable', reason: `${path} does not exist on this host: there is nothing to watch`};
	}

	if (!audit.auditctl) {
		return {ok: false, code: 'auditctl-missing', reason: 'auditctl is not installed: install the audit daemon first (apt-get install auditd, dnf install audit, or apk add audit), then run the fix again'};
	}

	if (audit.live === undefined) {
		return {ok: false, code: 'not-applicable', reason: `cannot read the live audit rules (${audit.liveError ?? 'unknown error'}): run dockwarden as root`};
	}

	if (audit.enabled === 2) {
		return {ok: false, code: 'not-applicable', reason: 'the audit configuration is immutable until the next reboot (auditctl -s shows enabled 2): add the rule to /etc/audit/rules.d by hand and reboot'};
	}

	const live = audit.live.some(rule => watchCovers(rule, path));
	const persisted = audit.persisted.some(rule => watchCovers(rule, path));
	if (live && persisted) {
		return {ok: false, code: 'nothing-to-do', reason: `${path} is already watched, live and persisted`};
	}

	const line = watchRule(path, options.auditKey);
	const steps: Step[] = [];
	if (!live) {
		steps.push({kind: 'run', argv: [audit.auditctl, '-w', path, '-k', options.auditKey], undoArgv: [audit.auditctl, '-W', path, '-k', options.auditKey]});
	}

	if (!persisted) {
		const before = audit.rulesFiles.find(file => file.path === dockerRulesFile)?.text;
		steps.push({kind: 'write', path: dockerRulesFile, before, after: appendRule(before, line), mode: 0o640});
	}

	const warnings = [`every write to and attribute change of ${path} is logged from now on; the audit log grows with Docker activity (rotation is set in /etc/audit/auditd.conf)`];
	if (!audit.auditdRunning) {
		warnings.push('auditd is not running: until it starts, the kernel sends these events to the kernel log instead of /var/log/audit');
	}

	return {
		ok: true,
		plan: {checkIds: [], title: `Watch ${path} with the audit system`, steps, warnings, needsRoot: true},
	};
}
