import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {gatherAudit} from '../../source/host/audit.js';
import type {Exec} from '../../source/host/exec.js';
import {findProcesses, isThisMachine, type ProcessScan} from '../../source/host/proc.js';
import {createRootFs} from '../../source/host/root-fs.js';

/** A pass over /proc that counts its calls and finds nothing. */
function countedScan(): ProcessScan & {calls: number} {
	const scan = Object.assign(async () => {
		scan.calls++;
		return [];
	}, {calls: 0});
	return scan;
}

const ownComm = fs.readFileSync('/proc/self/comm', 'utf8').trim();

test('on this machine, a hint that is a process of the name answers without a pass over /proc; one that is not falls back to it', async t => {
	const scan = countedScan();
	const found = await findProcesses(createRootFs('/'), [ownComm], scan, async () => [undefined, process.pid]);
	t.deepEqual(found.map(process => process.pid), [process.pid]);
	t.is(scan.calls, 0);

	// pid 1 is not named so: the hint is read, refused, and the pass is made.
	t.deepEqual(await findProcesses(createRootFs('/'), ['no-such-process-name'], scan, async () => [1]), []);
	t.is(scan.calls, 1);
});

test('under --root, hints are not asked for: the pass over the tree\'s /proc is what its reads are batched for', async t => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-hints-'));
	t.teardown(() => fs.rmSync(root, {recursive: true, force: true}));
	fs.mkdirSync(path.join(root, 'proc/30'), {recursive: true});
	fs.writeFileSync(path.join(root, 'proc/30/comm'), 'containerd\n');
	let asked = false;
	const found = await findProcesses(createRootFs(root), ['containerd'], undefined, async () => {
		asked = true;
		return [30];
	});
	t.deepEqual(found.map(process => process.pid), [30]);
	t.false(asked);
});

/** A stand-in for auditctl: `-s` says `status`, with its exit code; `-l` lists no rules. */
function auditctlSaying(status: string, exitCode = 0): Exec {
	return async argv => argv.at(-1) === '-s' ? {exitCode, stdout: status, stderr: exitCode === 0 ? '' : 'You must be root to run this program.'} : {exitCode: 0, stdout: 'No rules\n', stderr: ''};
}

test('on this machine auditd runs when the pid the kernel sends events to is a process named auditd, found without a pass over /proc', async t => {
	// A process named auditd of our own: a copy of sleep under that name.
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-auditd-'));
	fs.copyFileSync('/bin/sleep', path.join(directory, 'auditd'));
	fs.chmodSync(path.join(directory, 'auditd'), 0o755);
	const child = spawn(path.join(directory, 'auditd'), ['30'], {stdio: 'ignore'});
	t.teardown(() => {
		child.kill('SIGKILL');
		fs.rmSync(directory, {recursive: true, force: true});
	});
	await new Promise(resolve => {
		child.once('spawn', resolve);
	});
	const scan = countedScan();
	const root = createRootFs('/');
	const statusOf = (pid: number) => `enabled 1\nfailure 1\npid ${pid}\nrate_limit 0\nbacklog_limit 64\nlost 0\nbacklog 0\n`;

	t.true((await gatherAudit(root, auditctlSaying(statusOf(child.pid!)), '/usr/sbin/auditctl', scan)).auditdRunning);
	// No daemon registered, or one since gone (a pid no process has): the events go to the kernel log, whatever runs by that name.
	t.false((await gatherAudit(root, auditctlSaying(statusOf(0)), '/usr/sbin/auditctl', scan)).auditdRunning);
	t.false((await gatherAudit(root, auditctlSaying(statusOf(process.pid)), '/usr/sbin/auditctl', scan)).auditdRunning);
	t.is(scan.calls, 0);

	// When the kernel cannot be asked (auditctl refused without root), any process named auditd counts: the pass finds it.
	const refused = await gatherAudit(root, auditctlSaying('', 1), '/usr/sbin/auditctl', async () => [{pid: child.pid!, comm: 'auditd\n'}]);
	t.true(refused.auditdRunning);
	t.is(refused.liveError, undefined);
});

test('a host over SSH that is this very machine is still not read around: its root is `/` and its /proc/self ours, but its paths are not local', async t => {
	const local = createRootFs('/');
	t.true(await isThisMachine(local));
	// What remote-fs.ts gives: root `/`, the same answers, paths named after the target.
	t.false(await isThisMachine({...local, local: (hostPath: string) => `ssh://user@127.0.0.1:${hostPath}`}));
});
