import test from 'ava';
import type {AuditFacts} from '../../source/benchmark/facts.js';
import {chooseTouch, proveAudit} from '../../source/host/prove-audit.js';
import type {Exec} from '../../source/host/exec.js';
import {proofLine} from '../../source/ui/proof-line.js';

const binary = {type: 'file', executable: true} as const;
const file = {type: 'file', executable: false} as const;
const directory = {type: 'directory', executable: false} as const;

test('an executable watched for x runs with --version', t => {
	t.deepEqual(chooseTouch('/usr/bin/dockerd', 'rwxa', binary), {ok: true, argv: ['/usr/bin/dockerd', '--version']});
});

test('r reads: cat a file, ls a directory, the first byte of an executable without x', t => {
	t.deepEqual(chooseTouch('/etc/docker/daemon.json', 'rwa', file), {ok: true, argv: ['cat', '/etc/docker/daemon.json']});
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
		for (const kind of [binary, file, directory, {type: 'other', executable: false} as const]) {
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
const stat = async () => ({isDirectory: () => false, isFile: () => true, mode: 0o100755}) as never;
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

	const outcome = await proveAudit({exec, fs: {stat}, tool: async () => 'ausearch'}, {path: '/usr/bin/dockerd', exists: true, how: 'found on PATH'}, audit, {waitMs: 1});
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
