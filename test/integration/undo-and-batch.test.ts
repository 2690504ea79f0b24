import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import test from 'ava';
import {deleteRulesWithKey, liveRulesWithKey, uniqueAuditKey} from '../helpers/audit-key.js';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// Undo and batches, for real: the kernel's audit rules, files under a fake root, a private dockerd.
let daemon: PrivateDockerd;
let root: FakeRoot;
const key = uniqueAuditKey();
const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());
const rulesFile = '/etc/audit/rules.d/docker.rules';

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir], binaries: [dockerd]});
});

test.after.always(async () => {
	deleteRulesWithKey(key);
	await daemon?.stop();
	root?.remove();
});

// The ids below are v1.6.0's (2.9 user namespaces, 2.14 no-new-privileges, 2.15 live restore): the point is the behaviour, not the id.
const common = () => ['--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host, '--audit-key', key, '--restart-command', daemon.restartScript];
const journal = () => fs.readdirSync(root.local('/var/lib/dockwarden/journal')).filter(name => name.endsWith('.json')).sort();

test.serial('a batch of audit fixes is one plan: one write of the rules file, one journal entry', async t => {
	const before = fs.existsSync(root.local('/var/lib/dockwarden/journal')) ? journal() : [];
	const plan = await runCli(['fix', '1.1.3,1.1.6', '--dry-run', ...common()]);
	t.is(plan.exitCode, 0, plan.stderr);
	t.is(plan.stdout.match(/ write \/etc\/audit\/rules\.d\/docker\.rules/g)?.length, 1, plan.stdout);
	const applied = await runCli(['fix', '1.1.3,1.1.6', '--yes', ...common()]);
	t.is(applied.exitCode, 0, applied.stderr);
	t.deepEqual(root.read(rulesFile)!.split('\n').filter(line => line.startsWith('-w')), [`-w ${dockerd} -k ${key}`, `-w /etc/docker -k ${key}`]);
	t.is(liveRulesWithKey(key).length, 2);
	t.is(journal().length, before.length + 1);
});

test.serial('undo reverts the last fix: the live rules are unloaded and the lines it added are removed', async t => {
	const listed = await runCli(['journal', ...common()]);
	t.regex(listed.stdout, /ran \S*auditctl -w/);
	t.regex(listed.stdout, /^ {2}checks 1\.1\.3, 1\.1\.6 of CIS v1\.6\.0$/m, 'the journal says which checks, in the ids of the version the fix was made under');
	const undone = await runCli(['undo', '--yes', ...common()]);
	t.is(undone.exitCode, 0, `${undone.stdout}\n${undone.stderr}`);
	t.deepEqual(liveRulesWithKey(key), []);
	t.false(fs.existsSync(root.local(rulesFile)), 'the rules file the fix created, holding nothing else, is removed');
	const results = (await runReport(['--check', '1.1.3,1.1.6', ...common()])).report.results;
	t.deepEqual(results.map(result => result.status), ['warn', 'warn']);
	const again = await runCli(['undo', '--yes', ...common()]);
	t.regex(again.stdout, /no fix left to undo/);
});

test.serial('undo of an audit fix keeps the lines added since; chmod undo refuses when the mode changed since, unless forced', async t => {
	root.write('/lib/systemd/system/docker.service', '[Service]\n', 0o664);
	t.is((await runCli(['fix', '3.2', '--yes', ...common()])).exitCode, 0);
	const [entry] = journal().reverse();
	fs.chmodSync(root.local('/lib/systemd/system/docker.service'), 0o600);
	const refused = await runCli(['undo', entry!.replace(/\.json$/, ''), '--yes', ...common()]);
	t.is(refused.exitCode, 6);
	t.regex(refused.stderr, /has mode 600 now, not 644/);
	t.is(fs.statSync(root.local('/lib/systemd/system/docker.service')).mode & 0o7777, 0o600, 'nothing was changed');
	const forced = await runCli(['undo', entry!.replace(/\.json$/, ''), '--yes', '--force', ...common()]);
	t.is(forced.exitCode, 0, forced.stderr);
	t.is(fs.statSync(root.local('/lib/systemd/system/docker.service')).mode & 0o7777, 0o664);
});

test.serial('undo restores daemon.json byte for byte and restarts the daemon; a file changed since is refused with the difference', async t => {
	const original = '{\n    "log-level": "info"\n}\n';
	fs.writeFileSync(daemon.configFile, original);
	const fixed = await runCli(['fix', '2.9', '--yes', ...common()]);
	t.is(fixed.exitCode, 0, fixed.stderr);
	const [entry] = journal().reverse();
	const id = entry!.replace(/\.json$/, '');
	const written = fs.readFileSync(daemon.configFile, 'utf8');
	fs.writeFileSync(daemon.configFile, written.replace('"default"', '"default" '));
	const refused = await runCli(['undo', id, '--yes', ...common()]);
	t.is(refused.exitCode, 6);
	t.regex(refused.stderr, /has changed since the fix wrote it/);
	t.regex(refused.stderr, /^\+.*"default" $/m, 'the difference is shown');
	fs.writeFileSync(daemon.configFile, written);

	const undone = await runCli(['undo', id, '--yes', ...common()]);
	t.is(undone.exitCode, 0, `${undone.stdout}\n${undone.stderr}`);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), original, 'byte for byte');
	await daemon.waitReady();
	t.false(daemon.docker('info', '--format', '{{json .SecurityOptions}}').includes('name=userns'));
	const entries = JSON.parse(fs.readFileSync(root.local(`/var/lib/dockwarden/journal/${entry}`), 'utf8')) as {undoneAt?: string};
	t.truthy(entries.undoneAt);
});
