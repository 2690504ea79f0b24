import type {AuditFacts} from '../model/facts.js';
import {parseAuditStatus} from '../model/audit-events.js';
import {parseAuditRules} from '../model/audit-rules.js';
import {describeFailure, type Exec} from './exec.js';
import {findProcesses} from './proc.js';
import type {RootFs} from './root-fs.js';

/** Where persisted rules live. */
export const rulesDirectory = '/etc/audit/rules.d';
export const compiledRulesFile = '/etc/audit/audit.rules';

/** Reads the persisted rules files under --root: every rules.d/*.rules, then audit.rules. */
async function readRulesFiles(fs: RootFs): Promise<Array<{path: string; text: string}>> {
	const names = (await fs.readdir(rulesDirectory)).filter(name => name.endsWith('.rules')).sort();
	const paths = [...names.map(name => `${rulesDirectory}/${name}`), compiledRulesFile];
	const texts = await Promise.all(paths.map(async path => fs.readText(path).catch(() => undefined)));
	return paths.flatMap((path, index) => texts[index] === undefined ? [] : [{path, text: texts[index]!}]);
}

/**
Gathers the audit facts: live rules from the kernel (`auditctl -l`, `auditctl -s`) and persisted rules under --root.
`auditctl` is the machine's own (it talks to the running kernel), undefined when it is not installed.
*/
export async function gatherAudit(fs: RootFs, exec: Exec, auditctl: string | undefined): Promise<AuditFacts> {
	const [rulesFiles, auditd, list, status] = await Promise.all([
		readRulesFiles(fs),
		findProcesses(fs, ['auditd']),
		auditctl ? exec([auditctl, '-l']) : undefined,
		auditctl ? exec([auditctl, '-s']) : undefined,
	]);
	const persisted = rulesFiles.flatMap(file => parseAuditRules(file.text, line => `${file.path}:${line}`));

	let live;
	let liveError: string | undefined;
	if (!auditctl) {
		liveError = 'auditctl is not installed on this machine';
	} else if (list && list.exitCode === 0) {
		live = parseAuditRules(list.stdout, () => 'live');
	} else if (list) {
		liveError = /root|permitted|Operation not permitted/i.test(list.stderr) ? 'reading live audit rules needs root (auditctl -l was refused)' : describeFailure([auditctl, '-l'], list);
	}

	const parsedStatus = parseAuditStatus(status?.stdout ?? '');
	return {
		auditctl,
		live,
		liveError,
		enabled: parsedStatus?.enabled,
		status: parsedStatus,
		persisted,
		rulesFiles,
		auditdRunning: auditd.length > 0,
	};
}
