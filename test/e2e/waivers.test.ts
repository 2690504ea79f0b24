import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot} from '../helpers/fake-root.js';

// Waivers end to end: the file under --root or --waivers, [WAIV] in the reports, the exit code, expiry, a bad file.
const nowhere = `unix://${path.join(os.tmpdir(), 'dw-no-daemon.sock')}`;
const waivers = (entries: unknown[]) => `${JSON.stringify({waivers: entries}, undefined, '\t')}\n`;

test('a waived WARN shows as [WAIV] with its reason and does not make the report fail', async t => {
	const root = makeFakeRoot();
	root.write('/etc/dockwarden/waivers.json', waivers([{id: '1.1.6', reason: 'watched by the SIEM agent instead', expires: '2099-12-31'}]));
	const text = await runCli(['--check', '1.1.6', '--root', root.dir, '--docker-host', nowhere]);
	t.regex(text.stdout, /^\[WAIV] 1\.1\.6 - /m);
	t.regex(text.stdout, /waived: watched by the SIEM agent instead \(until 2099-12-31\)/);
	t.is(text.exitCode, 0, 'waived does not count toward the warn exit code');
	const json = await runReport(['--check', '1.1.6', '--root', root.dir, '--docker-host', nowhere]);
	t.like(json.report.results[0], {status: 'waived', waiver: {reason: 'watched by the SIEM agent instead', expires: '2099-12-31'}});
	root.remove();
});

test('an expired waiver is ignored, said on stderr, and the WARN counts again', async t => {
	const root = makeFakeRoot();
	const file = path.join(root.dir, 'my-waivers.json');
	fs.writeFileSync(file, waivers([{id: '1.1.6', reason: 'until the migration', expires: '2020-01-31'}]));
	const {exitCode, stdout, stderr} = await runCli(['--check', '1.1.6', '--waivers', file, '--root', root.dir, '--docker-host', nowhere]);
	t.is(exitCode, 1);
	t.regex(stdout, /^\[WARN] 1\.1\.6 - /m);
	t.regex(stderr, /the waiver for 1\.1\.6 \(until the migration\) expired after 2020-01-31/);
	root.remove();
});

test('a malformed waivers file or one with unknown keys is a clear one-line error, exit 2', async t => {
	const root = makeFakeRoot();
	root.write('/etc/dockwarden/waivers.json', waivers([{id: '1.1.6', reson: 'typo'}]));
	const unknown = await runCli(['--check', '1.1.6', '--root', root.dir, '--docker-host', nowhere]);
	t.is(unknown.exitCode, 2);
	t.regex(unknown.stderr, /^dockwarden: .*waivers\.json.*unknown key "reson"/);
	t.is(unknown.stderr.trim().split('\n').length, 1);
	root.write('/etc/dockwarden/waivers.json', '{"waivers": [\n  {"id": "1.1.6",}\n]}\n');
	const malformed = await runCli(['--check', '1.1.6', '--root', root.dir, '--docker-host', nowhere]);
	t.is(malformed.exitCode, 2);
	t.regex(malformed.stderr, /line 2/);
	root.remove();
});

test('the TUI\'s waiver is written to the waivers file under --root and the check then reads as waived', async t => {
	const {createSession} = await import('../../source/session.js');
	const root = makeFakeRoot();
	const session = createSession({root: root.dir, dockerHost: nowhere, auditKey: 'docker'});
	t.like(await session.addWaiver('1.1.6', 'watched elsewhere', '2001-01-01'), {ok: false});
	t.like(await session.addWaiver('1.1.13', 'not here', undefined), {ok: false}, 'a SKIP cannot be waived');
	const added = await session.addWaiver('1.1.6', 'watched elsewhere', '2099-06-30');
	t.true(added.ok);
	t.like(added.ok ? added.result : {}, {status: 'waived', waiver: {reason: 'watched elsewhere', expires: '2099-06-30'}});
	const file = JSON.parse(root.read('/etc/dockwarden/waivers.json')!) as {waivers: Array<{id: string; reason: string}>};
	t.like(file.waivers[0], {id: '1.1.6', reason: 'watched elsewhere'});
	root.remove();
});
