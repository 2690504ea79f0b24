import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {shellAssignment, unitOfCgroup} from '../../source/host/daemon-launcher.js';
import {listeningInodes} from '../../source/host/daemon-socket.js';
import {gatherDaemon} from '../../source/host/daemon.js';
import {createRootFs} from '../../source/host/root-fs.js';

const header = 'Num       RefCount Protocol Flags    Type St Inode Path\n';
const line = (inode: number, socketPath: string, flags = '00010000') => `0000000000000000: 00000002 00000000 ${flags} 0001 01 ${inode} ${socketPath}\n`;

test('listening sockets are matched by path, /var/run and /run alike; connected ones are not', t => {
	const text = header + line(100, '/run/docker.sock') + line(101, '/run/docker.sock', '00000000') + line(102, '/tmp/other.sock') + '0000000000000000: 00000003 00000000 00000000 0001 03 103\n';
	t.deepEqual([...listeningInodes(text, '/var/run/docker.sock')], ['100']);
	t.deepEqual([...listeningInodes(text, '/tmp/other.sock')], ['102']);
	t.deepEqual([...listeningInodes(text, '/tmp/none.sock')], []);
});

test('a socket path with a newline cannot forge a line: an inode named twice is dropped', t => {
	// The attacker binds a socket whose path holds a newline and a fake line naming its own socket's inode at /run/docker.sock.
	const forged = `0000000000000000: 00000002 00000000 00010000 0001 01 555 /tmp/x\n${line(555, '/run/docker.sock')}`;
	const text = header + line(100, '/run/docker.sock') + forged;
	t.deepEqual([...listeningInodes(text, '/run/docker.sock')], ['100']);
});

test('cgroups name systemd system and user units, snap services, or nothing', t => {
	t.deepEqual(unitOfCgroup('0::/system.slice/docker.service\n'), {scope: 'system', unit: 'docker.service'});
	t.deepEqual(unitOfCgroup('12:pids:/\n1:name=systemd:/system.slice/docker.service\n0::/\n'), {scope: 'system', unit: 'docker.service'});
	t.deepEqual(unitOfCgroup('0::/user.slice/user-1001.slice/user@1001.service/app.slice/docker.service\n'), {scope: 'user', unit: 'docker.service'});
	t.deepEqual(unitOfCgroup('0::/system.slice/snap.docker.dockerd.service\n'), {scope: 'system', unit: 'snap.docker.dockerd.service'});
	t.is(unitOfCgroup('0::/user.slice/user-0.slice/session-3.scope\n'), undefined);
	t.is(unitOfCgroup('0::/\n'), undefined);
});

test('shell variable files give their last assignment as words', t => {
	t.deepEqual(shellAssignment('# DOCKER_OPTS="--x"\nDOCKER_OPTS="--dns 8.8.8.8 --icc=false"\n', 'DOCKER_OPTS'), ['--dns', '8.8.8.8', '--icc=false']);
	t.deepEqual(shellAssignment('export DOCKER_OPTS=\'-H unix:///run/docker.sock\'\nDOCKER_OPTS="--iptables=false"\n', 'DOCKER_OPTS'), ['--iptables=false']);
	t.is(shellAssignment('OTHER=1\n', 'DOCKER_OPTS'), undefined);
});

/** A host tree with a fake /proc of one dockerd that holds its socket, and the files of its launcher. */
type Layout = {
	readonly argv: readonly string[];
	readonly uid?: number;
	readonly cgroup?: string;
	readonly exe?: string;
	readonly environ?: Record<string, string>;
	readonly files?: Record<string, string>;
	/** Holds the socket (default true). */
	readonly holds?: boolean;
	readonly socket?: string;
};

const pid = 4321;

function layOut(t: {teardown(fn: () => void): void}, layout: Layout): {root: string; socket: string} {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-model-'));
	t.teardown(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});
	const write = (hostPath: string, content: string) => {
		fs.mkdirSync(path.dirname(path.join(root, hostPath)), {recursive: true});
		fs.writeFileSync(path.join(root, hostPath), content);
	};

	const socket = layout.socket ?? '/run/docker.sock';
	const uid = layout.uid ?? 0;
	const proc = `/proc/${pid}`;
	write(`${proc}/comm`, 'dockerd\n');
	write(`${proc}/cmdline`, `${layout.argv.join('\0')}\0`);
	write(`${proc}/status`, `Name:\tdockerd\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`);
	write(`${proc}/cgroup`, layout.cgroup ?? '0::/\n');
	write(`${proc}/environ`, Object.entries(layout.environ ?? {}).map(([key, value]) => `${key}=${value}\0`).join(''));
	write(`${proc}/net/unix`, header + line(7777, socket));
	fs.mkdirSync(path.join(root, proc, 'fd'), {recursive: true});
	fs.symlinkSync('/dev/null', path.join(root, proc, 'fd', '0'));
	fs.symlinkSync(layout.holds === false ? 'socket:[9999]' : 'socket:[7777]', path.join(root, proc, 'fd', '5'));
	fs.symlinkSync(layout.exe ?? '/usr/sbin/dockerd', path.join(root, proc, 'exe'));
	write(path.posix.join(path.posix.dirname(socket), 'docker.pid'), `${pid}\n`);
	write('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nrose:x:1001:1001::/home/rose:/bin/sh\n');
	for (const [file, content] of Object.entries(layout.files ?? {})) {
		write(file, content);
	}

	return {root, socket};
}

test('a systemd unit with drop-ins: launcher, next flags from the unit, its restart, the default daemon.json', async t => {
	const {root} = layOut(t, {
		argv: ['/usr/sbin/dockerd', '-H', 'fd://', '--icc=false'],
		cgroup: '0::/system.slice/docker.service\n',
		files: {
			'/run/systemd/system/.keep': '',
			'/lib/systemd/system/docker.service': '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n',
			'/etc/systemd/system/docker.service.d/override.conf': '[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd -H fd:// --log-level=warn\n',
			'/etc/docker/daemon.json': '{"icc": false}\n',
		},
	});
	const daemon = await gatherDaemon(createRootFs(root), 'unix:///var/run/docker.sock');
	t.is(daemon.process?.pid, pid);
	t.regex(daemon.processNote, /holds the listening socket \/run\/docker\.sock \(descriptor 5, socket inode 7777\) and runs as root/);
	t.like(daemon.launcher, {kind: 'systemd', unit: 'docker.service', restart: ['systemctl', 'restart', 'docker.service']});
	t.deepEqual(daemon.launcher?.nextFlags, {hosts: ['fd://'], 'log-level': 'warn'});
	t.deepEqual(daemon.flags, {hosts: ['fd://'], icc: false});
	t.like(daemon.configFile, {state: 'ok', path: '/etc/docker/daemon.json'});
	t.is(daemon.rootless, undefined);
});

test('an OpenRC service: flags from /etc/conf.d/docker, restart with rc-service', async t => {
	const {root} = layOut(t, {
		argv: ['/usr/bin/dockerd', '-p', '/run/docker.pid', '--iptables=false'],
		files: {'/run/openrc/softlevel': 'default\n', '/etc/init.d/docker': '#!/sbin/openrc-run\n', '/etc/conf.d/docker': 'DOCKER_OPTS="--iptables=false --userns-remap=default"\n'},
	});
	const daemon = await gatherDaemon(createRootFs(root), 'unix:///run/docker.sock');
	t.like(daemon.launcher, {kind: 'openrc', restart: ['rc-service', 'docker', 'restart'], nextFlagsHow: 'DOCKER_OPTS in /etc/conf.d/docker'});
	t.deepEqual(daemon.launcher?.nextFlags, {iptables: false, 'userns-remap': 'default'});
});

test('a SysV init script: the pid file of start-stop-daemon names it, flags from /etc/default/docker', async t => {
	const {root} = layOut(t, {
		argv: ['/usr/sbin/dockerd', '-p', '/var/run/docker.pid'],
		files: {'/etc/init.d/docker': '#!/bin/sh\n', '/run/docker-ssd.pid': `${pid}\n`, '/etc/default/docker': 'DOCKER_OPTS="--dns 10.0.0.2"\n'},
	});
	const daemon = await gatherDaemon(createRootFs(root), 'unix:///run/docker.sock');
	t.like(daemon.launcher, {kind: 'sysv', restart: ['service', 'docker', 'restart']});
	t.deepEqual(daemon.launcher?.nextFlags, {dns: ['10.0.0.2']});
});

test('snap: its daemon.json, restart with snap', async t => {
	const {root} = layOut(t, {
		argv: ['dockerd', '--group', 'docker', '--exec-root=/run/snap.docker', '--data-root=/var/snap/docker/common/var-lib-docker', '--pidfile=/run/snap.docker/docker.pid'],
		exe: '/snap/docker/2915/bin/dockerd',
		cgroup: '0::/system.slice/snap.docker.dockerd.service\n',
		files: {'/var/snap/docker/current/config/daemon.json': '{"log-level": "error"}\n'},
	});
	const daemon = await gatherDaemon(createRootFs(root), 'unix:///run/docker.sock');
	t.like(daemon.launcher, {kind: 'snap', restart: ['snap', 'restart', 'docker']});
	t.like(daemon.configFile, {state: 'ok', path: '/var/snap/docker/current/config/daemon.json'});
	t.is(daemon.configFileHow, 'the snap\'s daemon.json');
});

test('by hand with --config-file: no restart known, next flags are the running ones', async t => {
	const {root} = layOut(t, {
		argv: ['dockerd', '--config-file', '/srv/dw/daemon.json', '--data-root', '/srv/dw/data'],
		socket: '/srv/dw/docker.sock',
		files: {'/srv/dw/daemon.json': '{"hosts": ["unix:///srv/dw/docker.sock"]}\n', '/lib/systemd/system/docker.service': '[Service]\nExecStart=/usr/sbin/dockerd -H fd://\n'},
	});
	const daemon = await gatherDaemon(createRootFs(root), 'unix:///srv/dw/docker.sock');
	t.like(daemon.launcher, {kind: 'manual', restart: undefined});
	t.deepEqual(daemon.launcher?.nextFlags, {'data-root': '/srv/dw/data'});
	t.like(daemon.configFile, {state: 'ok', path: '/srv/dw/daemon.json'});
	t.is(daemon.configFileHow, 'the --config-file of the running dockerd');
});

test('rootless: the socket owner runs it, its own daemon.json and a user unit', async t => {
	const socketPath = '/run/user/1001/docker.sock';
	const {root} = layOut(t, {
		argv: ['dockerd'],
		uid: 1001,
		socket: socketPath,
		cgroup: '0::/user.slice/user-1001.slice/user@1001.service/app.slice/docker.service\n',
		environ: {HOME: '/home/rose', XDG_RUNTIME_DIR: '/run/user/1001'},
		files: {'/home/rose/.config/docker/daemon.json': '{"log-level": "debug"}\n', '/home/rose/.config/systemd/user/docker.service': '[Service]\nExecStart=/usr/bin/dockerd-rootless.sh --experimental\n'},
	});
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(path.join(root, socketPath), resolve);
	});
	t.teardown(() => server.close());
	fs.chownSync(path.join(root, socketPath), 1001, 1001);
	const daemon = await gatherDaemon(createRootFs(root), `unix://${socketPath}`);
	t.is(daemon.process?.uid, 1001);
	t.like(daemon.rootless, {uid: 1001, user: 'rose', home: '/home/rose', runtimeDir: '/run/user/1001'});
	t.like(daemon.configFile, {state: 'ok', path: '/home/rose/.config/docker/daemon.json'});
	t.like(daemon.launcher, {kind: 'systemd-user', restart: ['systemctl', '--user', '--machine=rose@', 'restart', 'docker.service']});
	t.deepEqual(daemon.launcher?.nextFlags, {experimental: true});
	t.deepEqual(daemon.defaults, {execRoot: '/run/user/1001/docker', dataRoot: '/home/rose/.local/share/docker'});
});

test('a dockerd that does not hold the socket, or runs as a user who does not own it, is not believed', async t => {
	// What an attacker controls: a process named dockerd with -H for the real socket and a --config-file of theirs.
	const notHolding = layOut(t, {argv: ['dockerd', '-H', 'unix:///var/run/docker.sock', '--config-file', '/tmp/x/daemon.json'], uid: 65_534, holds: false, files: {'/tmp/x/daemon.json': '{"userns-remap": "default"}\n'}});
	const first = await gatherDaemon(createRootFs(notHolding.root), 'unix:///var/run/docker.sock');
	t.is(first.process, undefined);
	t.is(first.configFile.state, 'unknown');
	t.regex(first.processNote, /no process could be proven to serve \/run\/docker\.sock/);
	t.regex(first.processNote, /holds no descriptor of the socket/);

	// It even holds a listening socket of that path (in a namespace of its own), but runs as nobody, and root owns the socket.
	const holding = layOut(t, {argv: ['dockerd', '--config-file', '/tmp/x/daemon.json'], uid: 65_534, files: {'/tmp/x/daemon.json': '{}\n'}});
	const server = net.createServer();
	await new Promise<void>(resolve => {
		server.listen(path.join(holding.root, '/run/docker.sock'), resolve);
	});
	t.teardown(() => server.close());
	const second = await gatherDaemon(createRootFs(holding.root), 'unix:///var/run/docker.sock');
	t.is(second.process, undefined);
	t.is(second.configFile.state, 'unknown');
	t.regex(second.processNote, /runs as uid 65534, which is neither root nor the owner of \/run\/docker\.sock \(uid 0\)/);
});

test('a Docker host that is not a unix socket proves no local daemon and reads no daemon.json', async t => {
	const daemon = await gatherDaemon(createRootFs('/'), 'tcp://127.0.0.1:2375');
	t.is(daemon.process, undefined);
	t.is(daemon.configFile.state, 'unknown');
});
