import fs from 'node:fs';
import path from 'node:path';
import {execFileSync} from 'node:child_process';
import test from 'ava';
import {deleteRulesWithKey, uniqueAuditKey} from '../helpers/audit-key.js';
import {runReport} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// Real parts: a private dockerd whose daemon.json lives in its own directory, auditd and the kernel audit system, ausearch.
let daemon: PrivateDockerd;
let root: FakeRoot;
const key = uniqueAuditKey();

test.before(async () => {
	execFileSync('sh', ['-c', 'pgrep -x auditd >/dev/null || auditd']);
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	deleteRulesWithKey(key);
	await daemon?.stop();
	root?.remove();
});

test('a passing 1.1.11 shows the recent events of its rule, read with ausearch', async t => {
	// On the file itself, writes only: dockerd busy in its own directory, and dockwarden reading daemon.json, make no events.
	const daemonJson = path.join(daemon.dir, 'daemon.json');
	t.true(fs.existsSync(daemonJson), `${daemonJson} is the private dockerd's config file`);
	const rule = `-w ${daemonJson} -p wa -k ${key}`;
	execFileSync('auditctl', rule.split(' '));
	root.write('/etc/audit/rules.d/docker.rules', `${rule}\n`);

	execFileSync('cat', [daemonJson], {stdio: 'ignore'});
	execFileSync('touch', [daemonJson]);
	// auditd writes the log asynchronously: wait until ausearch sees the touch.
	for (let attempt = 0; attempt < 20; attempt++) {
		try {
			if (execFileSync('ausearch', ['-k', key, '-i'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']}).includes('comm=touch')) {
				break;
			}
		} catch {}

		await new Promise(resolve => {
			setTimeout(resolve, 250);
		});
	}

	const {report} = await runReport(['--check', '1.1.11', '--root', root.dir, '--docker-host', daemon.host]);
	const result = report.results[0]!;
	t.is(result.status, 'pass', result.evidence.join('\n'));
	const heading = result.evidence.findIndex(line => new RegExp(`^recent events \\(\\S*ausearch -k ${key} -i --start recent\\): [1-9]\\d*$`).test(line));
	t.true(heading >= 0, result.evidence.join('\n'));
	const events = result.evidence.slice(heading + 1);
	t.true(events.length > 0 && events.length <= 3, result.evidence.join('\n'));
	t.true(events.some(line => /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}\S*\/(touch|cat) {2}by \S+ {2}syscall=\w+/.test(line)), events.join('\n'));
});

test('prove it: dockerd --version is run, and the event it makes is found with ausearch', async t => {
	const {createSession} = await import('../../source/session.js');
	const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());
	const proveKey = uniqueAuditKey();
	const rule = `-w ${dockerd} -k ${proveKey}`;
	execFileSync('auditctl', rule.split(' '));
	root.write(dockerd, '', 0o755);
	root.write('/etc/audit/rules.d/docker.rules', `${rule}\n`);
	try {
		const session = createSession({root: root.dir, dockerHost: daemon.host, auditKey: proveKey});
		const outcome = await session.proveAudit('1.1.3');
		t.true(outcome.ok, JSON.stringify(outcome));
		if (outcome.ok) {
			t.is(outcome.touched, `${dockerd} --version`);
			t.truthy(outcome.event, outcome.why);
			t.regex(outcome.event?.program ?? '', /dockerd/);
			t.regex(outcome.command, new RegExp(`ausearch -k ${proveKey} -i`));
		}
	} finally {
		deleteRulesWithKey(proveKey);
	}
});
