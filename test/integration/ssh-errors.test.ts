import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {startSshd, type SshUser, type TestSshd} from '../helpers/sshd.js';
import {treeHash} from '../helpers/tree-hash.js';
import {waitForFile} from '../helpers/wait-for-file.js';

// What goes wrong on the way to a remote host, each against a real sshd: one line on stderr, its own exit code, and
// nothing changed on the target.
let sshd: TestSshd;
let user: SshUser;
let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	sshd = await startSshd();
	user = sshd.addUser({sudo: true, docker: true});
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	// The sshd first: it also removes the test users and their sudoers drop-ins, whatever happens to the rest.
	await sshd?.stop();
	await daemon?.stop();
	root?.remove();
});

const target = () => ['--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host];
const oneLine = (stderr: string) => stderr.trim().split('\n');

test('an unreachable host: one line that says so, exit 9', async t => {
	// Port 1 on 127.0.0.1: nothing listens there.
	const {exitCode, stderr} = await runCli(['--json', '--host', `ssh://${user.name}@127.0.0.1:1`], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
	t.is(exitCode, 9, stderr);
	t.is(oneLine(stderr).length, 1, stderr);
	t.regex(stderr, /^dockwarden: ssh:\/\/.*cannot reach 127\.0\.0\.1 \(.*refused.*\): check the name, the port and that sshd runs there/);
});

test('a key sshd refuses: one line that says how to give access, exit 10; no password is asked for', async t => {
	const {exitCode, stderr} = await runCli(['--json', '--host', user.url], {DOCKWARDEN_SSH_CONFIG: sshd.wrongKeyConfig});
	t.is(exitCode, 10, stderr);
	t.is(oneLine(stderr).length, 1, stderr);
	t.regex(stderr, /the login was refused \(.*Permission denied.*\): add your public key to ~.*\/\.ssh\/authorized_keys/);
});

test('an unknown host key: one line, exit 11; the key is never accepted on the operator\'s behalf', async t => {
	const knownHosts = path.join(sshd.dir, 'empty_known_hosts');
	const {exitCode, stderr} = await runCli(['--json', '--host', user.url], {DOCKWARDEN_SSH_CONFIG: sshd.unknownHostConfig});
	t.is(exitCode, 11, stderr);
	t.is(oneLine(stderr).length, 1, stderr);
	t.regex(stderr, /the host key of 127\.0\.0\.1 is not in known_hosts, or has changed/);
	t.is(fs.readFileSync(knownHosts, 'utf8'), '', 'known_hosts is left as it was');
});

test('no Docker on the target: the report of what could be read, and one line, exit 3', async t => {
	t.timeout(300_000);
	const {exitCode, stdout, stderr} = await runCli(['--json', '--host', user.url, '--root', root.dir, '--docker-host', 'unix:///nonexistent/docker.sock'], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
	t.is(exitCode, 3, stderr);
	t.deepEqual(oneLine(stderr).filter(line => line.includes('Docker')), [oneLine(stderr).at(-1)], stderr);
	t.regex(stderr, /no Docker socket at unix:\/\/\/nonexistent\/docker\.sock on 127\.0\.0\.1/);
	const report = JSON.parse(stdout) as {host: {dockerVersion: string | null}; results: Array<{status: string}>};
	t.is(report.host.dockerVersion, null);
	t.true(report.results.some(result => result.status === 'pass' || result.status === 'warn'), 'the checks that need no Docker still ran');
});

test('sudo that wants a password: the audit runs as the SSH user, says so in one line, and the checks that need root say so', async t => {
	t.timeout(300_000);
	const plain = sshd.addUser({sudo: false, docker: true});
	// The fake tree is the test's (mode 0700): let the unprivileged user read it, as it could read most of a real /etc.
	fs.chmodSync(root.dir, 0o755);
	try {
		const {exitCode, stdout, stderr} = await runCli(['--json', '--host', plain.url, ...target()], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
		t.is(exitCode, 1, stderr);
		t.regex(stderr, /^dockwarden: sudo on 127\.0\.0\.1 needs a password, so the audit runs as uid \d+ without root/m);
		const report = JSON.parse(stdout) as {results: Array<{id: string; status: string; evidence: string[]}>};
		const auditRule = report.results.find(result => result.id === '1.1.3')!;
		t.true(auditRule.evidence.some(line => /needs root/.test(line)), auditRule.evidence.join('\n'));
		t.is(report.results.length, 117);
		const before = fs.readFileSync(daemon.configFile, 'utf8');
		const refused = await runCli(['fix', '2.15', '--yes', '--host', plain.url, ...target(), '--restart-command', daemon.restartScript], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
		// Refused before anything is planned or written, by the target's rights (not this machine's: the tests run as root here).
		t.is(refused.exitCode, 4, refused.stderr);
		t.regex(refused.stderr, /^dockwarden: fix 2\.15 changes ssh:\/\/.* and needs root there: allow the SSH user sudo without a password/m);
		t.is(fs.readFileSync(daemon.configFile, 'utf8'), before, 'without root on the target, a fix writes nothing');
	} finally {
		fs.chmodSync(root.dir, 0o700);
	}
});

test('the connection dropped mid-audit: one line, exit 12, and nothing on the target changed', async t => {
	t.timeout(300_000);
	// A second sshd whose batches wait while a marker file exists, so that the cut falls inside one; the wrapper is the
	// test's (the attacker here is the network: it controls when the connection ends, nothing else).
	const marker = path.join(root.dir, '..', `dw-cut-${path.basename(root.dir)}`);
	const wrapper = `${marker}.sh`;
	fs.writeFileSync(wrapper, `#!/bin/sh\ncase "$SSH_ORIGINAL_COMMAND" in *eval*) if [ -e ${marker} ]; then touch ${marker}.reached; sleep 60; fi ;; esac\nexec sh -c "$SSH_ORIGINAL_COMMAND"\n`, {mode: 0o755});
	fs.writeFileSync(marker, '');
	const cut = await startSshd({forceCommand: wrapper});
	const cutUser = cut.addUser({sudo: true, docker: true});
	const before = treeHash(root.dir, root.mounts);
	try {
		const run = execa('node', [new URL('../../dist/cli.js', import.meta.url).pathname, '--json', '--host', cutUser.url, ...target()], {reject: false, env: {NO_COLOR: '1', DOCKWARDEN_SSH_CONFIG: cut.clientConfig}, stdin: 'ignore', timeout: 120_000});
		t.true(await waitForFile(`${marker}.reached`, 60_000), 'the audit reached its first batch');
		cut.dropConnections();
		const result = await run;
		t.is(result.exitCode, 12, String(result.stderr));
		t.is(oneLine(String(result.stderr)).length, 1, String(result.stderr));
		t.regex(String(result.stderr), /^dockwarden: ssh:\/\/.*: the SSH connection was lost .*nothing was left half-written: run it again$/);
		t.is(String(result.stdout), '', 'no report made of half the facts');
		t.is(treeHash(root.dir, root.mounts), before);
	} finally {
		await cut.stop();
		for (const file of [marker, `${marker}.reached`, wrapper]) {
			fs.rmSync(file, {force: true});
		}
	}
});
