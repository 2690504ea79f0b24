import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {startPrivateDockerd, type PrivateDockerd} from '../../helpers/private-dockerd.js';
import {startTerminal, type Terminal} from '../../helpers/tmux.js';
import {waitForFile} from '../../helpers/wait-for-file.js';
import {buildFloor} from './build-floor.js';

// The bench's floor (readme.md beside this file) is not a test, but what it measures must be what it says: built by
// dockwarden's own build, started as the app starts, asking the real dockerd and auditctl, and drawing a real frame.
let floor: Awaited<ReturnType<typeof buildFloor>>;
let daemon: PrivateDockerd;
let terminal: Terminal | undefined;

test.before(async () => {
	// One after the other, so that whichever fails, what was made before it is removed after.
	floor = await buildFloor();
	daemon = await startPrivateDockerd();
	await daemon.waitReady();
});

test.after.always(async () => {
	terminal?.kill();
	floor?.remove();
	await daemon?.stop();
});

/** The JSON line a floor audit printed: what dockerd and auditctl answered. */
function audit(kind: 'audit' | 'audit-node'): unknown[] {
	const result = spawnSync('node', [floor.cli, kind, '--docker-host', daemon.host], {encoding: 'utf8'});
	if (result.status !== 0) {
		throw new Error(`${kind} exited with ${result.status}: ${result.stderr}`);
	}

	return JSON.parse(result.stdout) as unknown[];
}

test('the audit floors ask dockerd and auditctl what every audit asks, and the first run writes its code cache', t => {
	const first = audit('audit');
	const cache = path.join(path.dirname(floor.cli), 'audit.cjs.command.cache');
	t.true(fs.existsSync(cache), 'the first run wrote its code cache, as the command bundle does');
	const [info, containers, images, rules, status] = audit('audit') as [{ID: string}, unknown[], unknown[], {exitCode: number; stdout: string}, {stdout: string}];
	t.is(info.ID, (first[0] as {ID: string}).ID);
	t.is(info.ID, daemon.docker('info', '--format', '{{.ID}}').trim());
	t.deepEqual([containers, images], [[], []]);
	t.is(rules.exitCode, 0);
	t.regex(status.stdout, /^enabled [012]$/m, 'auditctl -s answered');

	// Other test files may add audit rules meanwhile: the rules are not compared, the status is read again.
	const [nodeInfo, nodeContainers, nodeImages, , nodeStatus] = audit('audit-node') as [{ID: string}, unknown[], unknown[], string, string];
	t.is(nodeInfo.ID, info.ID);
	t.deepEqual([nodeContainers, nodeImages], [[], []]);
	t.regex(nodeStatus, /^enabled [012]$/m);
});

test('the frame floor draws the seven section titles with Ink, and writes its code cache once it has', async t => {
	terminal = startTerminal(`node ${floor.cli} frame`);
	const screen = await terminal.waitFor(/│Docker Swarm Configuration +│/);
	t.regex(screen, /^╭─+╮\n│Host Configuration +│$/m);
	// The cache is written just after the first frame (source/startup/load-app.ts).
	t.true(await waitForFile(path.join(path.dirname(floor.cli), 'frame.cjs.tui.cache')));
	terminal.keys('q');
	await terminal.waitFor(/EXIT=0/);
});
