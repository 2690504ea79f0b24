import test from 'ava';
import type {AuditFacts} from '../../source/model/facts.js';
import {chooseTouch, proveAudit} from '../../source/host/prove-audit.js';
import type {Exec} from '../../source/host/exec.js';
import {proofLine} from '../../source/ui/screens/detail/proof-line.js';

const binary = {type: 'file', executable: true, runnable: true} as const;
const untrusted = {type: 'file', executable: true, runnable: false} as const;
const file = {type: 'file', executable: false} as const;
const directory = {type: 'directory', executable: false} as const;

test('the verified binary watched for x runs with --version', t => {
	t.deepEqual(chooseTouch('/usr/bin/dockerd', 'rwxa', binary), {ok: true, argv: ['/usr/bin/dockerd', '--version']});
});

test('an executable that is not the verified dockerd or containerd is read, never run', t => {
	// The attacker controls a watched path (e.g. a binary they own that a rule names): dockwarden must not run it as root.
	t.deepEqual(chooseTouch('/usr/bin/runc', 'rwxa', untrusted), {ok: true, argv: ['head', '-c', '1', '/usr/bin/runc']});
	const xOnly = chooseTouch('/usr/bin/runc', 'x', untrusted);
	t.false(xOnly.ok);
	t.regex((xOnly as {why: string}).why, /runs no program but the verified dockerd's and containerd's/);
});

test('r reads: the first byte of a file, ls a directory', t => {
	t.deepEqual(chooseTouch('/etc/docker/daemon.json', 'rwa', file), {ok: true, argv: ['head', '-c', '1', '/etc/docker/daemon.json']});
	t.deepEqual(chooseTouch('/etc/docker', 'rwxa', directory), {ok: true, argv: ['ls', '/etc/docker']});
	t.deepEqual(chooseTouch('/usr/bin/runc', 'rwa', binary), {ok: true, argv: ['head', '-c', '1', '/usr/bin/runc']});
});

test('a watch of only w and a is never touched: the operator gets the command', t => {
	for (const kind of [binary, file, directory]) {
		const touch = chooseTouch('/etc/docker/daemon.json', 'wa', kind);
		t.false(touch.ok);
		t.regex((touch as {why: string}).why, /only writes and attribute changes \(-p wa\).*chmod --reference=\/etc\/docker\/daemon\.json \/etc\/docker\/daemon\.json/);
	}
});

test('no touch ever writes: every argv is --version, cat, ls or head', t => {
	for (const permissions of ['r', 'w', 'x', 'a', 'wa', 'rwa', 'wxa', 'rwxa']) {
		for (const kind of [binary, untrusted, file, directory, {type: 'other', executable: false} as const]) {
			const touch = chooseTouch('/p', permissions, kind);
			if (touch.ok) {
				t.true(touch.argv.at(-1) === '--version' || ['cat', 'ls', 'head'].includes(touch.argv[0]!), touch.argv.join(' '));
			}
		}
	}
});

const audit: AuditFacts = {
	live: [{path: '/usr/bin/dockerd', permissions: 'rwxa', key: 'docker', text: '-w /usr/bin/dockerd -p rwxa -k docker', source: 'live'}],
	persisted: [],
	rulesFiles: [],
	auditdRunning: true,
	status: {enabled: 1, pid: 42, lost: 0},
};
const stat = async () => ({isDirectory: () => false, isFile: () => true, mode: 0o100755, uid: 0}) as never;
/** The verified daemon: the dockerd serving the socket, as root, from /proc/PID/exe. */
const trust = {daemon: {process: {pid: 812, exe: '/usr/bin/dockerd', argv: ['/usr/bin/dockerd'], uid: 0}}, paths: {containerd: {path: '/usr/bin/containerd', exists: true, how: 'found on PATH'}}};
const block = (time: string) => `----\ntype=PATH msg=audit(${time}:1) : item=0 name=/usr/bin/dockerd nametype=NORMAL\ntype=SYSCALL msg=audit(${time}:1) : arch=x86_64 syscall=execve success=yes exit=0 comm=dockerd exe=/usr/bin/dockerd auid=root uid=root key=docker\n`;

test('proveAudit runs the touch and reports the new event of the key', async t => {
	const calls: string[] = [];
	let touched = false;
	const exec: Exec = async argv => {
		calls.push(argv.join(' '));
		if (argv[0] === '/usr/bin/dockerd') {
			touched = true;
			return {exitCode: 0, stdout: 'Docker version 28', stderr: ''};
		}

		return {exitCode: 0, stdout: block('11/29/26 07:00:00.100') + (touched ? block('11/29/26 07:01:02.500') : ''), stderr: ''};
	};

	const outcome = await proveAudit({exec, fs: {stat}, tool: async () => 'ausearch'}, {path: '/usr/bin/dockerd', exists: true, how: 'found on PATH'}, audit, {waitMs: 1}, trust);
	t.deepEqual(outcome, {ok: true, touched: '/usr/bin/dockerd --version', event: {time: '2026-11-29 07:01:02', program: '/usr/bin/dockerd', user: 'root', syscall: 'execve', path: '/usr/bin/dockerd'}, command: 'ausearch -k docker -i --start recent'});
	t.deepEqual(calls, ['ausearch -k docker -i --start recent', '/usr/bin/dockerd --version', 'ausearch -k docker -i --start recent']);
	t.is(proofLine('1.1.3', outcome), 'touched: /usr/bin/dockerd --version → event 2026-11-29 07:01:02 /usr/bin/dockerd by root syscall=execve (ausearch -k docker -i --start recent)');
});

test('proveAudit says why no event appeared: auditd not running', async t => {
	const exec: Exec = async argv => argv[0] === 'ausearch' ? {exitCode: 1, stdout: '', stderr: '<no matches>'} : {exitCode: 0, stdout: '', stderr: ''};
	const outcome = await proveAudit({exec, fs: {stat}, tool: async () => 'ausearch'}, {path: '/usr/bin/dockerd', exists: true, how: ''}, {...audit, status: {enabled: 1, pid: 0}}, {waitMs: 1, attempts: 2});
	t.true(outcome.ok);
	t.is((outcome as {event?: unknown}).event, undefined);
	t.regex((outcome as {why: string}).why, /auditd is not running.*kernel log/);
});

test('proveAudit refuses a wa-only rule without running anything', async t => {
	const calls: string[] = [];
	const exec: Exec = async argv => {
		calls.push(argv.join(' '));
		return {exitCode: 0, stdout: '', stderr: ''};
	};

	const waOnly: AuditFacts = {...audit, live: [{...audit.live![0]!, permissions: 'wa', text: '-w /usr/bin/dockerd -p wa -k docker'}]};
	const outcome = await proveAudit({exec, fs: {stat}, tool: async () => 'ausearch'}, {path: '/usr/bin/dockerd', exists: true, how: ''}, waOnly, {waitMs: 1});
	t.false(outcome.ok);
	t.regex((outcome as {reason: string}).reason, /only writes and attribute changes.*ausearch -k docker -i --start recent$/);
	t.deepEqual(calls, []);
});

test('proveAudit runs the dockerd binary only when it is the verified daemon\'s, root-owned and writable by root only', async t => {
	// The attacker controls a dockerd-named file (owned by them, or group-writable), or runs a fake daemon as non-root:
	// dockwarden must never execute it; it reads its first byte instead.
	const cases = [
		{name: 'not root-owned', stat: async () => ({isDirectory: () => false, isFile: () => true, mode: 0o100755, uid: 1000}) as never, trust},
		{name: 'group-writable', stat: async () => ({isDirectory: () => false, isFile: () => true, mode: 0o100775, uid: 0}) as never, trust},
		{name: 'daemon not root', stat, trust: {...trust, daemon: {process: {...trust.daemon.process, uid: 65_534}}}},
		{name: 'no verified daemon', stat, trust: {...trust, daemon: {}}},
		{name: 'no trust given', stat, trust: undefined},
	];
	for (const {name, stat: statOf, trust: given} of cases) {
		const calls: string[] = [];
		const exec: Exec = async argv => {
			calls.push(argv.join(' '));
			return argv[0] === 'ausearch' ? {exitCode: 1, stdout: '', stderr: '<no matches>'} : {exitCode: 0, stdout: '', stderr: ''};
		};
		const outcome = await proveAudit({exec, fs: {stat: statOf}, tool: async () => 'ausearch'}, {path: '/usr/bin/dockerd', exists: true, how: ''}, audit, {waitMs: 1, attempts: 1}, given);
		t.false(calls.some(call => call.startsWith('/usr/bin/dockerd')), name);
		t.like(outcome, {ok: true, touched: 'head -c 1 /usr/bin/dockerd'}, name);
	}
});

test('proveAudit refuses a path that would split or forge a command, and a key that is not a token, running nothing', async t => {
	// The attacker controls the watched path (a rule on a path with a newline or space) or a live rule's key: nothing may run.
	const calls: string[] = [];
	const exec: Exec = async argv => {
		calls.push(argv.join(' '));
		return {exitCode: 0, stdout: '', stderr: ''};
	};

	for (const path of ['/usr/bin/dockerd\n-w /etc -k x', '/usr/bin/docker d', 'usr/bin/dockerd', '/usr/bin/../bin/dockerd', '/usr/bin/dockerd\u001B[2J']) {
		const outcome = await proveAudit({exec, fs: {stat}, tool: async () => 'ausearch'}, {path, exists: true, how: ''}, {...audit, live: [{...audit.live![0]!, path}]}, {waitMs: 1}, trust);
		t.false(outcome.ok, JSON.stringify(path));
		t.regex((outcome as {reason: string}).reason, /^refused: the path .* (holds|is not)/);
	}

	const badKey = await proveAudit({exec, fs: {stat}, tool: async () => 'ausearch'}, {path: '/usr/bin/dockerd', exists: true, how: ''}, {...audit, live: [{...audit.live![0]!, key: '--start'}]}, {waitMs: 1}, trust);
	t.false(badKey.ok);
	t.regex((badKey as {reason: string}).reason, /refused: .*the audit key "--start" is not/);
	t.deepEqual(calls, []);
});
