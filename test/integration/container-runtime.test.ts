import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import test from 'ava';
import {runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {importBusybox, startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// Section 5 on a private dockerd: containers with each risky setting, and one hardened for it.
let daemon: PrivateDockerd;
let root: FakeRoot;
type Result = {id: string; status: string; summary: string; evidence: string[]};
let results: Map<string, Result>;
let hostSshd: ChildProcess | undefined;

/** A static program that only waits, installed as /usr/sbin/sshd: what ps shows is all that 5.7 reads. */
function buildFakeSshd(directory: string): string {
	const binary = `${directory}/sshd`;
	execFileSync('gcc', ['-static', '-O2', '-x', 'c', '-o', binary, '-'], {input: '#include <unistd.h>\nint main(void) { for (;;) pause(); }\n'});
	return binary;
}

const run = (name: string, ...args: string[]) => daemon.docker('run', '-d', '--name', name, '--stop-timeout', '1', ...args, 'local/busybox', 'sleep', '600');

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir]});
	importBusybox(daemon);
	daemon.docker('network', 'create', 'cisnet');
	// Shared propagation needs a source on a shared mount: a tmpfs of the test's own, made shared.
	const shared = `${daemon.dir}/shared`;
	execFileSync('sh', ['-c', `mkdir -p ${shared} && mount -t tmpfs dw-shared ${shared} && mount --make-shared ${shared}`]);
	run('cis-caps', '--network', 'none', '--cap-add', 'NET_ADMIN', '--cap-add', 'SYS_ADMIN');
	run('cis-hostns', '--pid', 'host', '--network', 'host', '--ipc', 'host', '--uts', 'host');
	run('cis-userns', '--network', 'none', '--userns', 'host');
	run('cis-mounts', '--network', 'none', '-v', '/:/hostroot:ro', '-v', '/etc:/host-etc', '-v', `${daemon.socket}:/tmp/engine.sock`, '-v', `${shared}:/shared:shared`);
	run('cis-ports', '--network', 'cisnet', '-p', '80:80', '-p', '127.0.0.1:8080:8080');
	run('cis-always', '--network', 'none', '--restart', 'always');
	run('cis-seccomp', '--network', 'none', '--security-opt', 'seccomp=unconfined');
	// An sshd in a container of its own, and one on the host, which the --pid=host container must not be blamed for.
	const sshd = buildFakeSshd(daemon.dir);
	const image = `${daemon.dir}/sshd-image`;
	fs.mkdirSync(`${image}/usr/sbin`, {recursive: true});
	fs.copyFileSync(sshd, `${image}/usr/sbin/sshd`);
	fs.chmodSync(`${image}/usr/sbin/sshd`, 0o755);
	execFileSync('sh', ['-c', `tar -C ${image} -c . | docker import - local/sshd`], {env: {...process.env, DOCKER_HOST: daemon.host}, stdio: 'ignore'});
	daemon.docker('run', '-d', '--name', 'cis-sshd', '--network', 'none', '--stop-timeout', '1', 'local/sshd', '/usr/sbin/sshd', '-D');
	hostSshd = spawn(sshd, ['-D'], {stdio: 'ignore', argv0: '/usr/sbin/sshd'});
	run('cis-hardened', '--network', 'none', '--cap-drop', 'ALL', '--read-only', '--memory', '64m', '--cpu-shares', '512', '--pids-limit', '50',
		'--security-opt', 'no-new-privileges', '--restart', 'on-failure:5', '--health-cmd', 'true');
	run('cis-cgroup', '--network', 'none', '--cgroup-parent', '/dwtest-parent');
	// A running exec session as root. (A privileged one cannot start on these VMs, as with docker run --privileged,
	// and the daemon forgets an exec once it has ended: the unit tests cover 5.23's warn.)
	daemon.docker('exec', '-d', '-u', '0', 'cis-always', 'sleep', '600');
	daemon.docker('create', '--name', 'cis-privileged', '--network', 'none', '--privileged', 'local/busybox', 'sleep', '600');
	const report = await runReport(['--section', '5', '--root', root.dir, '--docker-host', daemon.host]);
	results = new Map(report.report.results.map(result => [result.id, result]));
});

test.after.always(async () => {
	hostSshd?.kill();
	// A user-defined network is a Linux bridge (br-…) that outlives its dockerd: remove it, or every run leaks one
	// until Docker finds no address pool left.
	try {
		daemon?.docker('rm', '-f', 'cis-ports');
		daemon?.docker('network', 'rm', 'cisnet');
	} catch {}

	await daemon?.stop();
	root?.remove();
});

/** The evidence line of one container in a check. */
const line = (id: string, container: string) => results.get(id)!.evidence.find(evidence => evidence.startsWith(`${container}: `));
const offenders = (id: string) => results.get(id)!.evidence.filter(evidence => /^cis-[\w-]+: /.test(evidence) && !/^cis-[\w-]+: uids? /.test(evidence)).map(evidence => evidence.split(':')[0]).sort();

test('every check of section 5 is evaluated, and the evidence says which containers were considered', t => {
	t.is(results.size, 32);
	t.regex(results.get('5.4')!.evidence[0]!, /^10 running containers considered: .*cis-caps.*; 1 stopped container not considered/);
});

test('capabilities: the added ones are named (5.4)', t => {
	t.is(results.get('5.4')!.status, 'warn');
	t.deepEqual(offenders('5.4'), ['cis-caps']);
	t.regex(line('5.4', 'cis-caps')!, /NET_ADMIN/);
	t.regex(line('5.4', 'cis-caps')!, /SYS_ADMIN/);
});

test('privileged: a created, never started container is found too (5.5)', t => {
	t.is(results.get('5.5')!.status, 'warn');
	t.deepEqual(offenders('5.5'), ['cis-privileged']);
});

test('host namespaces: net, pid, ipc, uts, userns, each naming its container (5.10, 5.16, 5.17, 5.21, 5.31)', t => {
	for (const id of ['5.10', '5.16', '5.17', '5.21']) {
		t.is(results.get(id)!.status, 'warn', id);
		t.deepEqual(offenders(id), ['cis-hostns'], id);
	}

	t.deepEqual(offenders('5.31'), ['cis-userns']);
});

test('host paths: sensitive dirs read-only and read-write, the socket under another name, shared propagation (5.6, 5.32, 5.20)', t => {
	t.is(results.get('5.6')!.status, 'warn');
	t.deepEqual(offenders('5.6'), ['cis-mounts']);
	t.regex(line('5.6', 'cis-mounts')!, /\/ → \/hostroot \(ro\)/);
	t.regex(line('5.6', 'cis-mounts')!, /\/etc → \/host-etc \(rw\)/);
	t.deepEqual(offenders('5.32'), ['cis-mounts']);
	t.true(line('5.32', 'cis-mounts')!.includes(`${daemon.socket} → /tmp/engine.sock`), line('5.32', 'cis-mounts'));
	t.deepEqual(offenders('5.20'), ['cis-mounts']);
	t.true(line('5.20', 'cis-mounts')!.includes(`${daemon.dir}/shared → /shared`), line('5.20', 'cis-mounts'));
});

test('ports: the privileged host port and the port open on every interface (5.8, 5.14)', t => {
	t.deepEqual(offenders('5.8'), ['cis-ports']);
	t.regex(line('5.8', 'cis-ports')!, /80/);
	t.false(line('5.8', 'cis-ports')!.includes('8080'), '8080 is not privileged');
	t.deepEqual(offenders('5.14'), ['cis-ports']);
	t.regex(line('5.14', 'cis-ports')!, /0\.0\.0\.0:80/);
	t.false(line('5.14', 'cis-ports')!.includes('127.0.0.1'), 'a port bound to 127.0.0.1 is bound to a specific interface');
});

test('limits and hardening: the hardened container passes what it is hardened for, the others are named', t => {
	for (const id of ['5.11', '5.12', '5.13', '5.26', '5.27', '5.29']) {
		t.is(results.get(id)!.status, 'warn', id);
		t.false(offenders(id).includes('cis-hardened'), `${id}: ${results.get(id)!.evidence.join(' | ')}`);
		t.true(offenders(id).includes('cis-caps'), id);
	}

	t.false(offenders('5.4').includes('cis-hardened'));
	t.false(offenders('5.15').includes('cis-hardened'), 'on-failure:5 meets 5.15');
	t.deepEqual(offenders('5.15'), ['cis-always']);
	t.deepEqual(offenders('5.22'), ['cis-seccomp']);
});

test('sshd: the container running it is named; the --pid=host container does not borrow the host\'s sshd (5.7)', t => {
	t.is(results.get('5.7')!.status, 'warn', results.get('5.7')!.evidence.join('\n'));
	t.regex(results.get('5.7')!.evidence[0]!, /the members of its cgroup in \/proc/);
	t.deepEqual(offenders('5.7'), ['cis-sshd']);
});

test('swarm, AppArmor and SELinux follow this host; exec sessions and a changed cgroup parent are named (5.1, 5.2, 5.3, 5.23, 5.24, 5.25)', t => {
	t.is(results.get('5.1')!.status, 'pass');
	const options = daemon.docker('info', '--format', '{{json .SecurityOptions}}');
	t.is(results.get('5.2')!.status, options.includes('name=apparmor') ? 'warn' : 'skip');
	t.is(results.get('5.3')!.status, options.includes('name=selinux') ? 'warn' : 'skip');
	t.is(results.get('5.23')!.status, 'pass');
	t.regex(results.get('5.23')!.evidence.join('\n'), /1 exec instance/);
	t.is(results.get('5.24')!.status, 'note');
	t.regex(results.get('5.24')!.evidence.join('\n'), /cis-always/);
	t.deepEqual(offenders('5.25'), ['cis-cgroup']);
	t.regex(line('5.25', 'cis-cgroup')!, /\/dwtest-parent/);
});

test('without the host\'s /proc the process listings come through the API\'s top, with the same verdict (5.7)', async t => {
	const blind = makeFakeRoot({mirrors: [daemon.dir], proc: false});
	const report = await runReport(['--check', '5.7', '--root', blind.dir, '--docker-host', daemon.host]);
	blind.remove();
	const [result] = report.report.results;
	t.is(result!.status, 'warn');
	t.regex(result!.evidence[0]!, /\(docker top\)/);
	t.true(result!.evidence.some(line => line.startsWith('cis-sshd: ')));
});
