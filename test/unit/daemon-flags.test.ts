import test from 'ava';
import {parseDaemonFlags} from '../../source/host/daemon-flags.js';
import {locateJsonError, matchDaemon} from '../../source/host/daemon.js';

test('flags are keyed by their daemon.json names; booleans need = for a value', t => {
	t.deepEqual(parseDaemonFlags(['/usr/sbin/dockerd', '-H', 'fd://', '--containerd=/run/containerd/containerd.sock', '--icc=false', '--live-restore', '--userns-remap', 'default', '-l', 'debug', '--insecure-registry', 'a:5000', '--insecure-registry=b:5000']), {
		hosts: ['fd://'],
		containerd: '/run/containerd/containerd.sock',
		icc: false,
		'live-restore': true,
		'userns-remap': 'default',
		'log-level': 'debug',
		'insecure-registries': ['a:5000', 'b:5000'],
	});
});

const dockerd = (pid: number, argv: string[]) => ({pid, comm: 'dockerd', argv: ['dockerd', ...argv], uid: 0});

test('the dockerd listening on the socket is chosen, /var/run and /run alike', t => {
	const processes = [dockerd(10, ['-H', 'unix:///tmp/a/docker.sock']), dockerd(20, ['-H', 'fd://'])];
	t.is(matchDaemon(processes, 'unix:///tmp/a/docker.sock').process?.pid, 10);
	t.is(matchDaemon(processes, 'unix:///var/run/docker.sock').process?.pid, 20);
	t.is(matchDaemon([dockerd(30, ['--host', 'unix:///run/docker.sock'])], 'unix:///var/run/docker.sock').process?.pid, 30);
	t.is(matchDaemon(processes, 'unix:///tmp/other.sock').process, undefined);
	t.is(matchDaemon([], 'unix:///var/run/docker.sock').note, 'no dockerd process found in /proc');
});

test('JSON errors are located by line and column', t => {
	const text = '{\n  "a": 1,\n}\n';
	let error: unknown;
	try {
		JSON.parse(text);
	} catch (error_) {
		error = error_;
	}

	t.regex(locateJsonError(text, error), /at line 3, column 1$/);
});
