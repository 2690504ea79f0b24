import fs from 'node:fs';
import test from 'ava';
import {runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {importBusybox, startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// A private dockerd with userns-remap from the start: one container remapped, one with --userns=host.
let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	daemon = await startPrivateDockerd('{\n  "userns-remap": "default"\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
	// dockerd created dockremap and its ranges in the real /etc/subuid; dockwarden reads it under --root.
	root.write('/etc/subuid', fs.readFileSync('/etc/subuid', 'utf8'));
	importBusybox(daemon);
	for (const [name, ...args] of [['cis-web'], ['cis-legacy', '--userns', 'host']]) {
		daemon.docker('run', '-d', '--name', name!, '--network', 'none', '--stop-timeout', '1', ...args, 'local/busybox', 'sleep', '600');
	}
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

test('2.10 (v1.6.0 2.9) and 5.31 show each container\'s uid in the container and on the host', async t => {
	const start = Number(/^dockremap:(\d+):\d+$/m.exec(fs.readFileSync('/etc/subuid', 'utf8'))![1]);
	t.true(start >= 100_000);
	const {report, stderr} = await runReport(['--check', '2.10,5.31', '--root', root.dir, '--docker-host', daemon.host]);
	t.deepEqual(report.results.map(result => result.id), ['2.10', '5.31'], stderr);
	for (const result of report.results) {
		const text = result.evidence.join('\n');
		t.regex(text, new RegExp(`^cis-web: uid 0 in the container = uid ${start} on the host \\(pid \\d+; dockremap range ${start}-\\d+ from /etc/subuid\\)$`, 'm'), `${result.id}\n${text}`);
		t.regex(text, /^cis-legacy: uid 0 in the container = uid 0 on the host \(pid \d+; --userns=host: not remapped\)$/m, `${result.id}\n${text}`);
	}

	t.is(report.results[0]!.status, 'pass');
	t.is(report.results[1]!.status, 'warn');
});
