import {spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {containerCgroupDirectories, listContainerProcesses, parseCgroupMounts} from '../../source/host/container-processes.js';
import {createProcessScan, findProcesses, isThisMachine, readSmallSync, smallFileReader} from '../../source/host/proc.js';
import {createRootFs} from '../../source/host/root-fs.js';

const hybridMountinfo = [
	'25 31 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:7 - sysfs sysfs rw',
	'35 25 0:30 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755',
	'36 35 0:31 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:10 - cgroup2 cgroup2 rw,nsdelegate',
	'37 35 0:32 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,xattr,name=systemd',
	'40 35 0:35 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct',
	'44 35 0:39 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:18 - cgroup cgroup rw,pids',
].join('\n');

const id = (fill: string) => fill.repeat(64).slice(0, 64);

test('the cgroup hierarchies are read from mountinfo, v1 with their controllers and v2', t => {
	t.deepEqual(parseCgroupMounts(hybridMountinfo), [
		{version: 2, controllers: [], root: '/', mountPoint: '/sys/fs/cgroup/unified'},
		{version: 1, controllers: ['name=systemd'], root: '/', mountPoint: '/sys/fs/cgroup/systemd'},
		{version: 1, controllers: ['cpu', 'cpuacct'], root: '/', mountPoint: '/sys/fs/cgroup/cpu,cpuacct'},
		{version: 1, controllers: ['pids'], root: '/', mountPoint: '/sys/fs/cgroup/pids'},
	]);
	t.deepEqual(parseCgroupMounts('30 24 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot'), [{version: 2, controllers: [], root: '/', mountPoint: '/sys/fs/cgroup'}]);
});

test('a container\'s cgroup directory comes from the line of its init that names it: pids first, cut after the ID', t => {
	const a = id('a');
	// cgroup v1 hybrid, cgroupfs driver: the pids hierarchy, whose directory is small.
	t.deepEqual(containerCgroupDirectories(`9:name=systemd:/docker/${a}\n8:pids:/docker/${a}\n0::/docker/${a}\n`, a, parseCgroupMounts(hybridMountinfo)).slice(0, 1), [`/sys/fs/cgroup/pids/docker/${a}`]);
	// Hybrid where docker left the v2 hierarchy alone: the v2 line does not name the container and is not used.
	t.deepEqual(containerCgroupDirectories(`1:cpu,cpuacct:/docker/${a}\n0::/\n`, a, parseCgroupMounts(hybridMountinfo)).slice(0, 1), [`/sys/fs/cgroup/cpu,cpuacct/docker/${a}`]);
	// cgroup v2 with systemd, and a cgroup the container made below its own (systemd in the container): cut at the scope.
	t.deepEqual(containerCgroupDirectories(`0::/system.slice/docker-${a}.scope/init.scope\n`, a, []), [`/sys/fs/cgroup/unified/system.slice/docker-${a}.scope`, `/sys/fs/cgroup/system.slice/docker-${a}.scope`]);
	// Without mountinfo: the usual layout of each controller.
	t.true(containerCgroupDirectories(`5:cpu,cpuacct:/docker/${a}\n`, a, []).includes(`/sys/fs/cgroup/cpu/docker/${a}`));
	// The attacker controls nothing here, but a pid can be reused: an init pid whose cgroup names another container, or none, gives no directory.
	t.deepEqual(containerCgroupDirectories(`8:pids:/docker/${id('b')}\n0::/user.slice\n`, a, parseCgroupMounts(hybridMountinfo)), []);
});

/** A fake host tree: /proc entries and a v1 pids hierarchy at /sys/fs/cgroup/pids. */
function fakeHost(t: {teardown(fn: () => void): void}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-cgroup-'));
	t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}));
	const write = (hostPath: string, content: string) => {
		fs.mkdirSync(path.dirname(path.join(dir, hostPath)), {recursive: true});
		fs.writeFileSync(path.join(dir, hostPath), content);
	};

	write('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nsshd:x:105:65534::/run/sshd:/usr/sbin/nologin\n');
	write('/proc/1/mountinfo', hybridMountinfo);
	const processOf = (pid: number, options: {cgroup: string; argv: string[]; uid: number; uidMap?: string; comm?: string}) => {
		write(`/proc/${pid}/cgroup`, options.cgroup);
		write(`/proc/${pid}/cmdline`, options.argv.length === 0 ? '' : `${options.argv.join('\0')}\0`);
		write(`/proc/${pid}/comm`, `${options.comm ?? path.basename(options.argv[0] ?? '?')}\n`);
		write(`/proc/${pid}/status`, `Name:\tx\nUid:\t${options.uid}\t${options.uid}\t${options.uid}\t${options.uid}\n`);
		write(`/proc/${pid}/uid_map`, options.uidMap ?? '         0          0 4294967295\n');
	};

	const cgroupOf = (directory: string, pids: number[]) => write(`/sys/fs/cgroup/pids${directory}/cgroup.procs`, pids.map(pid => `${pid}\n`).join(''));
	return {dir, processOf, cgroupOf, write};
}

test('a container\'s processes are the members of its own cgroup, with their uids inside and outside, read through a tree under --root', async t => {
	const host = fakeHost(t);
	const [web, hostPid, nested, moved, remote] = [id('1'), id('2'), id('3'), id('4'), id('5')];
	// The host's own sshd, in the root cgroup: a --pid=host container sees it, but must never be blamed for it.
	host.processOf(100, {cgroup: '8:pids:/\n0::/\n', argv: ['/usr/sbin/sshd', '-D'], uid: 0});
	// A remapped container: uid 100000 on the host is root inside.
	host.processOf(200, {cgroup: `8:pids:/docker/${web}\n`, argv: ['nginx'], uid: 100_000, uidMap: '         0     100000      65536\n'});
	host.processOf(201, {cgroup: `8:pids:/docker/${web}\n`, argv: [], comm: 'kworker', uid: 100_033, uidMap: '         0     100000      65536\n'});
	host.cgroupOf(`/docker/${web}`, [201, 200]);
	host.processOf(300, {cgroup: `8:pids:/docker/${hostPid}\n`, argv: ['sleep', '3600'], uid: 0});
	host.cgroupOf(`/docker/${hostPid}`, [300]);
	// Processes in a cgroup the container made below its own count as its own.
	host.processOf(400, {cgroup: `8:pids:/docker/${nested}\n`, argv: ['/sbin/init'], uid: 0});
	host.processOf(401, {cgroup: `8:pids:/docker/${nested}/sshd.service\n`, argv: ['sshd: /usr/sbin/sshd'], uid: 105});
	host.cgroupOf(`/docker/${nested}`, [400]);
	host.cgroupOf(`/docker/${nested}/sshd.service`, [401]);
	// No cgroup.procs for this one (a layout the lookup does not know): found by the pass over /proc, by its processes' cgroup.
	host.processOf(500, {cgroup: `0::/custom/${moved}\n`, argv: ['redis-server'], uid: 999});

	const found = await listContainerProcesses(createRootFs(host.dir), [
		{id: web, pid: 200},
		{id: hostPid, pid: 300},
		{id: nested, pid: 400},
		{id: moved, pid: 500},
		// A container of a remote daemon: its init pid here is the host's sshd, whose cgroup does not name it; nothing is found.
		{id: remote, pid: 100},
	]);
	t.deepEqual(found.get(web), [
		{user: '100000', pid: '200', command: 'nginx', hostUid: 100_000, containerUid: 0},
		{user: '100033', pid: '201', command: '[kworker]', hostUid: 100_033, containerUid: 33},
	]);
	t.deepEqual(found.get(hostPid)?.map(process => process.command), ['sleep 3600'], 'the --pid=host container is not blamed for the host\'s sshd');
	t.deepEqual(found.get(nested)?.map(process => [process.pid, process.user, process.command]), [['400', 'root', '/sbin/init'], ['401', 'sshd', 'sshd: /usr/sbin/sshd']]);
	t.deepEqual(found.get(moved)?.map(process => process.command), ['redis-server']);
	t.false(found.has(remote));
});

test('a tree under --root, or a root that is not this machine\'s, is never read directly', async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-view-'));
	t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}));
	t.false(await isThisMachine(createRootFs(dir)));
	t.false((await smallFileReader(createRootFs(dir))).direct);
	// A RootFs that says its root is `/` but shows another machine's /proc (a host over SSH, the demo) is not this machine:
	// what it claims as its root must not make dockwarden read this machine's files in its place.
	const real = createRootFs('/');
	const elsewhere = {...real, readlink: async (hostPath: string) => hostPath.startsWith('/proc/self/ns/') ? 'pid:[1]' : real.readlink(hostPath)};
	t.false(await isThisMachine(elsewhere));
	t.true(await isThisMachine(createRootFs('/')));
	t.true((await smallFileReader(createRootFs('/'))).direct);
});

test('small kernel files are read synchronously, whatever their size; what cannot be read is undefined', t => {
	t.regex(readSmallSync('/proc/self/status') ?? '', new RegExp(`^Pid:\\s+${process.pid}$`, 'm'));
	t.is(readSmallSync('/proc/self/does-not-exist'), undefined);
	t.is(readSmallSync('/proc/self'), undefined, 'a directory');
	// Larger than the scratch buffer: read whole.
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-read-'));
	t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}));
	const big = 'x'.repeat(200_000);
	fs.writeFileSync(path.join(dir, 'big'), big);
	t.is(readSmallSync(path.join(dir, 'big')), big);
});

test('processes are found by name on this machine', async t => {
	const found = await findProcesses(createRootFs('/'), [fs.readFileSync('/proc/self/comm', 'utf8').trim()]);
	const self = found.find(candidate => candidate.pid === process.pid);
	t.truthy(self);
	t.is(self?.uid, process.getuid?.());
	t.deepEqual(self?.argv, fs.readFileSync('/proc/self/cmdline', 'utf8').split('\0').filter(Boolean));
});

test('the lookups by name of one run share one pass over /proc: every comm is read once, whatever the names asked', async t => {
	// A host tree under --root with four processes; its reads go through the RootFs, where they can be counted.
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-scan-'));
	t.teardown(() => fs.rmSync(root, {recursive: true, force: true}));
	for (const [pid, comm] of [[1, 'systemd'], [20, 'auditd'], [30, 'containerd'], [40, 'dockerd']] as const) {
		fs.mkdirSync(path.join(root, 'proc', String(pid)), {recursive: true});
		fs.writeFileSync(path.join(root, 'proc', String(pid), 'comm'), `${comm}\n`);
		fs.writeFileSync(path.join(root, 'proc', String(pid), 'cmdline'), `/usr/bin/${comm}\0--flag\0`);
		fs.writeFileSync(path.join(root, 'proc', String(pid), 'status'), `Name:\t${comm}\nUid:\t0\t0\t0\t0\n`);
	}

	const hostFs = createRootFs(root);
	const reads: string[] = [];
	const counted = {...hostFs, readText: async (file: string) => {
		reads.push(file);
		return hostFs.readText(file);
	}} as typeof hostFs;
	const scan = createProcessScan(counted);
	const [auditd, containerd, dockerd] = await Promise.all([findProcesses(counted, ['auditd'], scan), findProcesses(counted, ['containerd'], scan), findProcesses(counted, ['dockerd'], scan)]);
	t.deepEqual(auditd.map(process => [process.pid, process.comm, process.argv, process.uid]), [[20, 'auditd', ['/usr/bin/auditd', '--flag'], 0]]);
	t.deepEqual(containerd.map(process => process.pid), [30]);
	t.deepEqual(dockerd.map(process => process.pid), [40]);
	t.deepEqual(reads.filter(file => file.endsWith('/comm')).sort(), ['/proc/1/comm', '/proc/20/comm', '/proc/30/comm', '/proc/40/comm']);
	// Without a shared pass, each lookup makes its own: the same four comms again.
	await findProcesses(counted, ['auditd']);
	t.is(reads.filter(file => file.endsWith('/comm')).length, 8);
});

const pidsHierarchy = '/sys/fs/cgroup/pids';
const canMakeCgroups = process.getuid?.() === 0 && fs.existsSync(`${pidsHierarchy}/cgroup.procs`);

(canMakeCgroups ? test : test.skip)('on this machine, the members of a real cgroup (and of one below it) are read directly', async t => {
	// A cgroup of our own in the v1 pids hierarchy, named like a container's, with a sleeping child in it and one in a cgroup below.
	const fakeId = randomBytes(32).toString('hex');
	const own = `${pidsHierarchy}/dwtest-${fakeId}`;
	fs.mkdirSync(`${own}/inner`, {recursive: true});
	const children: ChildProcess[] = [];
	t.teardown(() => {
		for (const child of children) {
			child.kill('SIGKILL');
		}

		for (let attempt = 0; attempt < 50; attempt++) {
			try {
				fs.rmdirSync(`${own}/inner`);
				fs.rmdirSync(own);
				return;
			} catch {
				Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
			}
		}
	});
	const start = (directory: string) => {
		const child = spawn('sleep', ['60'], {stdio: 'ignore'});
		children.push(child);
		fs.writeFileSync(`${directory}/cgroup.procs`, String(child.pid));
		return child.pid!;
	};

	const init = start(own);
	const inner = start(`${own}/inner`);
	const found = await listContainerProcesses(createRootFs('/'), [{id: fakeId, pid: init}]);
	t.deepEqual(found.get(fakeId)?.map(process => [Number(process.pid), process.command]), [[init, 'sleep 60'], [inner, 'sleep 60']].sort((a, b) => (a[0] as number) - (b[0] as number)));
	t.is(found.get(fakeId)?.[0]?.hostUid, 0);
	t.is(found.get(fakeId)?.[0]?.containerUid, 0);
});
