import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {helpOutput} from '../../source/options.js';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot} from '../helpers/fake-root.js';

// The built CLI, spawned as an operator's script would, without a TTY.
const nowhere = `unix://${path.join(os.tmpdir(), 'dw-no-daemon.sock')}`;

test('without a TTY the text report is the default, with [STATUS] id - title lines and indented evidence', async t => {
	const root = makeFakeRoot();
	const {exitCode, stdout} = await runCli(['--check', '1.1.13,1.2.1', '--root', root.dir, '--docker-host', nowhere]);
	t.is(exitCode, 0);
	t.regex(stdout, /^\[SKIP] 1\.1\.13 - Ensure auditing is configured for Docker files and directories - \/etc\/sysconfig\/docker$/m);
	t.regex(stdout, /^ {7}\* \/etc\/sysconfig\/docker does not exist on this host/m);
	t.regex(stdout, /^\[NOTE] 1\.2\.1 - Ensure the container host has been Hardened$/m);
	t.notRegex(stdout, /\u001B\[/, 'no colour codes when not writing to a terminal');
	root.remove();
});

test('an unreachable Docker daemon: the report is still written, one line on stderr, exit 3', async t => {
	const {exitCode, stdout, stderr} = await runCli(['--json', '--section', '2', '--docker-host', nowhere]);
	t.is(exitCode, 3);
	const report = JSON.parse(stdout) as {host: {dockerVersion: unknown}; results: Array<{id: string; status: string}>};
	t.is(report.host.dockerVersion, null);
	t.is(report.results.length, 19, 'section 2 of v1.8.0, the default, has 19 checks');
	t.regex(stderr, /^dockwarden: cannot reach the Docker daemon at unix:\/\/.*dw-no-daemon\.sock: the socket does not exist/m);
});

test('usage errors are one line and exit 2', async t => {
	for (const [args, message] of [
		[['--check', '9.9'], /^dockwarden: unknown check id 9\.9/],
		[['fix', '1.1.99'], /^dockwarden: unknown check id 1\.1\.99/],
		[['--section', '8'], /^dockwarden: unknown section 8/],
		[['--format', 'xml'], /^dockwarden: unknown --format xml/],
		[['--root', '/does/not/exist'], /^dockwarden: --root \/does\/not\/exist cannot be read/],
		[['frobnicate'], /^dockwarden: unknown command "frobnicate"/],
		[['--frobnicate', '-x'], /^dockwarden: unknown flags --frobnicate, -x: see dockwarden --help$/],
		[['--json=1'], /^dockwarden: --json is a switch: give --json or --no-json, not --json=1$/],
		[['--level', 'abc'], /^dockwarden: --level takes 1 or 2$/],
		[['--restart-timeout', 'abc'], /^dockwarden: --restart-timeout takes a number of seconds above 0/],
		[['--format', 'json', '--format', 'text'], /^dockwarden: --format is given more than once/],
		[['--root'], /^dockwarden: --root takes a value$/],
	] as const) {
		const {exitCode, stderr} = await runCli([...args]);
		t.is(exitCode, 2, args.join(' '));
		t.regex(stderr, message);
		t.is(stderr.trim().split('\n').length, 1);
	}

	const unknownFlag = await runCli(['--frobnicate']);
	t.is(unknownFlag.exitCode, 2);
	t.is(unknownFlag.stderr, 'dockwarden: unknown flag --frobnicate: see dockwarden --help');
	t.is(unknownFlag.stdout, '');
});

test('--help lists every flag; --version prints the version', async t => {
	const help = await runCli(['--help']);
	t.is(help.exitCode, 0);
	for (const flag of ['--json', '--format', '--check', '--section', '--exclude', '--level', '--root', '--docker-host', '--audit-key', '--restart-command', '--dry-run', '--yes', '--no-color']) {
		t.true(help.stdout.includes(flag), flag);
	}

	const version = await runCli(['--version']);
	t.is(version.stdout.trim(), (JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string}).version);
});

test('--help and --version print exactly what meow printed, on stdout, and exit 0, wherever they are', t => {
	const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
	const {version, description} = JSON.parse(fs.readFileSync('package.json', 'utf8')) as {version: string; description: string};
	// execFileSync throws for an exit code other than 0, and keeps the last newline, which runCli strips.
	const run = (args: string[]) => execFileSync('node', [cli, ...args], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
	const help = run(['--help']);
	t.is(help, helpOutput(description));
	t.true(help.startsWith(`\n  ${description}\n\n  Usage\n    $ dockwarden `));
	t.true(help.endsWith(' 130 interrupted\n\n'));
	t.is(run(['--json', '--help']), help, 'meow printed the help only when --help came alone; it is printed wherever it is now');
	t.is(run(['--version']), `${version}\n`);
	t.is(run(['--check', '1.1.3', '--version']), `${version}\n`);
});

test('--exclude and --level narrow the selection', async t => {
	const {stdout} = await runCli(['--json', '--section', '1', '--exclude', '1.1,1.2.2', '--docker-host', nowhere]);
	const ids = (JSON.parse(stdout) as {results: Array<{id: string}>}).results.map(result => result.id);
	t.deepEqual(ids, ['1.2.1']);
	const levelOne = JSON.parse((await runCli(['--json', '--level', '1', '--docker-host', nowhere])).stdout) as {results: Array<{level: number}>};
	t.true(levelOne.results.every(result => result.level === 1));
});

test('a report piped into head ends quietly', async t => {
	const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
	const result = await execa('sh', ['-c', `node ${cli} --docker-host ${nowhere} | head -n 2`], {reject: false});
	t.is(result.stdout.split('\n').length, 2);
	t.notRegex(String(result.stderr), /EPIPE|Error/);
});

test('a fix as a user who is not root says which command to run with sudo, and exits 4', async t => {
	const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
	try {
		execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', '--version'], {stdio: 'ignore'});
	} catch {
		t.pass('setpriv cannot run node as nobody here');
		return;
	}

	const result = await execa('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', cli, 'fix', '1.1.3', '--yes', '--docker-host', nowhere], {reject: false});
	t.is(result.exitCode, 4);
	t.is(String(result.stderr).trim(), 'dockwarden: fix 1.1.3 changes the host and needs root: run sudo dockwarden fix 1.1.3 --yes');
});

test('fix of a check without an automated fix is refused with exit 6', async t => {
	const root = makeFakeRoot();
	root.write('/etc/docker/daemon.json', '{"cgroup-parent": "/custom"}\n');
	// The cgroup check: v1.8.0's 2.11 (v1.6.0's 2.10).
	const {exitCode, stderr} = await runCli(['fix', '2.11', '--yes', '--root', root.dir, '--docker-host', nowhere]);
	t.is(exitCode, 6);
	t.regex(stderr, /^dockwarden: cannot apply the fix of 2\.11: 2\.11 has no automated fix in this version/);
	root.remove();
});

test('--format sarif, junit and markdown with --output write the report to the file', async t => {
	const root = makeFakeRoot();
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-out-'));
	for (const [format, check] of [
		// One rule per check; results only for what needs attention (see test/unit/sarif-github.test.ts).
		['sarif', (text: string) => (JSON.parse(text) as {version: string; runs: Array<{tool: {driver: {rules: unknown[]}}; results: unknown[]}>}).runs[0]!.tool.driver.rules.length === 20],
		['junit', (text: string) => text.startsWith('<?xml') && (text.match(/<testcase /g) ?? []).length === 20],
		['markdown', (text: string) => text.includes('| Status') || text.includes('|')],
	] as const) {
		const file = path.join(directory, `report.${format}`);
		const {exitCode, stdout} = await runCli(['--format', format, '--output', file, '--section', '1', '--root', root.dir, '--docker-host', nowhere]);
		t.true([0, 1, 3].includes(exitCode ?? -1), format);
		t.is(stdout, '', `${format}: nothing on stdout with --output`);
		t.true(check(fs.readFileSync(file, 'utf8')), format);
	}

	fs.rmSync(directory, {recursive: true});
	root.remove();
});

test('summarize turns the JSON reports of several hosts into one table, host × section', async t => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-fleet-'));
	const files: string[] = [];
	for (const host of ['web-1', 'db-1']) {
		const root = makeFakeRoot();
		root.write('/etc/hostname', `${host}\n`);
		const file = path.join(directory, `${host}.json`);
		await runCli(['--json', '--output', file, '--section', '1,3', '--root', root.dir, '--docker-host', nowhere]);
		files.push(file);
		root.remove();
	}

	const {exitCode, stdout} = await runCli(['summarize', ...files]);
	t.is(exitCode, 0);
	t.regex(stdout, /^web-1\b/m);
	t.regex(stdout, /^db-1\b/m);
	fs.writeFileSync(path.join(directory, 'bad.json'), '{"tool": {"name": "other"}}');
	const bad = await runCli(['summarize', path.join(directory, 'bad.json')]);
	t.is(bad.exitCode, 2);
	t.regex(bad.stderr, /^dockwarden: .*bad\.json/);
	fs.rmSync(directory, {recursive: true});
});

test('--benchmark picks the ids and titles of a CIS version, the newest by default; the report says which; a bad value is one line and exit 2', async t => {
	const newest = await runCli(['--json', '--check', '2.7,2.10', '--docker-host', nowhere]);
	const report = JSON.parse(newest.stdout) as {benchmark: {name: string; version: string}; results: Array<{id: string; title: string}>};
	t.deepEqual(report.benchmark, {name: 'CIS Docker Benchmark', version: '1.8.0'});
	t.deepEqual(report.results.map(result => [result.id, result.title]), [['2.7', 'Ensure devicemapper storage driver is not used'], ['2.10', 'Enable user namespace support']]);

	const old = await runCli(['--json', '--benchmark', '1.6.0', '--check', '2.7,2.9', '--docker-host', nowhere]);
	const oldReport = JSON.parse(old.stdout) as typeof report;
	t.is(oldReport.benchmark.version, '1.6.0');
	t.deepEqual(oldReport.results.map(result => [result.id, result.title]), [['2.7', 'Ensure TLS authentication for Docker daemon is configured'], ['2.9', 'Enable user namespace support']]);

	const fromEnvironment = await runCli(['--check', '1.1.9', '--docker-host', nowhere], {DOCKWARDEN_BENCHMARK: '1.7.0'});
	t.regex(fromEnvironment.stdout, /CIS Docker Benchmark v1\.7\.0/);
	t.regex(fromEnvironment.stdout, /^\[\w+ ?] 1\.1\.9 - Ensure auditing is configured for Docker files and directories - docker\.sock$/m);

	for (const [args, environment, message] of [
		[['--benchmark', '1.5.0'], {}, /^dockwarden: unknown --benchmark "1\.5\.0": use 1\.6\.0, 1\.7\.0, 1\.8\.0$/],
		[[], {DOCKWARDEN_BENCHMARK: 'latest'}, /^dockwarden: unknown DOCKWARDEN_BENCHMARK "latest": use 1\.6\.0, 1\.7\.0, 1\.8\.0$/],
		[['--benchmark', '1.6.0', '--check', '2.19'], {}, /^dockwarden: unknown check id 2\.19: ids are as in CIS Docker Benchmark v1\.6\.0/],
	] as const) {
		const refused = await runCli([...args, '--docker-host', nowhere], environment);
		t.is(refused.exitCode, 2, args.join(' '));
		t.regex(refused.stderr, message);
		t.is(refused.stderr.trim().split('\n').length, 1);
	}
});
