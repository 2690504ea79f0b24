import {execFileSync} from 'node:child_process';
import test from 'ava';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {startSshd, type SshUser, type TestSshd} from '../helpers/sshd.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

// The fleet's host list for real: the built app in a real 80x24 terminal (tmux), three --host names: two that reach the
// test's own sshd on 127.0.0.1 (as 127.0.0.1 and as localhost), a test user with passwordless sudo and a private dockerd
// whose daemon.json lives in a fake host tree, and one port where nothing listens.
let sshd: TestSshd;
let user: SshUser;
let daemon: PrivateDockerd;
let root: FakeRoot;
let terminal: Terminal | undefined;
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

test.before(async () => {
	sshd = await startSshd();
	user = sshd.addUser({sudo: true, docker: true});
	daemon = await startPrivateDockerd('{\n\t"labels": ["tui=fleet"]\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	terminal?.kill();
	await sshd?.stop();
	await daemon?.stop();
	root?.remove();
});

test.serial('several --host open the host list: two names audited with their WARNs per section, one unreachable with why; enter drills into a host, esc comes back, q quits', async t => {
	t.timeout(600_000);
	const second = `ssh://${user.name}@localhost:${sshd.port}`;
	const unreachable = `ssh://${user.name}@127.0.0.1:1`;
	terminal = startTerminal(`env DOCKWARDEN_SSH_CONFIG=${sshd.clientConfig} node ${cli} --host ${user.url} --host ${unreachable} --host ${second} --root ${root.dir} --docker-host ${daemon.host}`, {columns: 80, rows: 24});
	const escaped = (text: string) => text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const row = (screen: string, url: string) => screen.split('\n').find(line => line.includes(url.slice(0, 30))) ?? '';

	// The list fills in; the unreachable name does not stop the two others.
	const list = await terminal.waitFor(/Fleet of 3 hosts over SSH - 2 audited, 1 not audited/, 300_000);
	t.regex(list, /host +reachable +1 +2 +3 +4 +5 +6 +7 +WARN/);
	t.regex(row(list, user.url), /yes +\d+ +\d+ +\d+ +\d+ +\d+ +\d+ +\d+ +\d+$/);
	t.regex(row(list, second), /yes +\d+ +\d+ +\d+ +\d+ +\d+ +\d+ +\d+ +\d+$/);
	t.regex(row(list, unreachable), /no: cannot r… +- +-/);
	// Both names reach the same host: the same WARN counts.
	t.is(row(list, user.url).replace(/^.*yes/, ''), row(list, second).replace(/^.*yes/, ''));
	t.true(list.split('\n').every(line => line.length <= 80));

	// The unreachable one says why, in full, under the list.
	terminal.keys('j');
	const why = await terminal.waitFor(/not audited: /, 30_000);
	t.regex(why.replaceAll(/\s+/g, ' '), new RegExp(`${escaped(unreachable)}: not audited: cannot reach 127\\.0\\.0\\.1`));

	// enter on the first: that host's sections, with the audit's counts, nothing run again.
	terminal.keys('k', 'Enter');
	const sections = await terminal.waitFor(new RegExp(`^${escaped(user.url)}: fakehost`, 'm'), 60_000);
	t.regex(sections, /2 {2}Docker daemon configuration +\d+ pass +\d+ warn/);
	t.regex(sections, /esc hosts/);
	t.notRegex(sections, /\d+\/\d+ checks/);

	// esc: the list again, as it was.
	terminal.keys('Escape');
	const back = await terminal.waitFor(/Fleet of 3 hosts over SSH/, 30_000);
	t.is(row(back, user.url).replace(/^.*yes/, ''), row(list, user.url).replace(/^.*yes/, ''));

	// The second name, through its own session.
	terminal.keys('j', 'j', 'Enter');
	await terminal.waitFor(new RegExp(`^${escaped(second)}: fakehost`, 'm'), 60_000);
	terminal.keys('q');
	const after = await terminal.waitFor(/EXIT=\d+/, 30_000);
	t.regex(after, /EXIT=0/);
	t.notRegex(after, /Error|at .*\.js/);
	// Every master connection went with the TUI: no ssh client of this user is left running.
	let left = '';
	try {
		left = execFileSync('pgrep', ['-af', `ssh .*-l ${user.name} `], {encoding: 'utf8'});
	} catch {}

	t.is(left, '');
});
