import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import type {DaemonFacts} from '../../source/model/facts.js';
import {gatherPartition} from '../../source/host/partition.js';
import {createRootFs} from '../../source/host/root-fs.js';

const daemonWith = (dataRoot: string): DaemonFacts => ({processNote: 'not proven: a test', flags: {'data-root': dataRoot}, configFile: {state: 'absent', path: '/etc/docker/daemon.json'}});
const unreachable = {reachable: false as const, host: 'unix:///nonexistent.sock', error: 'not asked'};

test('the mount point of the Docker root dir is the one the kernel names, every directory above it looked at together', async t => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-partition-'));
	t.teardown(() => fs.rmSync(dir, {recursive: true, force: true}));
	const dataRoot = path.join(dir, 'a', 'b', 'docker');
	fs.mkdirSync(dataRoot, {recursive: true});
	const partition = await gatherPartition(createRootFs('/'), daemonWith(dataRoot), unreachable);
	t.true(partition.exists);
	t.is(partition.exists ? partition.mountPoint : undefined, execFileSync('stat', ['-c', '%m', dataRoot], {encoding: 'utf8'}).trim());
	// /proc is a mount of its own: a directory in it stops the walk at /proc.
	const inProc = await gatherPartition(createRootFs('/'), daemonWith('/proc/self/fd'), unreachable);
	t.is(inProc.exists ? inProc.mountPoint : undefined, '/proc');
});
