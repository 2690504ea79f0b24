import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {deleteRulesWithKey, liveRulesWithKey, uniqueAuditKey} from '../helpers/audit-key.js';
import {runCli} from '../helpers/cli.js';
import {treeHash} from '../helpers/tree-hash.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {createSession} from '../../source/session.js';

// Proof under faults: each case ends with nothing lost (files byte-identical, or the change complete and verified),
// the daemon running, and one line that says what happened.
let daemon: PrivateDockerd;
let root: FakeRoot;
const key = uniqueAuditKey();
const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());
const rulesDirectory = '/etc/audit/rules.d';
const existingRules = '# the operator\'s own rules\n-w /etc/hosts -p wa -k hosts\n';

test.before(async () => {
	daemon = await startPrivateDockerd('{\n\t"labels": ["fault=test"]\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir], binaries: [dockerd]});
});

test.afterEach.always(() => {
	deleteRulesWithKey(key);
	for (const point of mountsBelow(root.dir)) {
		execFileSync('umount', ['-l', point]);
	}
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

function mountsBelow(directory: string): string[] {
	return fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map(line => line.split(' ')[4] ?? '').filter(point => point.startsWith(`${directory}/`) && !root.mounts.some(own => point === own || point.startsWith(`${own}/`))).sort().reverse();
}

const common = () => ['--root', root.dir, '--docker-host', daemon.host, '--audit-key', key, '--restart-command', daemon.restartScript];
const dockerUp = () => daemon.docker('info', '--format', '{{.ID}}').length > 0;

test.serial('a plain audit writes nothing: the whole fake root is unchanged', async t => {
	root.write(`${rulesDirectory}/docker.rules`, existingRules);
	const before = treeHash(root.dir, root.mounts);
	const daemonJson = fs.readFileSync(daemon.configFile, 'utf8');
	const {exitCode} = await runCli(['--json', ...common()]);
	t.is(exitCode, 1);
	t.is(treeHash(root.dir, root.mounts), before);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), daemonJson);
});

test.serial('the rules directory is read-only: the live rule is taken back, nothing is written, exit 7', async t => {
	root.write(`${rulesDirectory}/docker.rules`, existingRules);
	execFileSync('mount', ['--bind', root.local(rulesDirectory), root.local(rulesDirectory)]);
	execFileSync('mount', ['-o', 'remount,bind,ro', root.local(rulesDirectory)]);
	const {exitCode, stderr} = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(exitCode, 7);
	t.regex(stderr, /^dockwarden: the fix of 1\.1\.3 failed: .*(read-only|EROFS).*; everything it did was rolled back$/m);
	t.deepEqual(liveRulesWithKey(key), []);
	t.is(root.read(`${rulesDirectory}/docker.rules`), existingRules);
	t.true(dockerUp());
});

test.serial('the disk fills during the write: the original file is intact and no temporary file is left', async t => {
	execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'dw-full', root.local(rulesDirectory)]);
	fs.writeFileSync(root.local(`${rulesDirectory}/docker.rules`), existingRules);
	try {
		fs.writeFileSync(root.local(`${rulesDirectory}/filler`), Buffer.alloc(64 * 1024));
	} catch {}

	const {exitCode, stderr} = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(exitCode, 7);
	t.regex(stderr, /ENOSPC|no space/i);
	t.is(fs.readFileSync(root.local(`${rulesDirectory}/docker.rules`), 'utf8'), existingRules);
	t.deepEqual(fs.readdirSync(root.local(rulesDirectory)).filter(name => name.includes('dockwarden')), []);
	t.deepEqual(liveRulesWithKey(key), []);
});

test.serial('auditctl fails half-way through a batch: the rules loaded before it are taken back', async t => {
	// /etc/sysconfig/docker exists in the fake root but its directory does not exist on this machine, so the kernel refuses the watch.
	root.write('/etc/sysconfig/docker', 'OPTIONS=\n');
	root.write(`${rulesDirectory}/docker.rules`, existingRules);
	const {exitCode, stderr} = await runCli(['fix', '1.1.3,1.1.13', '--yes', ...common()]);
	t.is(exitCode, 7);
	t.regex(stderr, /auditctl -w \/etc\/sysconfig\/docker .*exited with/);
	t.deepEqual(liveRulesWithKey(key), [], 'the rule of 1.1.3, loaded first, was unloaded');
	t.is(root.read(`${rulesDirectory}/docker.rules`), existingRules);
	fs.rmSync(root.local('/etc/sysconfig'), {recursive: true});
});

test.serial('killed between the backup and the rename: the next run says so, and undo ENTRY restores', async t => {
	root.write(`${rulesDirectory}/docker.rules`, existingRules);
	const killed = await runCli(['fix', '1.1.3', '--yes', ...common()], {DOCKWARDEN_FAULT: 'after-backup'});
	t.not(killed.exitCode, 0);
	t.is(liveRulesWithKey(key).length, 1, 'the live rule was loaded before the kill');

	const next = await runCli(['--check', '1.1.3', ...common()]);
	const warning = /^dockwarden: a fix was interrupted at .* run dockwarden undo (\S+) to restore what it had changed$/m.exec(next.stderr);
	t.truthy(warning, next.stderr);
	const restored = await runCli(['undo', warning![1]!, '--yes', ...common()]);
	t.is(restored.exitCode, 0, restored.stderr);
	t.deepEqual(liveRulesWithKey(key), []);
	t.is(root.read(`${rulesDirectory}/docker.rules`), existingRules);
	t.notRegex((await runCli(['--check', '1.1.3', ...common()])).stderr, /interrupted/);
});

test.serial('a second dockwarden is told another one is changing the host, and nothing is attempted', async t => {
	root.write('/var/lib/dockwarden/lock', `${process.pid}\n`);
	const {exitCode, stderr} = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	fs.rmSync(root.local('/var/lib/dockwarden/lock'));
	t.is(exitCode, 8);
	t.regex(stderr, new RegExp(`another dockwarden \\(pid ${process.pid}\\) is changing this host`));
	t.deepEqual(liveRulesWithKey(key), []);
});

test.serial('a restart that hangs past its timeout is rolled back, and the daemon runs on the old file', async t => {
	const before = fs.readFileSync(daemon.configFile, 'utf8');
	const {exitCode, stderr} = await runCli(['fix', '2.9', '--yes', '--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host, '--restart-command', 'sleep 600', '--restart-timeout', '2']);
	t.is(exitCode, 7);
	t.regex(stderr, /timed out after 2 s/);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before);
	t.true(dockerUp());
});

test.serial('dockerd refuses the file the fix wrote: the engine restores it and restarts on the old one', async t => {
	// The unit that restarts dockerd has gained a --userns-remap flag the running dockerd does not have (edited, not
	// yet applied): dockerd then refuses to start with userns-remap in daemon.json as well.
	const restart = `${daemon.dir}/restart-with-flag.sh`;
	fs.writeFileSync(restart, fs.readFileSync(daemon.restartScript, 'utf8').replace('setsid dockerd ', 'setsid dockerd --userns-remap=default '), {mode: 0o755});
	const before = fs.readFileSync(daemon.configFile, 'utf8');
	const session = createSession({benchmark: '1.6.0', root: root.dir, dockerHost: daemon.host, auditKey: key, restartCommand: restart, daemonWaitMs: 5000});
	const {outcome} = await session.planFix('2.9');
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	const applied = await session.apply(outcome.plan);
	t.false(applied.ok);
	if (applied.ok) {
		return;
	}

	t.true(applied.rolledBack, applied.log.join('\n'));
	t.regex(applied.error, /did not answer within 5 s/);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before, 'byte for byte');
	await daemon.waitReady();
	t.true(dockerUp());
});

test.serial('--root mounted read-only: a fix is refused with one line, nothing attempted', async t => {
	const readOnly = fs.mkdtempSync(path.join(root.dir, '..', 'dw-ro-'));
	execFileSync('mount', ['--bind', root.dir, readOnly]);
	execFileSync('mount', ['-o', 'remount,bind,ro', readOnly]);
	try {
		const {exitCode, stderr} = await runCli(['fix', '1.1.3', '--yes', '--root', readOnly, '--docker-host', daemon.host, '--audit-key', key]);
		t.is(exitCode, 6);
		t.is(stderr.trim(), `dockwarden: the fix of 1.1.3 was not attempted: --root ${readOnly} cannot be written: it is mounted read-only; mount the host read-write to apply fixes (e.g. -v /:/host without :ro)`);
		t.deepEqual(liveRulesWithKey(key), []);
	} finally {
		execFileSync('umount', [readOnly]);
		fs.rmdirSync(readOnly);
	}
});
