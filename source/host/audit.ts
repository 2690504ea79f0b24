import type {AuditFacts} from '../model/facts.js';
import {parseAuditStatus} from '../model/audit-events.js';
import {parseAuditRules} from '../model/audit-rules.js';
import {describeFailure, type Exec} from './exec.js';
import {findAmong, findProcesses, pidInFile, smallFileReader, type ProcessScan} from './proc.js';
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
Whether auditd runs on this machine's own root (undefined elsewhere). When `auditctl -s` could be read the kernel answers:
it names the audit daemon it sends events to (`pid`), and auditd runs when that pid is a process named auditd (0, or a pid
since gone, is none: the events go to the kernel log), with no walk over /proc. Without it (no root for auditctl) any
process named auditd counts, looked for at the pid files first.
*/
async function auditdRunsHere(fs: RootFs, registered: number | undefined, scan: ProcessScan | undefined): Promise<boolean> {
	if (registered !== undefined) {
		return (await findAmong(fs, ['auditd'], [registered])).length > 0;
	}

	const pidFiles = async () => Promise.all(['/run/auditd.pid', '/var/run/auditd.pid'].map(async file => pidInFile(fs, file)));
	return (await findProcesses(fs, ['auditd'], scan, pidFiles)).length > 0;
}

/**
Gathers the audit facts: live rules from the kernel (`auditctl -l`, `auditctl -s`) and persisted rules under --root.
`auditctl` is the machine's own (it talks to the running kernel), undefined when it is not installed. Whether auditd runs:
on this machine, see auditdRunsHere; elsewhere (a tree under --root, the demo, a host over SSH) any process named auditd
counts, found by `scan`, the run's pass over /proc, asked together with auditctl so that a host over SSH answers both in
one round trip.
*/
export async function gatherAudit(fs: RootFs, exec: Exec, auditctl: string | undefined, scan?: ProcessScan): Promise<AuditFacts> {
	const [rulesFiles, list, status, named] = await Promise.all([
		readRulesFiles(fs),
		auditctl ? exec([auditctl, '-l']) : undefined,
		auditctl ? exec([auditctl, '-s']) : undefined,
		(async () => (await smallFileReader(fs)).direct ? undefined : (await findProcesses(fs, ['auditd'], scan)).length > 0)(),
	]);
	const parsedStatus = parseAuditStatus(status?.stdout ?? '');
	const auditdRunning = named ?? await auditdRunsHere(fs, status?.exitCode === 0 ? parsedStatus?.pid : undefined, scan);
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

	return {
		auditctl,
		live,
		liveError,
		enabled: parsedStatus?.enabled,
		status: parsedStatus,
		persisted,
		rulesFiles,
		auditdRunning,
	};
}
