import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {startSshd, type SshUser, type TestSshd} from '../helpers/sshd.js';

// examples/fleet-audit.yml for real: Debian's ansible-core runs it against an inventory of two host names that both
// reach the test's own sshd on 127.0.0.1, as a test user with passwordless sudo (become). Each "host" runs the
// dockwarden built in this worktree (it is installed there: the target is this machine) against a private dockerd whose
// daemon.json lives in a fake host tree; the play fetches both reports and summarizes them on the control node.
let sshd: TestSshd;
let user: SshUser;
let daemon: PrivateDockerd;
let root: FakeRoot;
let work: string;

test.before(async () => {
	sshd = await startSshd();
	user = sshd.addUser({sudo: true, docker: true});
	daemon = await startPrivateDockerd('{\n\t"labels": ["ansible=test"]\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-ansible-'));
});

test.after.always(async () => {
	await sshd?.stop();
	await daemon?.stop();
	root?.remove();
	if (work) {
		fs.rmSync(work, {recursive: true, force: true});
	}
});

type Report = {host: {hostname: string; root: string}; results: Array<{id: string; status: string}>};

test('ansible-playbook runs examples/fleet-audit.yml on two inventory names, fetches both reports and summarizes them', async t => {
	t.timeout(600_000);
	const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
	const playbook = new URL('../../examples/fleet-audit.yml', import.meta.url).pathname;
	const inventory = path.join(work, 'inventory.ini');
	fs.writeFileSync(inventory, [
		'[docker_hosts]',
		'web-1 ansible_host=127.0.0.1',
		'web-2 ansible_host=127.0.0.1',
		'',
		'[docker_hosts:vars]',
		`ansible_port=${sshd.port}`,
		`ansible_user=${user.name}`,
		// The test's key and known_hosts (which holds the test sshd's host key): nothing of ~/.ssh.
		`ansible_ssh_common_args='-F ${sshd.clientConfig}'`,
		'ansible_python_interpreter=/usr/bin/python3',
		'',
	].join('\n'));
	const reports = path.join(work, 'reports');
	const variables = {
		dockwarden: `node ${cli}`,
		// --root and --docker-host name the fake tree and the private dockerd on the "host".
		dockwarden_args: `--benchmark 1.6.0 --root ${root.dir} --docker-host ${daemon.host}`,
		dockwarden_local: `node ${cli}`,
		reports_dir: reports,
	};
	const run = await execa('ansible-playbook', ['-i', inventory, '-e', JSON.stringify(variables), playbook], {
		reject: false,
		cwd: work,
		stdin: 'ignore',
		timeout: 540_000,
		// Ansible's own state (temporary files, control sockets) in the test's directory, not in ~/.ansible.
		env: {ANSIBLE_HOME: path.join(work, 'ansible'), ANSIBLE_LOCAL_TEMP: path.join(work, 'ansible', 'tmp'), ANSIBLE_SSH_CONTROL_PATH_DIR: path.join(work, 'ansible', 'cp'), ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0'},
	});
	const output = `${String(run.stdout)}\n${String(run.stderr)}`;
	t.is(run.exitCode, 0, output);
	t.regex(output, /web-1 +: ok=\d+ +changed=\d+ +unreachable=0 +failed=0/);
	t.regex(output, /web-2 +: ok=\d+ +changed=\d+ +unreachable=0 +failed=0/);

	t.deepEqual(fs.readdirSync(reports).sort(), ['web-1.json', 'web-2.json']);
	for (const name of ['web-1.json', 'web-2.json']) {
		const report = JSON.parse(fs.readFileSync(path.join(reports, name), 'utf8')) as Report;
		t.is(report.results.length, 117, name);
		t.is(report.host.hostname, 'fakehost', name);
		t.is(report.host.root, root.dir, name);
		// The private dockerd was reached: its labels' daemon.json made 2.15 (live-restore) a WARN, not an error.
		t.is(report.results.find(result => result.id === '2.15')?.status, 'warn', name);
	}

	// The summary the play shows: the table of dockwarden summarize, one row per fetched report and the totals.
	const table = [...output.matchAll(/"((?:fakehost|total|host) [^"]*)"/g)].map(match => match[1]!);
	t.is(table.filter(line => line.startsWith('fakehost')).length, 2, output);
	t.true(table.some(line => /^host +1 +2 +3 +4 +5 +6 +7 +total$/.test(line)), output);
	t.true(table.some(line => /^total +\d+/.test(line)), output);
});
