import fs from 'node:fs';
import test from 'ava';
import {runCli, runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {importBusybox, startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {createSession} from '../../source/session.js';

// Real parts: a private dockerd whose daemon.json the fix rewrites and which it restarts for real.
let daemon: PrivateDockerd;
let root: FakeRoot;
const original = '{\n  "log-level": "info",\n  "labels": ["team=platform"]\n}\n';

test.before(async () => {
	daemon = await startPrivateDockerd(original);
	root = makeFakeRoot({mirrors: [daemon.dir]});
	importBusybox(daemon);
	daemon.docker('run', '-d', '--name', 'cis-web', '--network', 'none', '--stop-timeout', '1', 'local/busybox', 'sleep', '600');
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

// The ids below are v1.6.0's (2.9 user namespaces, 2.14 no-new-privileges, 2.15 live restore): the point is the behaviour, not the id.
const common = () => ['--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host, '--restart-command', daemon.restartScript];
const check29 = async () => (await runReport(['--check', '2.9', ...common()])).report.results[0]!;
const securityOptions = () => daemon.docker('info', '--format', '{{json .SecurityOptions}}');

test.serial('2.9 warns and says where it looked', async t => {
	const result = await check29();
	t.is(result.status, 'warn');
	t.true(result.fixable);
	t.true(result.evidence.includes(`userns-remap is set neither in ${daemon.configFile} nor on the dockerd command line; docker info shows no userns`), result.evidence.join('\n'));
});

test.serial('a malformed daemon.json is never overwritten: the fix refuses and says where', async t => {
	const malformed = '{\n  "log-level": "info",\n}\n';
	fs.writeFileSync(daemon.configFile, malformed);
	const {exitCode, stderr} = await runCli(['fix', '2.9', '--yes', ...common()]);
	t.is(exitCode, 6);
	t.regex(stderr, /is not valid JSON .*line 3, column 1/);
	t.is(stderr.trim().split('\n').length, 1, 'one clear line');
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), malformed);
	fs.writeFileSync(daemon.configFile, original);
});

test.serial('the plan shows the diff, the restart command and the impact in this host\'s numbers', async t => {
	const {exitCode, stdout} = await runCli(['fix', '2.9', '--dry-run', ...common()]);
	t.is(exitCode, 0);
	t.true(stdout.includes(`write ${daemon.configFile}`), stdout);
	t.true(stdout.includes('+  "userns-remap": "default"'), stdout);
	t.true(stdout.includes(`restart the Docker daemon: sh -c ${daemon.restartScript}`), stdout);
	t.true(stdout.includes('1 image and 1 container stay under the current data root'), stdout);
	t.true(stdout.includes('the restart stops 1 running container: cis-web'), stdout);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), original);
});

test.serial('a restart command that fails rolls the file back, byte for byte, and the daemon runs', async t => {
	const {exitCode, stderr} = await runCli(['fix', '2.9', '--yes', '--benchmark', '1.6.0', '--root', root.dir, '--docker-host', daemon.host, '--restart-command', 'exit 3']);
	t.is(exitCode, 7);
	t.regex(stderr, /the restart failed: sh -c exit 3 exited with 3; everything it did was rolled back/);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), original);
	await daemon.waitReady();
	t.false(securityOptions().includes('name=userns'));
});

test.serial('a daemon that does not come back is restored and restarted; the engine says what happened', async t => {
	const once = `${daemon.dir}/killed-once`;
	const session = createSession({
		benchmark: '1.6.0',
		root: root.dir,
		dockerHost: daemon.host,
		auditKey: 'docker',
		// The first restart only stops dockerd; the second (the rollback's) starts it again.
		restartCommand: `if [ -e ${once} ]; then ${daemon.restartScript}; else touch ${once}; kill $(cat ${daemon.dir}/docker.pid); while kill -0 $(cat ${daemon.dir}/docker.pid) 2>/dev/null; do sleep 0.1; done; fi`,
		daemonWaitMs: 4000,
	});
	const {outcome} = await session.planFix('2.9');
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	const applied = await session.apply(outcome.plan);
	t.false(applied.ok);
	if (applied.ok) {
		return;
	}

	t.true(applied.rolledBack, applied.log.join('\n'));
	t.regex(applied.error, /did not answer within 4 s/);
	t.true(applied.log.some(line => line.startsWith('rollback: restore')), applied.log.join('\n'));
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), original);
	await daemon.waitReady();
	t.false(securityOptions().includes('name=userns'));
});

test.serial('fix --yes writes userns-remap, keeps every other key, restarts, verifies and journals; 2.9 then passes', async t => {
	const {exitCode, stdout, stderr} = await runCli(['fix', '2.9', '--yes', ...common()]);
	t.is(exitCode, 0, `${stdout}\n${stderr}`);
	t.true(stdout.includes('[PASS] 2.9 - fixed and verified'));
	const config = JSON.parse(fs.readFileSync(daemon.configFile, 'utf8')) as Record<string, unknown>;
	t.deepEqual(config, {'log-level': 'info', labels: ['team=platform'], 'userns-remap': 'default'});
	t.true(securityOptions().includes('name=userns'));

	const [entry] = fs.readdirSync(root.local('/var/lib/dockwarden/journal'));
	const journal = JSON.parse(fs.readFileSync(root.local(`/var/lib/dockwarden/journal/${entry}`), 'utf8')) as {checkIds: string[]; changes: Array<{kind: string; backup?: string}>};
	t.deepEqual(journal.checkIds, ['2.9']);
	const backup = journal.changes.find(change => change.kind === 'write')!.backup!;
	t.is(fs.readFileSync(root.local(backup), 'utf8'), original, 'the backup holds the original bytes');

	const result = await check29();
	t.is(result.status, 'pass');
	t.is(daemon.docker('images', '--quiet'), '', 'the images stay under the old data root, as the impact warned');

	const partition = (await runReport(['--check', '1.1.1', ...common()])).report.results[0]!;
	t.true(partition.evidence[0]!.startsWith(`${daemon.dir}/data (docker info (${daemon.dir}/data/`), 'under userns-remap the Docker root dir is the parent of the remapped one');
});
