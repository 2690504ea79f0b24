import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {openRemoteHost, type RemoteHost} from '../../source/host/ssh/remote-host.js';
import {parseSshTarget, type SshTarget} from '../../source/host/ssh/ssh-target.js';
import {startSshd, type TestSshd} from '../helpers/sshd.js';

// The target's files under --root, read and written over a real sshd (the test's own, on 127.0.0.1, a test user with
// passwordless sudo), must be as confined as the local ones (test/unit/root-fs.test.ts): the same hostile trees give
// the same refusals. In every test the attacker controls the files of the tree under --root on the target (an image,
// a mounted disk, a user with write access to part of it); what must not happen is said in each.
let sshd: TestSshd;
let target: SshTarget;
let base: string;

test.before(async () => {
	sshd = await startSshd();
	const user = sshd.addUser({sudo: true, docker: false});
	target = parseSshTarget(user.url) as SshTarget;
	base = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-ssh-rootfs-'));
	fs.chmodSync(base, 0o755);
});

test.after.always(async () => {
	await sshd?.stop();
	if (base) {
		fs.rmSync(base, {recursive: true, force: true});
	}
});

/** A --root tree on the target and, beside it, a directory outside the tree that holds a telltale file; the target's files over SSH. */
async function layOut(t: {teardown(fn: () => Promise<void> | void): void}, name: string) {
	const root = path.join(base, name, 'root');
	const outside = path.join(base, name, 'outside');
	fs.mkdirSync(path.join(root, 'etc', 'docker'), {recursive: true});
	fs.mkdirSync(outside);
	fs.writeFileSync(path.join(outside, 'daemon.json'), '{"userns-remap": "telltale-outside"}');
	const host: RemoteHost = await openRemoteHost(target, {root, settings: {configFile: sshd.clientConfig}});
	t.teardown(async () => host.close());
	const inTree = (hostPath: string) => path.join(root, hostPath);
	const remoteFs = host.access.fs as RemoteHost['access']['fs'] & {refresh(): void};
	// Each question sees the target afresh: the tree changes between them.
	const fresh = () => {
		(remoteFs as unknown as {changed(): void}).changed();
		remoteFs.refresh();
		return remoteFs;
	};

	return {root, outside, inTree, fresh};
}

// What must not happen: a link in the tree makes dockwarden read a file of the target outside the tree.
test.serial('reads: an absolute link and a .. climb resolve inside the tree, chains are followed, loops are ELOOP', async t => {
	const {outside, inTree, fresh} = await layOut(t, 'reads');
	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/etc/docker/daemon.json'));
	const error = await t.throwsAsync(fresh().readText('/etc/docker/daemon.json'));
	t.is((error as NodeJS.ErrnoException).code, 'EDANGLING');
	t.notRegex(error!.message, /telltale/);
	t.false(await fresh().exists('/etc/docker/daemon.json'));
	t.is(await fresh().stat('/etc/docker/daemon.json'), undefined);
	fs.mkdirSync(inTree(outside), {recursive: true});
	fs.writeFileSync(inTree(path.join(outside, 'daemon.json')), '{"inside": true}');
	t.is(await fresh().readText('/etc/docker/daemon.json'), '{"inside": true}');
	t.true((await fresh().stat('/etc/docker/daemon.json'))!.isFile());

	const climb = `${'../'.repeat(20)}${outside.slice(1)}/daemon.json`;
	fs.rmSync(inTree(`/${outside.split('/')[1]!}`), {recursive: true});
	fs.rmSync(inTree('/etc/docker/daemon.json'));
	fs.symlinkSync(climb, inTree('/etc/docker/daemon.json'));
	await t.throwsAsync(fresh().readText('/etc/docker/daemon.json'), {code: 'EDANGLING'});
	t.is(await fresh().readText(`/etc/../../../../../..${outside}/daemon.json`), undefined);
	t.deepEqual(await fresh().readdir('/../../..'), ['etc']);
	t.is(await fresh().readlink('/etc/docker/daemon.json'), climb);

	fs.rmSync(inTree('/etc/docker/daemon.json'));
	fs.writeFileSync(inTree('/etc/real.json'), '{"chain": 3}');
	fs.symlinkSync('/etc/hop2', inTree('/etc/hop1'));
	fs.symlinkSync('docker/../real.json', inTree('/etc/hop2'));
	fs.symlinkSync('../hop1', inTree('/etc/docker/daemon.json'));
	t.is(await fresh().readText('/etc/docker/daemon.json'), '{"chain": 3}');

	fs.symlinkSync('/etc/loop-b', inTree('/etc/loop-a'));
	fs.symlinkSync('/etc/loop-a', inTree('/etc/loop-b'));
	await t.throwsAsync(fresh().readText('/etc/loop-a'), {code: 'ELOOP'});
});

// What must not happen: a FIFO, a device or a huge file planted as a config file hangs the audit or fills its memory.
test.serial('reads: a FIFO, a device and a file over the cap are refused at once; /dev/zero through a link stays in the tree', async t => {
	const {inTree, fresh} = await layOut(t, 'kinds');
	execFileSync('mkfifo', [inTree('/etc/docker/daemon.json')]);
	const started = Date.now();
	await t.throwsAsync(fresh().readText('/etc/docker/daemon.json'), {code: 'ENOTREG'});
	t.true(Date.now() - started < 10_000);
	fs.rmSync(inTree('/etc/docker/daemon.json'));
	fs.symlinkSync('/dev/zero', inTree('/etc/docker/daemon.json'));
	await t.throwsAsync(fresh().readText('/etc/docker/daemon.json'), {code: 'EDANGLING'});
	fs.mkdirSync(inTree('/dev'));
	execFileSync('mknod', [inTree('/dev/zero'), 'c', '1', '5']);
	await t.throwsAsync(fresh().readText('/etc/docker/daemon.json'), {code: 'ENOTREG'});
	await t.throwsAsync(fresh().readText('/etc'), {code: 'EISDIR'});
	execFileSync('truncate', ['-s', '2G', inTree('/etc/big')]);
	const bigStarted = Date.now();
	await t.throwsAsync(fresh().readBytes('/etc/big'), {code: 'EFBIG'});
	t.true(Date.now() - bigStarted < 5000, `${Date.now() - bigStarted} ms`);
});

// What must not happen: a write goes through a planted link, out of the tree, or into a directory another user can swap files in.
test.serial('writes: a link at the file is refused, a linked directory resolves inside the tree, an unsafe directory is refused', async t => {
	const {outside, inTree, fresh, root} = await layOut(t, 'writes');
	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/etc/docker/daemon.json'));
	await t.throwsAsync(fresh().writeAtomic('/etc/docker/daemon.json', '{"written": true}', 0o644), {code: 'ESYMLINK'});
	t.is(fs.readFileSync(path.join(outside, 'daemon.json'), 'utf8'), '{"userns-remap": "telltale-outside"}');
	t.true(fs.lstatSync(inTree('/etc/docker/daemon.json')).isSymbolicLink(), 'the link is left as it was');
	fs.rmSync(inTree('/etc/docker/daemon.json'));

	// /etc/docker as an absolute link: the write lands in the tree's /srv/docker, not in the target's own.
	fs.rmSync(inTree('/etc/docker'), {recursive: true});
	fs.mkdirSync(inTree('/srv/docker'), {recursive: true});
	fs.symlinkSync('/srv/docker', inTree('/etc/docker'));
	await fresh().writeAtomic('/etc/docker/daemon.json', '{"a": 1}', 0o644);
	t.is(fs.readFileSync(inTree('/srv/docker/daemon.json'), 'utf8'), '{"a": 1}');
	t.deepEqual(fs.readdirSync(inTree('/srv/docker')), ['daemon.json'], 'no temporary file is left');
	// A new directory on the way is made inside the tree, 0755.
	await fresh().writeAtomic('/var/lib/dockwarden/journal/x.json', '{}', 0o600);
	t.is(fs.statSync(inTree('/var/lib/dockwarden/journal/x.json')).mode & 0o777, 0o600);
	t.is(fs.statSync(inTree('/var/lib/dockwarden')).mode & 0o777, 0o755);
	t.false(fs.existsSync('/srv/docker/daemon.json') && fs.readFileSync('/srv/docker/daemon.json', 'utf8') === '{"a": 1}');

	// createExclusive never follows a link at its name; remove removes the link itself.
	fs.symlinkSync(path.join(outside, 'lock'), inTree('/srv/docker/lock'));
	t.false(await fresh().createExclusive('/etc/docker/lock', 'x'));
	t.false(fs.existsSync(path.join(outside, 'lock')));
	await fresh().remove('/etc/docker/lock');
	t.false(fs.existsSync(inTree('/srv/docker/lock')));
	t.true(await fresh().createExclusive('/etc/docker/lock', 'x'));
	t.is(fs.statSync(inTree('/srv/docker/lock')).mode & 0o777, 0o600);

	fs.chmodSync(inTree('/srv/docker'), 0o777);
	await t.throwsAsync(fresh().writeAtomic('/etc/docker/daemon.json', '{"b": 2}', 0o644), {code: 'EUNSAFE', message: /writable by every user/});
	await t.throwsAsync(fresh().createExclusive('/etc/docker/other-lock', '1'), {code: 'EUNSAFE'});
	fs.chmodSync(inTree('/srv/docker'), 0o1777);
	await fresh().writeAtomic('/etc/docker/daemon.json', '{"b": 2}', 0o644);
	fs.chmodSync(inTree('/srv/docker'), 0o755);
	fs.chownSync(inTree('/srv/docker'), 65_534, 65_534);
	await t.throwsAsync(fresh().writeAtomic('/etc/docker/daemon.json', '{"c": 3}', 0o644), {code: 'EUNSAFE', message: /owned by uid 65534/});
	t.is(fs.readFileSync(inTree('/srv/docker/daemon.json'), 'utf8'), '{"b": 2}');
	t.truthy(root);
});

// What must not happen: root chowns or chmods a file that is no longer what the check saw, or one outside the tree.
test.serial('chown and chmod: what the check saw is checked first, a link out of the tree is not followed, an unsafe directory is refused', async t => {
	const {outside, inTree, fresh} = await layOut(t, 'attributes');
	const file = inTree('/etc/docker/daemon.json');
	fs.writeFileSync(file, '{}');
	fs.chmodSync(file, 0o666);
	await fresh().chmod('/etc/docker/daemon.json', 0o644, {mode: 0o666});
	t.is(fs.statSync(file).mode & 0o777, 0o644);
	await t.throwsAsync(fresh().chmod('/etc/docker/daemon.json', 0o600, {mode: 0o666}), {code: 'ECHANGED', message: /the check saw 0666/});
	t.is(fs.statSync(file).mode & 0o777, 0o644);

	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/etc/docker/linked.json'));
	const outsideMode = fs.statSync(path.join(outside, 'daemon.json')).mode;
	await t.throwsAsync(fresh().chmod('/etc/docker/linked.json', 0o600), {code: 'ENOENT'});
	t.is(fs.statSync(path.join(outside, 'daemon.json')).mode, outsideMode);

	await fresh().chown('/etc/docker/daemon.json', 1000, 1000, {uid: 0, gid: 0});
	t.is(fs.statSync(file).uid, 1000);
	await t.throwsAsync(fresh().chown('/etc/docker/daemon.json', 0, 0, {uid: 0, gid: 0}), {code: 'ECHANGED', message: /owner uid 1000, the check saw 0/});
	t.is(fs.statSync(file).uid, 1000);

	for (const mode of [0o777, 0o1777]) {
		fs.chmodSync(inTree('/etc/docker'), mode);
		await t.throwsAsync(fresh().chmod('/etc/docker/daemon.json', 0o600, {mode: 0o644}), {code: 'EUNSAFE', message: /another user could swap the file/});
	}

	t.is(fs.statSync(file).mode & 0o777, 0o644);
});
