import fs from 'node:fs';
import {execFileSync} from 'node:child_process';
import test from 'ava';
import {deleteRulesWithKey, liveRulesWithKey, uniqueAuditKey} from '../helpers/audit-key.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {startTerminal, type Terminal} from '../helpers/tmux.js';

// The guided loop as an operator lives it: the built app in a real 80x24 terminal, a private dockerd, the real audit system.
let daemon: PrivateDockerd;
let root: FakeRoot;
let terminal: Terminal | undefined;
const key = uniqueAuditKey();
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir], binaries: [dockerd]});
});

test.afterEach.always(() => {
	terminal?.kill();
});

test.after.always(async () => {
	deleteRulesWithKey(key);
	await daemon?.stop();
	root?.remove();
});

const summaryFile = () => `${root.dir}/../${key}-summary.md`;
const app = () => startTerminal(`node ${cli} --root ${root.dir} --docker-host ${daemon.host} --audit-key ${key} --summary ${summaryFile()}`);

test.serial('run everything, open a WARN, read why, cancel the fix, apply it, and see PASS', async t => {
	terminal = app();
	const sections = await terminal.waitFor(/7 {2}Docker Swarm Configuration/);
	t.regex(sections, /1 {2}Host Configuration/);
	t.true(sections.trimEnd().split('\n').length <= 23, 'the frame keeps to rows - 1');

	terminal.keys('a');
	await terminal.waitFor(/1 {2}Host Configuration +\d+ pass +\d+ warn/);
	terminal.keys('Enter');
	await terminal.waitFor(/\[WARN] 1\.1\.3 +Ensure auditing is configured for the Docker daemon/);
	terminal.keys('j', 'j', 'Enter');
	const detail = await terminal.waitFor(/Rationale/);
	t.true(detail.includes(`no audit rule watches ${dockerd} (live: none;`), detail);

	terminal.keys('f');
	const confirm = await terminal.waitFor(/Apply\? \[y\/N]/);
	t.regex(confirm, new RegExp(`run: \\S*auditctl -w ${dockerd} -k ${key}`));
	t.true(confirm.includes(`+-w ${dockerd} -k ${key}`));
	terminal.keys('n');
	await terminal.waitFor(/nothing was written/i);
	t.deepEqual(liveRulesWithKey(key), []);
	t.false(fs.existsSync(root.local('/etc/audit/rules.d/docker.rules')));

	terminal.keys('f');
	await terminal.waitFor(/Apply\? \[y\/N]/);
	terminal.keys('y');
	await terminal.waitFor(/\[PASS] 1\.1\.3/);
	t.is(liveRulesWithKey(key).length, 1);
	terminal.keys('Enter');
	await terminal.waitFor(/\[PASS] .*is watched, live and persisted/);
	terminal.keys('q');
	const after = await terminal.waitFor(/EXIT=0/);
	t.regex(after, /dockwarden session summary/, 'the session changed the host: the summary is printed on quit');
	t.regex(after, /WARN → PASS \(1\)\s+1\.1\.3 - Ensure auditing is configured for the Docker daemon/);
	const markdown = fs.readFileSync(summaryFile(), 'utf8');
	t.regex(markdown, /^# dockwarden session summary/);
	t.regex(markdown, /## Fixes applied \(1\)\n\n- 1\.1\.3: Watch /);
	fs.rmSync(summaryFile());
});

test.serial('ctrl+c quits with 130 and leaves the terminal usable', async t => {
	terminal = app();
	await terminal.waitFor(/Docker Swarm Configuration/);
	terminal.keys('a', 'C-c');
	const screen = await terminal.waitFor(/EXIT=130/);
	t.notRegex(screen, /Error|at .*\.js/);
});
