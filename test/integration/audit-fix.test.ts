import fs from 'node:fs';
import {execFileSync} from 'node:child_process';
import test from 'ava';
import {deleteRulesWithKey, liveRulesWithKey, uniqueAuditKey} from '../helpers/audit-key.js';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// Real parts: a private dockerd, the real kernel audit system (auditctl), and a fake host tree for files.
let daemon: PrivateDockerd;
let root: FakeRoot;
const key = uniqueAuditKey();
const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir], binaries: [dockerd]});
});

test.after.always(async () => {
	deleteRulesWithKey(key);
	await daemon?.stop();
	root?.remove();
});

const common = () => ['--root', root.dir, '--docker-host', daemon.host, '--audit-key', key];
const rulesFile = '/etc/audit/rules.d/docker.rules';
const check113 = async () => (await runReport(['--check', '1.1.3', ...common()])).report.results[0]!;

test('1.1.3 warns with the resolved dockerd path, live and persisted state told apart', async t => {
	const result = await check113();
	t.is(result.status, 'warn');
	t.true(result.fixable);
	t.is(result.evidence[0], `no audit rule watches ${dockerd} (live: none; persisted in /etc/audit/rules.d: none)`);
	t.true(result.evidence.some(line => line.includes(`(/proc/${daemon.pid()}/exe)`)), 'the path comes from the running dockerd');
});

test('fix --dry-run prints the exact command and diff, and changes nothing', async t => {
	const {exitCode, stdout} = await runCli(['fix', '1.1.3', '--dry-run', ...common()]);
	t.is(exitCode, 0);
	t.regex(stdout, new RegExp(`run: \\S*/auditctl -w ${dockerd} -k ${key}\n`));
	t.true(stdout.includes(`+-w ${dockerd} -k ${key}`), stdout);
	t.true(stdout.includes('Dry run: nothing was changed.'));
	t.deepEqual(liveRulesWithKey(key), []);
	t.is(root.read(rulesFile), undefined);
});

test('fix --yes adds the live rule and persists it once; the check then passes; a second fix writes nothing', async t => {
	const first = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(first.exitCode, 0, first.stderr);
	t.true(first.stdout.includes('[PASS] 1.1.3 - fixed and verified'), first.stdout);
	t.deepEqual(liveRulesWithKey(key), [`-w ${dockerd} -p rwxa -k ${key}`]);
	const persisted = root.read(rulesFile)!;
	t.is(persisted.split('\n').filter(line => line === `-w ${dockerd} -k ${key}`).length, 1);
	const journal = fs.readdirSync(root.local('/var/lib/dockwarden/journal'));
	t.is(journal.length, 1);

	const result = await check113();
	t.is(result.status, 'pass');

	const second = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(second.exitCode, 0);
	t.true(second.stdout.includes('nothing to fix'), second.stdout);
	t.is(root.read(rulesFile), persisted, 'no duplicate line, however many times the fix runs');
	t.is(liveRulesWithKey(key).length, 1);
});

test('a persisted rule that is not loaded is told apart, and the fix only loads it', async t => {
	deleteRulesWithKey(key);
	const before = root.read(rulesFile);
	const result = await check113();
	t.is(result.status, 'warn');
	t.is(result.summary, 'Persisted but not loaded');
	t.true(result.evidence[0]!.includes(`${rulesFile}:`), result.evidence[0]);

	const fixed = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(fixed.exitCode, 0, fixed.stderr);
	t.is(root.read(rulesFile), before);
	t.is(liveRulesWithKey(key).length, 1);
});

test('a live rule that is not persisted is lost on reboot, and the fix only persists it', async t => {
	root.write(rulesFile, '# emptied by the test\n');
	const result = await check113();
	t.is(result.status, 'warn');
	t.is(result.summary, 'Live but lost on reboot');

	const fixed = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(fixed.exitCode, 0, fixed.stderr);
	t.is(root.read(rulesFile), `# emptied by the test\n-w ${dockerd} -k ${key}\n`);
	t.is(liveRulesWithKey(key).length, 1, 'no second live rule');
});

test('a watch on a directory that contains the path counts; a path with the same prefix does not', async t => {
	deleteRulesWithKey(key);
	root.write(rulesFile, '');
	const directory = daemon.dir;
	execFileSync('auditctl', ['-w', `${directory}2`, '-p', 'wa', '-k', key]);
	const report = async () => (await runReport(['--check', '1.1.11', ...common()])).report.results[0]!;
	const lookalike = await report();
	t.is(lookalike.status, 'warn', 'a rule on DIR2 is not a rule on DIR/daemon.json');

	execFileSync('auditctl', ['-w', directory, '-p', 'wa', '-k', key]);
	root.write(rulesFile, `-w ${directory} -p wa -k ${key}\n`);
	const covered = await report();
	t.is(covered.status, 'pass', covered.evidence.join('\n'));
	deleteRulesWithKey(key);
});

test('an absent path is skip, not warn', async t => {
	const result = (await runReport(['--check', '1.1.13', ...common()])).report.results[0]!;
	t.is(result.status, 'skip');
	t.true(result.evidence[0]!.startsWith('/etc/sysconfig/docker does not exist on this host'));
});
