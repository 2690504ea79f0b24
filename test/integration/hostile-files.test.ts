import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// A --root tree whose files an attacker controls, against the real CLI (dist/cli.js) and a private dockerd.
// The daemon is started on a plain daemon.json; the tests then put hostile things in its place (dockerd reads it
// only when it starts, so it runs on), and restore it after each test.
let daemon: PrivateDockerd;
let root: FakeRoot;
let outside: string;
const plain = '{}\n';

test.before(async () => {
	daemon = await startPrivateDockerd(plain);
	root = makeFakeRoot({mirrors: [daemon.dir]});
	root.write('/lib/systemd/system/docker.socket', '[Socket]\n', 0o644);
	outside = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-outside-'));
	fs.chmodSync(outside, 0o755);
	// A file of the machine that runs dockwarden, outside the tree: its settings must never be taken for the audited host's.
	fs.writeFileSync(path.join(outside, 'daemon.json'), '{"no-new-privileges": true, "labels": ["dw-telltale-outside"]}\n');
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
	if (outside) {
		fs.rmSync(outside, {recursive: true, force: true});
	}
});

const restore = () => {
	fs.rmSync(daemon.configFile, {force: true});
	fs.writeFileSync(daemon.configFile, plain);
};

// The ids below are v1.6.0's (2.9 user namespaces, 2.14 no-new-privileges, 2.15 live restore): the point is the behaviour, not the id.
const common = () => ['--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host, '--restart-command', daemon.restartScript];

// Attacker controls: daemon.json in the tree, made an absolute link to a file outside the tree.
// Must not happen: dockwarden judges section 2 on the auditing machine's file (2.14 would take its setting).
test.serial('daemon.json as an absolute link out of the tree is not read, and the evidence says why', async t => {
	t.teardown(restore);
	fs.rmSync(daemon.configFile);
	fs.symlinkSync(path.join(outside, 'daemon.json'), daemon.configFile);
	const {stdout, report} = await runReport(['--check', '2.14', ...common()]);
	t.false(stdout.includes('dw-telltale-outside'));
	const [result] = report.results;
	t.false(result!.evidence.some(line => /no-new-privileges is true/.test(line)), result!.evidence.join('\n'));
	t.true(result!.evidence.some(line => line.includes('links resolve inside the tree')), result!.evidence.join('\n'));

	// The same path laid out inside the tree is what is read.
	root.write(path.join(outside, 'daemon.json'), '{"no-new-privileges": true}\n');
	t.teardown(() => fs.rmSync(root.local(outside), {recursive: true, force: true}));
	const inside = await runReport(['--check', '2.14', ...common()]);
	t.true(inside.report.results[0]!.evidence.some(line => line.startsWith('no-new-privileges is true in')), inside.report.results[0]!.evidence.join('\n'));
});

// Attacker controls: daemon.json in the tree, made a FIFO that no one writes. Must not happen: the audit waits forever.
test.serial('a FIFO as daemon.json is an error in the evidence, not a hang', async t => {
	t.teardown(restore);
	fs.rmSync(daemon.configFile);
	execFileSync('mkfifo', [daemon.configFile]);
	const started = Date.now();
	const result = await execa('node', [new URL('../../dist/cli.js', import.meta.url).pathname, '--json', '--check', '2.14', ...common()], {reject: false, timeout: 60_000, stdin: 'ignore'});
	t.false(result.timedOut, 'the audit finished');
	t.true(Date.now() - started < 60_000);
	const report = JSON.parse(String(result.stdout)) as {results: Array<{status: string; evidence: string[]}>};
	t.is(report.results[0]!.status, 'error');
	t.true(report.results[0]!.evidence.some(line => line.includes('not a regular file (a FIFO')), report.results[0]!.evidence.join('\n'));
});

// Attacker controls: daemon.json replaced by a link (here to a file of the tree). Must not happen: the fix writes through
// the link to a file it did not show, or replaces the link with a file; undo then has a link to keep.
test.serial('a fix of a symlinked daemon.json is refused before anything is written; the link and its target stay', async t => {
	t.teardown(restore);
	const real = path.join(daemon.dir, 'daemon-real.json');
	fs.writeFileSync(real, plain);
	t.teardown(() => fs.rmSync(real, {force: true}));
	fs.rmSync(daemon.configFile);
	fs.symlinkSync('daemon-real.json', daemon.configFile);
	const journal = root.local('/var/lib/dockwarden/journal');
	const entriesBefore = fs.existsSync(journal) ? fs.readdirSync(journal).filter(name => !name.endsWith('.pending.json')).length : 0;
	const pid = daemon.pid();
	const {exitCode, stderr} = await runCli(['fix', '2.14', '--yes', ...common()]);
	t.is(exitCode, 7, stderr);
	t.regex(stderr, /daemon\.json is a symbolic link to daemon-real\.json: dockwarden does not write through a link, nor replace it with a file; nothing was written/);
	t.is(fs.readlinkSync(daemon.configFile), 'daemon-real.json');
	t.is(fs.readFileSync(real, 'utf8'), plain);
	t.is(daemon.pid(), pid, 'the daemon was not restarted');
	const entriesAfter = fs.existsSync(journal) ? fs.readdirSync(journal).filter(name => !name.endsWith('.pending.json')).length : 0;
	t.is(entriesAfter, entriesBefore, 'nothing was journalled, so no undo can replace the link');
});

// Attacker controls: a link planted at the path the operator gives to --output. Must not happen: the report overwrites its target.
test.serial('--output onto a planted link is refused; a new --output file is 0600', async t => {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-output-'));
	t.teardown(() => fs.rmSync(directory, {recursive: true, force: true}));
	const victim = path.join(directory, 'victim');
	fs.writeFileSync(victim, 'precious\n');
	const planted = path.join(directory, 'report.json');
	fs.symlinkSync(victim, planted);
	const refused = await runCli(['--json', '--check', '1.1.1', '--output', planted, ...common()]);
	t.is(refused.exitCode, 2);
	t.regex(refused.stderr, /cannot write the report to .*report\.json: .*is a symbolic link/);
	t.is(refused.stderr.trim().split('\n').length, 1);
	t.is(fs.readFileSync(victim, 'utf8'), 'precious\n');
	const fresh = path.join(directory, 'fresh.json');
	const written = await runCli(['--json', '--check', '1.1.1', '--output', fresh, ...common()]);
	t.not(written.exitCode, 2, written.stderr);
	t.is(fs.statSync(fresh).mode & 0o777, 0o600);
	t.truthy(JSON.parse(fs.readFileSync(fresh, 'utf8')));
});

// Attacker controls: the directory of a file that a section 3 fix chowns (owned by nobody, or writable by all).
// Must not happen: root chowns whatever the attacker swapped in after the check (e.g. a hard link to /etc/shadow).
test.serial('a chown fix refuses when the file\'s directory is writable by another user', async t => {
	const unit = root.local('/lib/systemd/system/docker.socket');
	const directory = path.dirname(unit);
	fs.chownSync(unit, 1000, 1000);
	fs.chownSync(directory, 65_534, 65_534);
	t.teardown(() => {
		fs.chownSync(directory, 0, 0);
		fs.chmodSync(directory, 0o755);
	});
	const owned = await runCli(['fix', '3.3', '--yes', ...common()]);
	t.is(owned.exitCode, 7, owned.stderr);
	t.regex(owned.stderr, /refusing to chown \/lib\/systemd\/system\/docker\.socket: its directory \/lib\/systemd\/system is owned by uid 65534, so another user could swap the file/);
	t.is(fs.statSync(unit).uid, 1000);

	fs.chownSync(directory, 0, 0);
	fs.chmodSync(directory, 0o777);
	const open = await runCli(['fix', '3.3', '--yes', ...common()]);
	t.is(open.exitCode, 7, open.stderr);
	t.regex(open.stderr, /is writable by every user \(mode 0777\)/);
	t.is(fs.statSync(unit).uid, 1000);

	// A safe directory: the same fix applies.
	fs.chmodSync(directory, 0o755);
	const fixed = await runCli(['fix', '3.3', '--yes', ...common()]);
	t.is(fixed.exitCode, 0, fixed.stderr);
	t.is(fs.statSync(unit).uid, 0);
});
