import fs from 'node:fs';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {treeHash} from '../helpers/tree-hash.js';

// Read-only mode (--read-only, DOCKWARDEN_READ_ONLY) refuses fix and undo with their own exit code and one line on
// stderr, and writes nothing: no lock, no journal, no backup, no rule, no daemon.json. No Docker is needed.
const nowhere = 'unix:///nonexistent/docker.sock';
const readOnlyExit = 13;

/** A fake host with a daemon.json, audit rules and a dockerd that a fix of 1.1.3 would watch. */
function host(): FakeRoot {
	const root = makeFakeRoot({proc: false});
	root.write('/etc/docker/daemon.json', '{\n  "log-level": "info"\n}\n');
	root.write('/etc/audit/rules.d/docker.rules', '-w /var/lib/docker -k docker\n', 0o640);
	root.write('/usr/bin/dockerd', '#!/bin/sh\n', 0o755);
	return root;
}

test('fix 1.1.3 --yes --read-only exits 13 with one line on stderr, and changes nothing', async t => {
	const root = host();
	const before = treeHash(root.dir);
	const {exitCode, stdout, stderr} = await runCli(['fix', '1.1.3', '--yes', '--read-only', '--root', root.dir, '--docker-host', nowhere]);
	t.is(exitCode, readOnlyExit);
	t.is(stdout, '');
	t.is(stderr, 'dockwarden: refused: read-only mode (--read-only): fix changes the host, and nothing was attempted');
	t.is(treeHash(root.dir), before);
	t.false(fs.existsSync(root.local('/var/lib/dockwarden')), 'no lock, journal or backup');
	root.remove();
});

test('DOCKWARDEN_READ_ONLY=1 undo exits 13 (so do true, --dry-run and a named entry), and changes nothing', async t => {
	const root = host();
	const before = treeHash(root.dir);
	for (const [args, value] of [
		[['undo'], '1'],
		[['undo', '--yes'], 'true'],
		[['undo', '20261129T060000Z-1', '--force', '--yes'], '1'],
		[['fix', '2.9', '--dry-run'], 'TRUE'],
	] as const) {
		// One command at a time, as an operator types them.
		const {exitCode, stdout, stderr} = await runCli([...args, '--root', root.dir, '--docker-host', nowhere], {DOCKWARDEN_READ_ONLY: value});
		const name = `${args.join(' ')} with DOCKWARDEN_READ_ONLY=${value}`;
		t.is(exitCode, readOnlyExit, name);
		t.is(stdout, '', name);
		t.regex(stderr, new RegExp(`^dockwarden: refused: read-only mode \\(DOCKWARDEN_READ_ONLY\\): ${args[0]} changes the host, and nothing was attempted$`), name);
		t.is(stderr.split('\n').length, 1, name);
	}

	t.is(treeHash(root.dir), before);
	root.remove();
});

test('read-only mode still lists the journal and writes reports', async t => {
	const root = host();
	const journal = await runCli(['journal', '--root', root.dir, '--docker-host', nowhere], {DOCKWARDEN_READ_ONLY: '1'});
	t.is(journal.exitCode, 0, journal.stderr);
	const report = await runCli(['--check', '1.1.13', '--read-only', '--root', root.dir, '--docker-host', nowhere]);
	t.is(report.exitCode, 0, report.stderr);
	t.regex(report.stdout, /^\[SKIP] 1\.1\.13 /m);
	const unknown = await runCli(['--check', '1.1.13', '--root', root.dir], {DOCKWARDEN_READ_ONLY: 'yes'});
	t.is(unknown.exitCode, 2, 'a value that is neither on nor off is a usage error');
	t.regex(unknown.stderr, /^dockwarden: DOCKWARDEN_READ_ONLY="yes" is not understood/);
	root.remove();
});
