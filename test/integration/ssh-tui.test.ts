import {execFileSync} from 'node:child_process';
import test from 'ava';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {startSshd, type SshUser, type TestSshd} from '../helpers/sshd.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

// The TUI on this machine, the facts from a host reached over SSH: the built app in a real 80x24 terminal (tmux), the
// test's own sshd on 127.0.0.1 and a test user with passwordless sudo, a private dockerd whose daemon.json lives in a
// fake host tree on the target.
let sshd: TestSshd;
let user: SshUser;
let daemon: PrivateDockerd;
let root: FakeRoot;
let terminal: Terminal | undefined;
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

test.before(async () => {
	sshd = await startSshd();
	user = sshd.addUser({sudo: true, docker: true});
	daemon = await startPrivateDockerd('{\n\t"labels": ["tui=remote"]\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	terminal?.kill();
	await sshd?.stop();
	await daemon?.stop();
	root?.remove();
});

test.serial('dockwarden --host ssh://… opens the TUI naming the remote host, runs a section, shows a WARN with the target\'s evidence, and quits cleanly', async t => {
	t.timeout(300_000);
	terminal = startTerminal(`env DOCKWARDEN_SSH_CONFIG=${sshd.clientConfig} node ${cli} --benchmark 1.6.0 --host ${user.url} --root ${root.dir} --docker-host ${daemon.host}`, {columns: 200, rows: 40});
	// The header names how the host was reached and what it says of itself (the fake tree's /etc/hostname), then its Docker.
	const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const header = await terminal.waitFor(new RegExp(`^${escaped(user.url)}: fakehost \\(root ${escaped(root.dir)}\\) - Docker \\d\\S* at ${escaped(daemon.host)} +CIS v1\\.6\\.0$`, 'm'), 60_000);
	t.regex(header, /7 {2}Docker Swarm Configuration/);

	// Section 2 run on its own: its counts fill in, the other sections stay unrun.
	terminal.keys('j', 'r');
	const counted = await terminal.waitFor(/2 {2}Docker daemon configuration +\d+ pass +\d+ warn/, 60_000);
	t.regex(counted, /1 {2}Host Configuration +20 checks/);
	terminal.keys('Enter');
	await terminal.waitFor(/\[WARN] 2\.15 +Ensure live restore is enabled/, 30_000);
	terminal.keys(...Array.from({length: 14}, () => 'j'), 'Enter');
	// The evidence is the target's: the daemon.json of the private dockerd, read over SSH.
	const detail = await terminal.waitFor(/Rationale/, 30_000);
	t.true(detail.includes(`live-restore is set neither in ${daemon.configFile} nor on the dockerd command line`), detail);
	t.regex(detail, /\[WARN] Live restore is not enabled/);

	terminal.keys('q');
	const after = await terminal.waitFor(/EXIT=\d+/, 30_000);
	t.regex(after, /EXIT=0/);
	t.notRegex(after, /Error|at .*\.js/);
	// The master connection went with the TUI: no ssh client of this user is left running.
	let left = '';
	try {
		left = execFileSync('pgrep', ['-af', `ssh .*-l ${user.name} `], {encoding: 'utf8'});
	} catch {}

	t.is(left, '');
});
