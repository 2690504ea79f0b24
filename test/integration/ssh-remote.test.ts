import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {startSshd, type SshUser, type TestSshd} from '../helpers/sshd.js';

// Over a real sshd (Debian's, started by the test on 127.0.0.1) to a test user with passwordless sudo, against a
// private dockerd whose daemon.json lives in a fake host tree. The target is this machine: the same host is audited
// locally and over SSH, and the two must agree.
let sshd: TestSshd;
let user: SshUser;
let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	sshd = await startSshd();
	user = sshd.addUser({sudo: true, docker: true});
	daemon = await startPrivateDockerd('{\n\t"labels": ["ssh=test"]\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	// The sshd first: it also removes the test users and their sudoers drop-ins, whatever happens to the rest.
	await sshd?.stop();
	await daemon?.stop();
	root?.remove();
});

// --root and --docker-host given with --host name the tree and the socket on the target.
// The ids below are v1.6.0's (2.9 user namespaces, 2.14 no-new-privileges, 2.15 live restore): the point is the behaviour, not the id.
const remote = async (args: readonly string[]) => runCli([...args, '--benchmark', '1.6.0', '--host', user.url, '--root', root.dir, '--docker-host', daemon.host, '--restart-command', daemon.restartScript], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
const local = async (args: readonly string[]) => runCli([...args, '--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host, '--restart-command', daemon.restartScript]);

type Report = {host: {hostname: string; root: string; via?: string; sshRoundTrips?: number}; results: Array<{id: string; status: string; summary: string; evidence: string[]}>};
const comparable = (report: Report) => report.results.map(result => JSON.stringify([result.id, result.status, result.summary, result.evidence]));

test.serial('a full audit over SSH gives the ids, statuses, summaries and evidence of the local audit of the same host', async t => {
	t.timeout(600_000);
	// Both run at once, against the same host. Other tests on this machine start and stop dockerds and load audit rules
	// meanwhile (the kernel's rules and /proc are machine-wide), so a difference is looked at again once: only one that
	// stays is the remote gatherer's. Nothing is masked.
	let differences: string[] = [];
	let remoteReport: Report | undefined;
	for (let attempt = 0; attempt < 2; attempt++) {
		const [here, there] = await Promise.all([local(['--json']), remote(['--json'])]);
		t.is(there.exitCode, here.exitCode, there.stderr);
		const localReport = JSON.parse(here.stdout) as Report;
		remoteReport = JSON.parse(there.stdout) as Report;
		const remoteLines = new Set(comparable(remoteReport));
		differences = comparable(localReport).filter(line => !remoteLines.has(line));
		t.is(remoteReport.results.length, localReport.results.length);
		if (differences.length === 0) {
			break;
		}
	}

	t.deepEqual(differences, []);
	t.is(remoteReport!.results.length, 117);
	t.is(remoteReport!.host.hostname, 'fakehost');
	t.is(remoteReport!.host.via, user.url);
	t.true(remoteReport!.host.sshRoundTrips! < 20, `${remoteReport!.host.sshRoundTrips} round trips`);
});

test.serial('the text and Markdown reports name the remote host and how it was reached', async t => {
	t.timeout(300_000);
	const text = await remote(['--check', '2.2']);
	t.true(text.stdout.includes(`host fakehost via ${user.url} (root ${root.dir})`), text.stdout);
	const markdown = await remote(['--check', '2.2', '--format', 'markdown']);
	t.true(markdown.stdout.includes(`reached over SSH: ${user.url}`), markdown.stdout);
});

test.serial('a fix and its undo over SSH: daemon.json on the target is written, the daemon restarted and verified, the journal kept there', async t => {
	t.timeout(600_000);
	const before = fs.readFileSync(daemon.configFile, 'utf8');
	const plan = await remote(['fix', '2.15', '--dry-run']);
	t.is(plan.exitCode, 0, plan.stderr);
	t.true(plan.stdout.includes(`write ${daemon.configFile}`), plan.stdout);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before, 'a dry run writes nothing');

	const applied = await remote(['fix', '2.15', '--yes']);
	t.is(applied.exitCode, 0, `${applied.stdout}\n${applied.stderr}`);
	t.true(applied.stdout.includes('[PASS] 2.15'), applied.stdout);
	const config = JSON.parse(fs.readFileSync(daemon.configFile, 'utf8')) as Record<string, unknown>;
	t.is(config['live-restore'], true);
	t.deepEqual(config.labels, ['ssh=test'], 'the rest of daemon.json is kept');
	t.is(daemon.docker('info', '--format', '{{.ID}}').length > 0, true, 'the daemon runs after the restart');
	const entries = fs.readdirSync(root.local('/var/lib/dockwarden/journal')).filter(name => name.endsWith('.json'));
	t.is(entries.length, 1, 'the journal is on the target, under its --root');
	t.deepEqual(fs.readdirSync(daemon.dir).filter(name => name.includes('.dockwarden-')), [], 'no temporary file is left beside daemon.json');

	// The journal is the target's: the local dockwarden on the target sees the fix, and undoes it.
	const listed = await local(['journal']);
	t.regex(listed.stdout, new RegExp(`wrote ${daemon.configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), listed.stderr);
	const undone = await remote(['undo', '--yes']);
	t.is(undone.exitCode, 0, `${undone.stdout}\n${undone.stderr}`);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before);
	t.is(daemon.docker('info', '--format', '{{.ID}}').length > 0, true);
	const after = await remote(['--json', '--check', '2.15']);
	t.is((JSON.parse(after.stdout) as Report).results[0]!.status, 'warn');
});

test.serial('a fleet of three names, one unreachable: a report for each of the others, the summary table, and one line for the third', async t => {
	t.timeout(600_000);
	const output = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-fleet-'));
	try {
		const second = `ssh://${user.name}@localhost:${sshd.port}`;
		const unreachable = `ssh://${user.name}@127.0.0.1:1`;
		const {exitCode, stdout, stderr} = await runCli(['--json', '--output', output, '--host', user.url, '--host', second, '--host', unreachable, '--root', root.dir, '--docker-host', daemon.host], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
		t.is(exitCode, 9, stderr);
		t.deepEqual(fs.readdirSync(output).sort(), [`${user.name}_at_127.0.0.1_${sshd.port}.json`, `${user.name}_at_localhost_${sshd.port}.json`]);
		for (const file of fs.readdirSync(output)) {
			const report = JSON.parse(fs.readFileSync(path.join(output, file), 'utf8')) as Report;
			t.is(report.results.length, 118, 'every check of v1.8.0, the default');
			t.true([user.url, second].includes(report.host.via!));
		}

		t.regex(stderr, new RegExp(`^dockwarden: ${unreachable}: cannot reach 127\\.0\\.0\\.1`, 'm'));
		t.is(stdout.split('\n').filter(line => line.startsWith('fakehost')).length, 2, stdout);
		t.true(stdout.includes(`${unreachable}: not audited (exit 9)`), stdout);
	} finally {
		fs.rmSync(output, {recursive: true, force: true});
	}
});

test.serial('a fleet in one combined JSON (no --output DIR): every host in order, the unreachable one with why; summarize reads it', async t => {
	t.timeout(600_000);
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-fleet-json-'));
	try {
		const second = `ssh://${user.name}@localhost:${sshd.port}`;
		const unreachable = `ssh://${user.name}@127.0.0.1:1`;
		const {exitCode, stdout, stderr} = await runCli(['--json', '--host', user.url, '--host', unreachable, '--host', second, '--root', root.dir, '--docker-host', daemon.host], {DOCKWARDEN_SSH_CONFIG: sshd.clientConfig});
		t.is(exitCode, 9, stderr);
		const combined = JSON.parse(stdout) as {tool: {name: string}; fleet: Array<{host: string; exitCode: number; report?: Report; notAudited?: string}>};
		t.is(combined.tool.name, 'dockwarden');
		t.deepEqual(combined.fleet.map(entry => entry.host), [user.url, unreachable, second]);
		for (const entry of [combined.fleet[0]!, combined.fleet[2]!]) {
			t.is(entry.report!.results.length, 118, 'every check of v1.8.0, the default');
			t.is(entry.report!.host.via, entry.host);
		}

		t.is(combined.fleet[1]!.exitCode, 9);
		t.regex(combined.fleet[1]!.notAudited!, /cannot reach 127\.0\.0\.1/);
		const file = path.join(directory, 'fleet.json');
		fs.writeFileSync(file, stdout);
		const summary = await runCli(['summarize', file]);
		t.is(summary.exitCode, 0, summary.stderr);
		const rows = summary.stdout.split('\n');
		t.is(rows.filter(line => line.startsWith('fakehost')).length, 2, summary.stdout);
		t.true(rows.some(line => new RegExp(`^${unreachable.replaceAll('.', '\\.')} +(?:- +){7}-$`).test(line)), summary.stdout);
		t.true(rows.some(line => line.startsWith(`${unreachable}: not audited (exit 9): ${unreachable}: cannot reach 127.0.0.1`)), summary.stdout);
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});
