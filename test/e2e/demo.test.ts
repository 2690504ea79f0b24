import {readdirSync} from 'node:fs';
import os from 'node:os';
import test from 'ava';
import {runCli} from '../helpers/cli.js';

const sandboxes = () => readdirSync(os.tmpdir()).filter(name => name.startsWith('dockwarden-demo-'));

test('--demo --format json reports the sample host, marked as the demo, and leaves no sandbox behind', async t => {
	const before = sandboxes();
	const {exitCode, stdout} = await runCli(['--demo', '--format', 'json'], {DOCKER_HOST: 'unix:///nonexistent/docker.sock'});
	t.is(exitCode, 1, 'the sample host has WARNs');
	const report = JSON.parse(stdout) as {host: {hostname: string; demo?: boolean; dockerVersion: string}; results: Array<{id: string; status: string; evidence: string[]}>};
	t.like(report.host, {hostname: 'shipyard', demo: true, dockerVersion: '24.0.7'});
	t.is(report.results.length, 118, 'every check of v1.8.0, the default');
	t.true(report.results.find(result => result.id === '2.10')!.evidence.includes('web: uid 0 in the container = uid 0 on the host (pid 2590)'));
	t.deepEqual(sandboxes().filter(name => !before.includes(name)), []);
});

test('--demo text report says it is the demo', async t => {
	const {stdout} = await runCli(['--demo', '--check', '2.9']);
	t.regex(stdout, /^host shipyard \(demo: the sample host, in a sandbox\) - Docker 24\.0\.7$/m);
});

test('--demo takes no host command, and none of the flags that name parts of the real host', async t => {
	const fix = await runCli(['--demo', 'fix', '2.9']);
	t.is(fix.exitCode, 2);
	t.regex(fix.stderr, /--demo opens the TUI or prints a report of the sample host/);
	for (const flags of [['--root', '/tmp'], ['--waivers', '/tmp/waivers.json'], ['--restart-command', 'true']]) {
		const refused = await runCli(['--demo', ...flags]);
		t.is(refused.exitCode, 2, flags[0]);
		t.regex(refused.stderr, /--demo audits the bundled sample host in its sandbox: it takes no --root, --docker-host, --waivers or --restart-command/);
	}
});
