import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// Real parts: private dockerds (one started with --config-file and `hosts` in that file, as snap's and many hand-made setups are;
// one in swarm mode), a fake host tree whose docker.service does not manage them, and an impostor process run by nobody.

type Result = {id: string; status: string; summary: string; evidence: string[]; fixable: boolean};
const find = (results: Result[], id: string): Result => results.find(result => result.id === id)!;

let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	daemon = await startPrivateDockerd('{}\n', {hostsInConfig: true});
	root = makeFakeRoot({mirrors: [daemon.dir]});
	// A docker.service that would start dockerd with -H fd://: it does not run this daemon (systemd does not run here).
	root.write('/lib/systemd/system/docker.service', '[Service]\nExecStart=/usr/sbin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n');
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

// The ids below are v1.6.0's (2.9 user namespaces, 2.14 no-new-privileges, 2.15 live restore): the point is the behaviour, not the id.
const common = () => ['--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host];

test.serial('the dockerd is proven by the socket it holds: its --config-file is read, its launcher is "by hand", and why', async t => {
	const {report} = await runReport(['--check', '2.1,2.3', ...common()]);
	const rootless = find(report.results as Result[], '2.1');
	const evidence = rootless.evidence.join('\n');
	t.regex(evidence, new RegExp(`dockerd pid ${daemon.pid()} holds the listening socket ${daemon.socket} \\(descriptor \\d+, socket inode \\d+\\) and runs as root`));
	t.regex(evidence, /its launcher: no service manager: no service manager claims pid \d+ \(systemd is not running\)/);
	t.true(evidence.includes(`its daemon.json: ${daemon.configFile} (the --config-file of the running dockerd)`), evidence);
	t.is(find(report.results as Result[], '2.3').status, 'pass');
});

test.serial('on this machine, the containerd of 1.1.14 is the one this dockerd runs, named by its pid file under the exec-root', async t => {
	// No --root: the machine's own /proc, where the lookup starts at the pid file rather than a pass over every process.
	const pid = fs.readFileSync(path.join(daemon.dir, 'exec/containerd/containerd.pid'), 'utf8').trim();
	const {report} = await runReport(['--benchmark', '1.6.0', '--check', '1.1.14', '--docker-host', daemon.host]);
	t.true(find(report.results as Result[], '1.1.14').evidence.includes(`/usr/bin/containerd: the running containerd (/proc/${pid}/exe)`), find(report.results as Result[], '1.1.14').evidence.join('\n'));
});

test.serial('an impostor named dockerd, run by nobody with -H for the socket and a --config-file of its own, is never believed', async t => {
	// What an attacker controls: an unprivileged process named dockerd, its command line, and a daemon.json it wrote.
	// What must not happen: that file judges section 2, or a fix writes or chowns anything it names.
	const trap = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-impostor-'));
	fs.chmodSync(trap, 0o755);
	fs.writeFileSync(path.join(trap, 'daemon.json'), '{"userns-remap": "default", "log-level": "debug"}\n');
	fs.symlinkSync('/usr/bin/python3', path.join(trap, 'dockerd'));
	const impostor: ChildProcess = spawn('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', path.join(trap, 'dockerd'), '-c', 'import time; time.sleep(120)', '-H', daemon.host, '--config-file', path.join(trap, 'daemon.json')], {stdio: 'ignore'});
	t.teardown(() => {
		impostor.kill('SIGKILL');
		fs.rmSync(trap, {recursive: true, force: true});
	});
	await delay(300);
	t.is(fs.readFileSync(`/proc/${impostor.pid!}/comm`, 'utf8').trim(), 'dockerd');

	const {report} = await runReport(['--section', '2', ...common()]);
	const text = JSON.stringify(report);
	t.false(text.includes(trap), 'the impostor\'s daemon.json is never named');
	t.regex(find(report.results as Result[], '2.1').evidence.join('\n'), new RegExp(`dockerd pid ${daemon.pid()} holds the listening socket`));
	t.is(find(report.results as Result[], '2.3').status, 'pass', 'log-level debug in the impostor\'s file is not read');
	const plan = await runCli(['fix', '2.9', '--dry-run', ...common(), '--restart-command', daemon.restartScript]);
	t.true(plan.stdout.includes(`write ${daemon.configFile}`), plan.stdout);
	t.false(plan.stdout.includes(trap));

	// With the real daemon out of the picture (a socket only the impostor names), nothing is proven and nothing is read.
	const {report: alone} = await runReport(['--section', '2', '--benchmark', '1.6.0', '--root', root.dir, '--docker-host', `unix://${trap}/docker.sock`]);
	const log = find(alone.results as Result[], '2.3');
	t.is(log.status, 'error');
	t.regex(log.evidence.join('\n'), /no daemon\.json was read: no dockerd was proven to serve the Docker host/);
	t.false(JSON.stringify(alone).includes(`${trap}/daemon.json`));
	const refused = await runCli(['fix', '2.3', '--yes', '--root', root.dir, '--docker-host', `unix://${trap}/docker.sock`, '--restart-command', 'true']);
	t.is(refused.exitCode, 6);
	t.regex(refused.stderr, /2\.3 could not be evaluated/);
	t.is(fs.readFileSync(path.join(trap, 'daemon.json'), 'utf8'), '{"userns-remap": "default", "log-level": "debug"}\n');
});

test.serial('a daemon started by hand needs --restart-command; hosts in its daemon.json is no conflict with a docker.service that does not run it', async t => {
	const without = await runCli(['fix', '2.14', '--yes', ...common()]);
	t.is(without.exitCode, 6);
	t.regex(without.stderr, /does not know how to restart dockerd pid \d+: no service manager claims pid \d+ \(systemd is not running\), so it was started by hand or by another tool; give the command that restarts it with --restart-command/);
	t.false(without.stderr.includes('hosts'));
	const plan = await runCli(['fix', '2.14', '--dry-run', ...common(), '--restart-command', daemon.restartScript]);
	t.is(plan.exitCode, 0, plan.stderr);
	t.regex(plan.stdout, /the restart is your --restart-command; its flags are taken to be those of the running dockerd/);
});

test.serial('a batch with one check that passes already says so, fixes the others with one restart, and the exit code says they were verified', async t => {
	const before = fs.readFileSync(daemon.configFile, 'utf8');
	const pidBefore = daemon.pid();
	// 2.2 passes here: the daemon has no default bridge (--bridge none).
	const {exitCode, stdout, stderr} = await runCli(['fix', '2.2,2.14,2.15,2.16', '--yes', ...common(), '--restart-command', daemon.restartScript]);
	t.is(exitCode, 0, stderr);
	t.true(stdout.includes('2.2 already passes: nothing to do'), stdout);
	t.regex(stdout, /\[PASS\] 2\.14,2\.15,2\.16 - fixed and verified/);
	const config = JSON.parse(fs.readFileSync(daemon.configFile, 'utf8')) as Record<string, unknown>;
	t.like(config, {'no-new-privileges': true, 'live-restore': true, 'userland-proxy': false, hosts: [daemon.host]});
	t.not(daemon.pid(), pidBefore, 'the daemon was restarted');
	const {report} = await runReport(['--check', '2.2,2.14,2.15,2.16', ...common()]);
	t.deepEqual((report.results as Result[]).map(result => result.status), ['pass', 'pass', 'pass', 'pass']);

	const undone = await runCli(['undo', '--yes', ...common(), '--restart-command', daemon.restartScript]);
	t.is(undone.exitCode, 0, undone.stderr);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before);
	await daemon.waitReady();
});

test.serial('a swarm manager: 2.15 does not apply, a live-restore fix is not planned and says why, section 7 is evaluated', async t => {
	const swarm = await startPrivateDockerd();
	t.teardown(async () => swarm.stop());
	const swarmRoot = makeFakeRoot({mirrors: [swarm.dir]});
	t.teardown(() => {
		swarmRoot.remove();
	});
	swarm.docker('swarm', 'init', '--advertise-addr', '127.0.0.1', '--listen-addr', '127.0.0.1:0');
	const args = ['--benchmark', '1.6.0', '--root', swarmRoot.dir, '--docker-host', swarm.host];
	const {report} = await runReport(['--section', '2,7', ...args]);
	const liveRestore = find(report.results as Result[], '2.15');
	t.is(liveRestore.status, 'skip');
	t.regex(liveRestore.summary, /Not applicable on a swarm node: dockerd does not support live restore in swarm mode/);
	t.false(liveRestore.fixable);
	const section7 = (report.results as Result[]).filter(result => result.id.startsWith('7.'));
	t.true(section7.length > 0);
	t.true(section7.every(result => result.status !== 'error'), JSON.stringify(section7.filter(result => result.status === 'error')));
	t.not(find(section7, '7.1').status, 'skip');
	const fix = await runCli(['fix', '2.15', '--yes', ...args, '--restart-command', swarm.restartScript]);
	t.regex(fix.stdout + fix.stderr, /2\.15 is SKIP now: there is nothing to fix \(Not applicable on a swarm node/);
	t.false(fs.readFileSync(swarm.configFile, 'utf8').includes('live-restore'));
	execFileSync('docker', ['swarm', 'leave', '--force'], {env: {...process.env, DOCKER_HOST: swarm.host}, stdio: 'ignore'});
});
