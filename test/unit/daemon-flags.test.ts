import test from 'ava';
import {parseDaemonFlags} from '../../source/host/daemon-flags.js';
import {locateJsonError} from '../../source/host/daemon.js';

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
