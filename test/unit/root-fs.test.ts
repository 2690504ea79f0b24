import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {createRootFs, readCap} from '../../source/host/root-fs.js';
import {writeOperatorFile} from '../../source/host/operator-file.js';

const isRoot = process.getuid?.() === 0;

/** A --root tree and, beside it, a directory outside the tree that holds a telltale file. */
function layOut(t: {teardown(fn: () => void): void}) {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-rootfs-'));
	t.teardown(() => fs.rmSync(base, {recursive: true, force: true}));
	const root = path.join(base, 'root');
	const outside = path.join(base, 'outside');
	fs.mkdirSync(path.join(root, 'etc', 'docker'), {recursive: true});
	fs.mkdirSync(outside);
	fs.writeFileSync(path.join(outside, 'daemon.json'), '{"userns-remap": "telltale-outside"}');
	const inTree = (hostPath: string) => path.join(root, hostPath);
	return {base, root, outside, inTree, rootFs: createRootFs(root)};
}

// The attacker controls the files of the tree under --root (an image, a mounted disk); what must not happen: a link
// in it makes dockwarden read a file of the machine that runs it.
test('an absolute symbolic link resolves inside the tree, not on this machine, and the error says why', async t => {
	const {outside, inTree, rootFs} = layOut(t);
	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/etc/docker/daemon.json'));
	const error = await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'));
	t.is((error as NodeJS.ErrnoException).code, 'EDANGLING');
	t.regex(error!.message, /links resolve inside the tree/);
	t.notRegex(error!.message, /telltale/);
	t.false(await rootFs.exists('/etc/docker/daemon.json'));
	t.is(await rootFs.stat('/etc/docker/daemon.json'), undefined);

	// The same absolute target, laid out inside the tree, is what is read.
	fs.mkdirSync(inTree(outside), {recursive: true});
	fs.writeFileSync(inTree(path.join(outside, 'daemon.json')), '{"inside": true}');
	t.is(await rootFs.readText('/etc/docker/daemon.json'), '{"inside": true}');
});

// The attacker controls link targets and path text with `..`; what must not happen: a path climbs above --root.
test('.. never goes above the root, in a link or in the path itself', async t => {
	const {outside, inTree, rootFs} = layOut(t);
	const climb = `${'../'.repeat(20)}${outside.slice(1)}/daemon.json`;
	fs.symlinkSync(climb, inTree('/etc/docker/daemon.json'));
	await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'), {code: 'EDANGLING'});
	t.is(await rootFs.readText(`/etc/../../../../../..${outside}/daemon.json`), undefined);
	t.deepEqual(await rootFs.readdir('/../../..'), ['etc']);
	t.is(await rootFs.readlink('/etc/docker/daemon.json'), climb);
});

test('chains of links, relative and absolute, are followed inside the tree', async t => {
	const {inTree, rootFs} = layOut(t);
	fs.writeFileSync(inTree('/etc/real.json'), '{"chain": 3}');
	fs.symlinkSync('/etc/hop2', inTree('/etc/hop1'));
	fs.symlinkSync('docker/../real.json', inTree('/etc/hop2'));
	fs.symlinkSync('../hop1', inTree('/etc/docker/daemon.json'));
	t.is(await rootFs.readText('/etc/docker/daemon.json'), '{"chain": 3}');
	// A link to a directory, then a file in it.
	fs.symlinkSync('/etc', inTree('/conf'));
	t.is(await rootFs.readText('/conf/real.json'), '{"chain": 3}');
	t.true((await rootFs.stat('/conf'))!.isDirectory());
});

// The attacker controls links; what must not happen: a loop hangs dockwarden or exhausts its stack.
test('link loops are ELOOP after 40 links', async t => {
	const {inTree, rootFs} = layOut(t);
	fs.symlinkSync('b', inTree('/etc/a'));
	fs.symlinkSync('/etc/a', inTree('/etc/b'));
	fs.symlinkSync('self', inTree('/etc/self'));
	await t.throwsAsync(rootFs.readText('/etc/a'), {code: 'ELOOP'});
	await t.throwsAsync(rootFs.readText('/etc/self/x'), {code: 'ELOOP'});
	t.false(await rootFs.exists('/etc/a'));
	// 39 links in a row are fine.
	for (let index = 0; index < 39; index++) {
		fs.symlinkSync(`l${index + 1}`, inTree(`/etc/l${index}`));
	}

	fs.writeFileSync(inTree('/etc/l39'), 'end');
	t.is(await rootFs.readText('/etc/l0'), 'end');
});

// The attacker names a FIFO as a config file; what must not happen: the read waits forever for a writer.
test('a FIFO is not a regular file: an error at once, under --root and on /', async t => {
	const {inTree, rootFs} = layOut(t);
	execFileSync('mkfifo', [inTree('/etc/docker/daemon.json')]);
	const started = Date.now();
	await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'), {code: 'ENOTREG', message: /not a regular file \(a FIFO/});
	await t.throwsAsync(createRootFs('/').readText(inTree('/etc/docker/daemon.json')), {code: 'ENOTREG', message: /a FIFO/});
	t.true(Date.now() - started < 2000);
});

// The attacker names /dev/zero as a config file; what must not happen: dockwarden reads without end and fills its memory.
test('/dev/zero, through a link or as a device in the tree, is refused', async t => {
	const {inTree, rootFs} = layOut(t);
	fs.symlinkSync('/dev/zero', inTree('/etc/docker/daemon.json'));
	// Under --root the link leads to the tree's own /dev/zero, which is not there.
	await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'), {code: 'EDANGLING'});
	await t.throwsAsync(createRootFs('/').readText('/dev/zero'), {code: 'ENOTREG', message: /a character device/});
	await t.throwsAsync(createRootFs('/').readText(inTree('/etc/docker/daemon.json')), {code: 'ENOTREG'});
	await t.throwsAsync(rootFs.readText('/etc'), {code: 'EISDIR', message: /not a regular file \(a directory/});
	if (isRoot) {
		fs.mkdirSync(inTree('/dev'));
		execFileSync('mknod', [inTree('/dev/zero'), 'c', '1', '5']);
		await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'), {code: 'ENOTREG', message: /a character device/});
	}
});

test('a socket is not a regular file', async t => {
	const {inTree, rootFs} = layOut(t);
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(inTree('/etc/docker/daemon.json'), resolve);
	});
	t.teardown(() => server.close());
	await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'), {code: 'ENOTREG', message: /a socket/});
	await t.throwsAsync(createRootFs('/').readText(inTree('/etc/docker/daemon.json')), {code: 'ENOTREG', message: /a socket/});
});

// The attacker plants a 2 GB sparse file; what must not happen: dockwarden reads it into memory.
test('a 2 GB sparse file is refused at once as larger than the cap', async t => {
	const {inTree, rootFs} = layOut(t);
	execFileSync('truncate', ['-s', '2G', inTree('/etc/docker/daemon.json')]);
	const started = Date.now();
	await t.throwsAsync(rootFs.readText('/etc/docker/daemon.json'), {code: 'EFBIG', message: /larger than the cap of 16 MiB/});
	await t.throwsAsync(createRootFs('/').readBytes(inTree('/etc/docker/daemon.json')), {code: 'EFBIG'});
	t.true(Date.now() - started < 1000);
	// At the cap exactly, a file is read.
	execFileSync('truncate', ['-s', String(readCap), inTree('/etc/big')]);
	t.is((await rootFs.readBytes('/etc/big'))!.length, readCap);
});

test('/proc files, whose size says 0, are read by the bytes they hold', async t => {
	const text = await createRootFs('/').readText(`/proc/${process.pid}/status`);
	t.regex(text!, new RegExp(`^Pid:\\s+${process.pid}$`, 'm'));
	t.is(await createRootFs('/').readlink(`/proc/${process.pid}/exe`), fs.readlinkSync('/proc/self/exe'));
});

// The attacker plants a link where dockwarden writes; what must not happen: the write lands on the link's target, or the link is replaced.
test('writeAtomic refuses a symbolic link at the target and leaves the link and its target alone', async t => {
	const {outside, inTree, rootFs} = layOut(t);
	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/etc/docker/daemon.json'));
	await t.throwsAsync(rootFs.writeAtomic('/etc/docker/daemon.json', '{}', 0o644), {code: 'ESYMLINK', message: /symbolic link/});
	t.is(fs.readlinkSync(inTree('/etc/docker/daemon.json')), path.join(outside, 'daemon.json'));
	t.is(fs.readFileSync(path.join(outside, 'daemon.json'), 'utf8'), '{"userns-remap": "telltale-outside"}');
	t.deepEqual(fs.readdirSync(inTree('/etc/docker')), ['daemon.json']);
	// The same on / (a journal or backup path with a planted link).
	await t.throwsAsync(createRootFs('/').writeAtomic(inTree('/etc/docker/daemon.json'), '{}', 0o600), {code: 'ESYMLINK'});
});

// The attacker replaces a directory on the way with a link; what must not happen: the write leaves the tree.
test('a directory on the way that is a link resolves inside the tree for writes', async t => {
	const {base, outside, inTree, rootFs} = layOut(t);
	fs.rmSync(inTree('/etc/docker'), {recursive: true});
	fs.symlinkSync(outside, inTree('/etc/docker'));
	await rootFs.writeAtomic('/etc/docker/daemon.json', '{"new": 1}', 0o644);
	t.is(fs.readFileSync(path.join(outside, 'daemon.json'), 'utf8'), '{"userns-remap": "telltale-outside"}');
	t.is(fs.readFileSync(inTree(path.join(outside, 'daemon.json')), 'utf8'), '{"new": 1}');
	t.is(fs.statSync(inTree(path.join(outside, 'daemon.json'))).mode & 0o777, 0o644);
	// createExclusive and remove too.
	t.true(await rootFs.createExclusive('/etc/docker/lock', '1\n'));
	t.false(fs.existsSync(path.join(outside, 'lock')));
	await rootFs.remove('/etc/docker/lock');
	t.false(fs.existsSync(inTree(path.join(outside, 'lock'))));
	t.true(fs.existsSync(base));
});

// The attacker plants a link at a lock or journal name; what must not happen: the create follows it.
test('createExclusive never follows a link planted at its name, and remove removes the link itself', async t => {
	const {outside, inTree, rootFs} = layOut(t);
	fs.mkdirSync(inTree('/var/lib/dockwarden'), {recursive: true});
	fs.symlinkSync(path.join(outside, 'created-by-lock'), inTree('/var/lib/dockwarden/lock'));
	t.false(await rootFs.createExclusive('/var/lib/dockwarden/lock', '1\n'));
	t.false(fs.existsSync(path.join(outside, 'created-by-lock')));
	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/var/lib/dockwarden/other'));
	await rootFs.remove('/var/lib/dockwarden/other');
	t.true(fs.existsSync(path.join(outside, 'daemon.json')));
	t.false(fs.existsSync(inTree('/var/lib/dockwarden/other')));
});

// Another user can write the directory; what must not happen: root writes there (the user could swap names in between).
test('writes refuse a directory another user can write; a sticky one like /tmp is fine', async t => {
	const {inTree, rootFs} = layOut(t);
	fs.chmodSync(inTree('/etc/docker'), 0o777);
	await t.throwsAsync(rootFs.writeAtomic('/etc/docker/daemon.json', '{}', 0o644), {code: 'EUNSAFE', message: /writable by every user/});
	await t.throwsAsync(rootFs.createExclusive('/etc/docker/lock', '1'), {code: 'EUNSAFE'});
	fs.chmodSync(inTree('/etc/docker'), 0o1777);
	await rootFs.writeAtomic('/etc/docker/daemon.json', '{}', 0o644);
	t.is(fs.readFileSync(inTree('/etc/docker/daemon.json'), 'utf8'), '{}');
	if (isRoot) {
		fs.chmodSync(inTree('/etc/docker'), 0o755);
		fs.chownSync(inTree('/etc/docker'), 65_534, 65_534);
		await t.throwsAsync(rootFs.writeAtomic('/etc/docker/daemon.json', '{"x": 1}', 0o644), {code: 'EUNSAFE', message: /owned by uid 65534/});
		t.is(fs.readFileSync(inTree('/etc/docker/daemon.json'), 'utf8'), '{}');
	}
});

test('writeAtomic keeps an existing file\'s mode and leaves no temporary file', async t => {
	const {inTree, rootFs} = layOut(t);
	fs.writeFileSync(inTree('/etc/docker/daemon.json'), '{}', {mode: 0o600});
	fs.chmodSync(inTree('/etc/docker/daemon.json'), 0o640);
	await rootFs.writeAtomic('/etc/docker/daemon.json', '{"a": 1}', 0o644);
	t.is(fs.statSync(inTree('/etc/docker/daemon.json')).mode & 0o777, 0o640);
	t.deepEqual(fs.readdirSync(inTree('/etc/docker')), ['daemon.json']);
	await rootFs.writeAtomic('/var/lib/dockwarden/journal/x.json', '{}', 0o600);
	t.is(fs.statSync(inTree('/var/lib/dockwarden/journal/x.json')).mode & 0o777, 0o600);
	await t.throwsAsync(rootFs.writeAtomic('/etc/docker', 'x', 0o644), {code: 'ENOTREG'});
});

// The attacker owns a file's directory; what must not happen: root chowns a file swapped in after the check.
test('chown and chmod act through a descriptor on the file that was checked, and refuse an unsafe directory', async t => {
	const {outside, inTree, rootFs} = layOut(t);
	fs.writeFileSync(inTree('/etc/docker/daemon.json'), '{}', {mode: 0o666});
	fs.chmodSync(inTree('/etc/docker/daemon.json'), 0o666);
	await rootFs.chmod('/etc/docker/daemon.json', 0o644, {mode: 0o666});
	t.is(fs.statSync(inTree('/etc/docker/daemon.json')).mode & 0o777, 0o644);
	// What the check saw is no longer there: refused, nothing changed.
	await t.throwsAsync(rootFs.chmod('/etc/docker/daemon.json', 0o600, {mode: 0o666}), {code: 'ECHANGED', message: /the check saw 0666/});
	t.is(fs.statSync(inTree('/etc/docker/daemon.json')).mode & 0o777, 0o644);
	// A link in place of the file is followed inside the tree, never to this machine's file.
	fs.symlinkSync(path.join(outside, 'daemon.json'), inTree('/etc/docker/linked.json'));
	await t.throwsAsync(rootFs.chmod('/etc/docker/linked.json', 0o600), {code: 'ENOENT'});
	const outsideMode = fs.statSync(path.join(outside, 'daemon.json')).mode;
	t.is(fs.statSync(path.join(outside, 'daemon.json')).mode, outsideMode);
	// A directory another user can write: refused.
	fs.chmodSync(inTree('/etc/docker'), 0o777);
	await t.throwsAsync(rootFs.chmod('/etc/docker/daemon.json', 0o600, {mode: 0o644}), {code: 'EUNSAFE', message: /another user could swap the file/});
	// Even a sticky one: the file may be the other user's own.
	fs.chmodSync(inTree('/etc/docker'), 0o1777);
	await t.throwsAsync(rootFs.chmod('/etc/docker/daemon.json', 0o600, {mode: 0o644}), {code: 'EUNSAFE'});
	fs.chmodSync(inTree('/etc/docker'), 0o755);
	// Directories are opened too.
	await rootFs.chmod('/etc/docker', 0o700, {mode: 0o755});
	t.is(fs.statSync(inTree('/etc/docker')).mode & 0o777, 0o700);
	if (isRoot) {
		await rootFs.chown('/etc/docker/daemon.json', 1000, 1000, {uid: 0, gid: 0});
		t.is(fs.statSync(inTree('/etc/docker/daemon.json')).uid, 1000);
		await t.throwsAsync(rootFs.chown('/etc/docker/daemon.json', 0, 0, {uid: 0, gid: 0}), {code: 'ECHANGED'});
		fs.chownSync(inTree('/etc/docker'), 65_534, 65_534);
		await t.throwsAsync(rootFs.chown('/etc/docker/daemon.json', 0, 0, {uid: 1000, gid: 1000}), {code: 'EUNSAFE', message: /owned by uid 65534/});
		t.is(fs.statSync(inTree('/etc/docker/daemon.json')).uid, 1000);
	}
});

test('chmod of a socket is checked by lstat, done by path and checked again', async t => {
	const {inTree, rootFs} = layOut(t);
	const socket = inTree('/etc/docker/test.sock');
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(socket, resolve);
	});
	t.teardown(() => server.close());
	fs.chmodSync(socket, 0o777);
	await rootFs.chmod('/etc/docker/test.sock', 0o660, {mode: 0o777});
	t.is(fs.lstatSync(socket).mode & 0o777, 0o660);
	await t.throwsAsync(rootFs.chmod('/etc/docker/test.sock', 0o600, {mode: 0o777}), {code: 'ECHANGED'});
});

// The attacker plants a link at the path given to --output or --summary; what must not happen: the report overwrites the link's target.
test('an operator file is created 0600 and never written through a link or a second hard link', async t => {
	const {base, outside} = layOut(t);
	const report = path.join(base, 'report.txt');
	await writeOperatorFile(report, 'report\n');
	t.is(fs.statSync(report).mode & 0o777, 0o600);
	t.is(fs.readFileSync(report, 'utf8'), 'report\n');
	await writeOperatorFile(report, 'again\n');
	t.is(fs.readFileSync(report, 'utf8'), 'again\n');
	const planted = path.join(base, 'planted.txt');
	fs.symlinkSync(path.join(outside, 'daemon.json'), planted);
	await t.throwsAsync(writeOperatorFile(planted, 'report\n'), {message: /is a symbolic link/});
	t.is(fs.readFileSync(path.join(outside, 'daemon.json'), 'utf8'), '{"userns-remap": "telltale-outside"}');
	const linked = path.join(base, 'hard.txt');
	fs.linkSync(path.join(outside, 'daemon.json'), linked);
	await t.throwsAsync(writeOperatorFile(linked, 'report\n'), {message: /hard links/});
	t.is(fs.readFileSync(path.join(outside, 'daemon.json'), 'utf8'), '{"userns-remap": "telltale-outside"}');
});
