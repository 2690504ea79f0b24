import type {AuditFacts, ResolvedPath} from '../../model/facts.js';
import {watchCovers} from '../../model/audit-rules.js';
import {commandLine} from '../../model/command-line.js';
import {auditKeyProblem, rulePathProblem} from '../../model/rule-path.js';
import type {FixOptions, PlanOutcome, Step} from '../../model/plan.js';

/** The file dockwarden keeps its persisted Docker audit rules in. */
export const dockerRulesFile = '/etc/audit/rules.d/docker.rules';

const header = '# Audit rules for Docker (CIS Docker Benchmark 1.1.x), added by dockwarden.\n# Load them with: augenrules --load\n';

/** The package managers dockwarden can install the audit daemon with. */
export type PackageManager = 'apt-get' | 'dnf' | 'yum' | 'zypper' | 'apk';

/** What the audit fix needs to know about the host to install the audit daemon when it is missing. */
export type AuditHost = {
	/** The host's package manager; undefined when none is known (then a missing auditctl is refused with an install hint). */
	readonly packageManager?: PackageManager;
	/** True when systemd is the init (HostIdentity.systemd). */
	readonly systemd: boolean;
};

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

/** The command that installs the audit daemon with each package manager. */
const installArgv: Readonly<Record<PackageManager, readonly string[]>> = {
	'apt-get': ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'auditd'],
	dnf: ['dnf', 'install', '-y', 'audit'],
	yum: ['yum', 'install', '-y', 'audit'],
	zypper: ['zypper', '--non-interactive', 'install', 'audit'],
	apk: ['apk', 'add', 'audit'],
};

/** The command that starts auditd: systemctl under systemd, else OpenRC's rc-service on Alpine, else the SysV service command. */
function startArgv(manager: PackageManager, systemd: boolean): readonly string[] {
	if (systemd) {
		return ['systemctl', 'start', 'auditd'];
	}

	return manager === 'apk' ? ['rc-service', 'auditd', 'start'] : ['service', 'auditd', 'start'];
}

/**
The steps that install the audit package with the host's package manager and start auditd. Neither has an undo:
the package stays installed and auditd keeps running if a later step fails or the fix is undone.
*/
export function installAuditSteps(manager: PackageManager, systemd: boolean): Step[] {
	return [
		{kind: 'run', argv: installArgv[manager]},
		{kind: 'run', argv: startArgv(manager, systemd)},
	];
}

/** The write step that adds the rule line to docker.rules, with its edit for batches. */
function persistStep(audit: AuditFacts, line: string): Step {
	const before = audit.rulesFiles.find(file => file.path === dockerRulesFile)?.text;
	return {kind: 'write', path: dockerRulesFile, before, after: appendRule(before, line), mode: 0o640, edit: text => appendRule(text, line)};
}

/** The live watch with auditctl (`auditctl` is the command's path, or the bare name for the shell's PATH) and its undo. */
function liveStep(auditctl: string, path: string, key: string): Step {
	return {kind: 'run', argv: [auditctl, '-w', path, '-k', key], undoArgv: [auditctl, '-W', path, '-k', key]};
}

/** The impact of watching a path. */
function watchWarning(path: string): string {
	return `every write to and attribute change of ${path} is logged from now on; the audit log grows with Docker activity (rotation is set in /etc/audit/auditd.conf)`;
}

/** Plans the watch on a host without auditctl: install and start auditd, then the live rule and the persisted rule (both skipped when a persisted rule covers the path, which auditd loads on start). */
function planWithInstall(target: ResolvedPath, audit: AuditFacts, options: FixOptions, manager: PackageManager, systemd: boolean): PlanOutcome {
	const {path} = target;
	const persisted = audit.persisted.some(rule => watchCovers(rule, path));
	const install = installAuditSteps(manager, systemd);
	const watch = persisted ? [] : [liveStep('auditctl', path, options.auditKey), persistStep(audit, watchRule(path, options.auditKey))];
	const warnings = [
		`auditd is not installed: the fix installs it (${commandLine(installArgv[manager])}) and starts it; both stay if a later step fails or the fix is undone`,
		watchWarning(path),
	];
	if (persisted) {
		warnings.push(`a persisted rule already watches ${path}: auditd loads it when it starts`);
	}

	return {ok: true, plan: {checkIds: [], title: `Install auditd and watch ${path} with the audit system`, steps: [...install, ...watch], warnings, needsRoot: true}};
}

/** The refusal or plan when auditctl is missing: install with the known package manager, else refuse with the install hint. */
function planMissingAuditctl(target: ResolvedPath, audit: AuditFacts, options: FixOptions, host: AuditHost | undefined): PlanOutcome {
	if (host?.packageManager === undefined) {
		return {ok: false, code: 'auditctl-missing', reason: 'auditctl is not installed: install the audit daemon first (apt-get install auditd, dnf install audit, or apk add audit), then run the fix again'};
	}

	return planWithInstall(target, audit, options, host.packageManager, host.systemd);
}

/** The warning of a watch persisted while the audit configuration is locked (enabled 2). */
const lockedWarning = 'the rule takes effect after a reboot: the audit configuration is locked until then (auditctl -s shows enabled 2, set by auditctl -e 2), so no rule can be loaded now';

/**
Plans an audit watch on `target`: the live rule with auditctl (unless one already covers it) and the persisted rule in docker.rules (unless a persisted rule already covers it).
Running the plan twice never writes a second line. Without auditctl, the plan first installs and starts auditd when `host` names the package manager.
With the audit configuration locked (enabled 2), only the persisted rule is planned, with `verify: 'none'` and a warning that a reboot loads it.
A path that would split or forge a rule line (relative, not normalised, control characters, whitespace) or a key that is
not a safe token is refused before anything else.
*/
export function planAuditWatch(target: ResolvedPath, audit: AuditFacts, options: FixOptions, host?: AuditHost): PlanOutcome {
	const {path} = target;
	const problem = rulePathProblem(path) ?? auditKeyProblem(options.auditKey);
	if (problem !== undefined) {
		return {ok: false, code: 'not-applicable', reason: `refused: ${problem}; no audit rule was planned`};
	}

	if (!target.exists) {
		return {ok: false, code: 'not-applicable', reason: `${path} does not exist on this host: there is nothing to watch`};
	}

	if (!audit.auditctl) {
		return planMissingAuditctl(target, audit, options, host);
	}

	if (audit.live === undefined) {
		return {ok: false, code: 'not-applicable', reason: `cannot read the live audit rules (${audit.liveError ?? 'unknown error'}): run dockwarden as root`};
	}

	const locked = audit.enabled === 2;
	const live = audit.live.some(rule => watchCovers(rule, path));
	const persisted = audit.persisted.some(rule => watchCovers(rule, path));
	if (persisted && (live || locked)) {
		const reason = live
			? `${path} is already watched, live and persisted`
			: `${path} already has a persisted rule; the audit configuration is locked (enabled 2), so it is loaded at the next reboot`;
		return {ok: false, code: 'nothing-to-do', reason};
	}

	const steps: Step[] = [];
	if (!live && !locked) {
		steps.push(liveStep(audit.auditctl, path, options.auditKey));
	}

	if (!persisted) {
		steps.push(persistStep(audit, watchRule(path, options.auditKey)));
	}

	const warnings = [watchWarning(path)];
	if (!live && locked) {
		warnings.push(lockedWarning);
	}

	if (!audit.auditdRunning) {
		warnings.push('auditd is not running: until it starts, the kernel sends these events to the kernel log instead of /var/log/audit');
	}

	const title = `Watch ${path} with the audit system${!live && locked ? ' (after a reboot)' : ''}`;
	return {
		ok: true,
		plan: {checkIds: [], title, steps, warnings, needsRoot: true, ...(!live && locked ? {verify: 'none' as const} : {})},
	};
}
