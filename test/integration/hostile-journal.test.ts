import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import test from 'ava';
import {deleteRulesWithKey, liveRulesWithKey, uniqueAuditKey} from '../helpers/audit-key.js';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {treeHash} from '../helpers/tree-hash.js';

// A hostile journal, for real: the built CLI against a fake --root, a private dockerd and the kernel's audit rules.
// The attacker controls every file under --root DIR/var/lib/dockwarden/ (e.g. a host image mounted for an audit, or a
// tree another user could write); the operator runs `dockwarden --root DIR undo ID --yes` as root.
let daemon: PrivateDockerd;
let root: FakeRoot;
const key = uniqueAuditKey();
const marker = `/tmp/PWNED-${randomBytes(6).toString('hex')}`;
const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());
const journalDirectory = '/var/lib/dockwarden/journal';
const rulesFile = '/etc/audit/rules.d/docker.rules';
const passwd = 'root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n';

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir], binaries: [dockerd]});
});

test.after.always(async () => {
	deleteRulesWithKey(key);
	fs.rmSync(marker, {force: true});
	await daemon?.stop();
	root?.remove();
});

const common = () => ['--root', root.dir, '--docker-host', daemon.host, '--audit-key', key, '--restart-command', daemon.restartScript];

/** A pid no process has now: one that just exited. */
function deadPid(): number {
	return spawnSync('true').pid!;
}

/** An entry id of the shape dockwarden makes, for a time after any real fix of this run. */
const tamperedId = (what: string) => `2099-01-01T00-00-00-000Z-${what}`;

/** Asserts the refusal: exit 6, one line on stderr naming the file, the marker never made, the tree's /etc unchanged. */
async function assertRefused(t: import('ava').ExecutionContext, id: string, file: string, before: string, why: RegExp): Promise<void> {
	const undone = await runCli(['undo', id, '--yes', ...common()]);
	t.is(undone.exitCode, 6, `${undone.stdout}\n${undone.stderr}`);
	// The note that a fix was interrupted (naming a pending record) is not part of the refusal.
	const lines = undone.stderr.trim().split('\n').filter(line => !/^dockwarden: a fix was interrupted at /.test(line));
	t.is(lines.length, 1, undone.stderr);
	t.true(lines[0]!.startsWith('dockwarden: ') && lines[0]!.includes(file), lines[0]);
	t.regex(lines[0]!, why);
	t.false(fs.existsSync(marker), 'the command in the journal file never ran');
	t.false(fs.existsSync(root.local(marker)), 'not under --root either');
	t.is(treeHash(root.local('/etc')), before, 'nothing under /etc of the tree changed');
}

let applied: string;

test.serial('a real audit fix is journaled as data: the rule as path and key, no command', async t => {
	const fixed = await runCli(['fix', '1.1.3', '--yes', ...common()]);
	t.is(fixed.exitCode, 0, fixed.stderr);
	t.is(liveRulesWithKey(key).length, 1);
	const [name] = fs.readdirSync(root.local(journalDirectory)).filter(file => file.endsWith('.json'));
	applied = name!.replace(/\.json$/, '');
	const entry = JSON.parse(fs.readFileSync(root.local(`${journalDirectory}/${name!}`), 'utf8')) as {changes: Array<Record<string, unknown>>};
	t.deepEqual(entry.changes.find(change => change.kind === 'audit-watch'), {kind: 'audit-watch', path: dockerd, key});
	t.false(JSON.stringify(entry).includes('undoArgv'));
});

test.serial('(a) a pending record with undoArgv ["sh","-c","touch …"] is refused by name and never run', async t => {
	const id = tamperedId('1.1.3');
	const file = `${journalDirectory}/${id}.pending.json`;
	t.teardown(() => {
		fs.rmSync(root.local(file), {force: true});
	});
	root.write(file, JSON.stringify({id, pid: deadPid(), time: '2099-01-01T00:00:00.000Z', title: 'Watch /usr/bin/dockerd', backups: [], undoArgv: [['sh', '-c', `touch ${marker}`]]}));
	const before = treeHash(root.local('/etc'));
	await assertRefused(t, id, file, before, /unknown field "undoArgv" \(dockwarden never runs a command stored in its journal\)/);
	// The listing goes on: the valid entry is listed, the bad file named on stderr.
	const listed = await runCli(['journal', ...common()]);
	t.is(listed.exitCode, 0, listed.stderr);
	t.true(listed.stdout.includes(applied));
	t.regex(listed.stderr, new RegExp(`${id}\\.pending\\.json is not a valid dockwarden journal file`));
});

test.serial('(a) a valid-looking pending record that would remove /etc/passwd of the tree is refused', async t => {
	const id = tamperedId('3.1');
	const file = `${journalDirectory}/${id}.pending.json`;
	t.teardown(() => {
		fs.rmSync(root.local(file), {force: true});
	});
	root.write(file, JSON.stringify({id, pid: deadPid(), time: '2099-01-01T00:00:00.000Z', title: 'Set the owner of docker.service', backups: [{path: '/etc/passwd', created: true}], watches: []}));
	const before = treeHash(root.local('/etc'));
	await assertRefused(t, id, file, before, /json: \/etc\/passwd is not a file dockwarden's fixes write on this host .*: refused, nothing was changed$/);
	t.is(root.read('/etc/passwd'), passwd);
});

test.serial('(b) an applied entry that restores /etc/passwd of the tree from its "backup" is refused', async t => {
	const id = tamperedId('1.1.3');
	const file = `${journalDirectory}/${id}.json`;
	t.teardown(() => {
		fs.rmSync(root.local(file), {force: true});
	});
	// The attacker's "backup" sets root's password to empty; the "written" copy equals the file now, so undo would restore it.
	root.write(`/var/lib/dockwarden/backups/${id}/etc/passwd`, 'root::0:0:root:/root:/bin/sh\n');
	root.write(`/var/lib/dockwarden/backups/${id}/written/etc/passwd`, passwd);
	root.write(file, JSON.stringify({
		id,
		time: '2099-01-01T00:00:00.000Z',
		checkIds: ['1.1.3'],
		title: 'Watch /usr/bin/dockerd',
		changes: [{kind: 'write', path: '/etc/passwd', created: false, backup: `/var/lib/dockwarden/backups/${id}/etc/passwd`, written: `/var/lib/dockwarden/backups/${id}/written/etc/passwd`}],
	}));
	const before = treeHash(root.local('/etc'));
	await assertRefused(t, id, file, before, /json: \/etc\/passwd is not a file dockwarden's fixes write on this host .*: refused, nothing was changed$/);
	// `undo` without an id takes the newest entry, this one, and refuses it too; it never falls back to an older one.
	const last = await runCli(['undo', '--yes', ...common()]);
	t.is(last.exitCode, 6, last.stderr);
	t.is(root.read('/etc/passwd'), passwd);
	t.is(liveRulesWithKey(key).length, 1, 'the real fix was not undone in its place');
});

test.serial('(b) an applied entry with a command in it is refused as invalid', async t => {
	const id = tamperedId('1.1.4');
	const file = `${journalDirectory}/${id}.json`;
	t.teardown(() => {
		fs.rmSync(root.local(file), {force: true});
	});
	root.write(file, JSON.stringify({
		id,
		time: '2099-01-01T00:00:00.000Z',
		checkIds: ['1.1.4'],
		title: 'Watch /run/containerd',
		changes: [{kind: 'run', argv: ['auditctl', '-w', '/run/containerd', '-k', key], undoArgv: ['sh', '-c', `touch ${marker}`]}],
	}));
	const before = treeHash(root.local('/etc'));
	await assertRefused(t, id, file, before, /changes\[0\]: unknown field "undoArgv"/);
});

test.serial('(c) the real fix is undone end to end: the rule unloaded with the derived command, the rules file restored', async t => {
	const undone = await runCli(['undo', applied, '--yes', ...common()]);
	t.is(undone.exitCode, 0, `${undone.stdout}\n${undone.stderr}`);
	t.true(undone.stdout.includes(`-W ${dockerd} -k ${key}`), undone.stdout);
	t.deepEqual(liveRulesWithKey(key), []);
	t.false(fs.existsSync(root.local(rulesFile)), 'the rules file the fix created is removed');
	t.false(fs.existsSync(marker));
});
