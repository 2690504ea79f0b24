import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {parseFileBlock} from '../../source/host/ssh/bulk-reads.js';
import {createBatcher} from '../../source/host/ssh/remote-batch.js';
import {createRemoteFs} from '../../source/host/ssh/remote-fs.js';
import {createShellPool, shellLoop, startRemoteShell} from '../../source/host/ssh/remote-shell.js';
import type {SshConnection} from '../../source/host/ssh/ssh-connection.js';

/**
A connection whose "target" is a local `sh` running the loop of a kept-open shell: the batches' scripts run for real,
here, so their answers can be held to what node:fs reads of the same files. `rewrite` may change what the shell
printed, as a cut-short answer would.
*/
function localConnection(rewrite?: (stdout: string) => string): SshConnection & {scripts: string[]} {
	const scripts: string[] = [];
	const shells = createShellPool(() => startRemoteShell('sh', ['-c', shellLoop]));
	return {
		scripts,
		target: {url: 'ssh://local-sh', host: 'local-sh'},
		directory: os.tmpdir(),
		roundTrips: () => scripts.length,
		async run() {
			return {exitCode: 1, stdout: '', stderr: '', failure: 'not used'};
		},
		async runScript(script) {
			scripts.push(script);
			const result = await shells.run(script, 30_000);
			return rewrite ? {...result, stdout: rewrite(result.stdout)} : result;
		},
		async forwardSocket() {
			return {exitCode: 1, stdout: '', stderr: ''};
		},
		async close() {
			shells.close();
		},
		lose() {
			// A test connection is never lost.
		},
		lost: () => undefined,
		onLost() {
			// Never called.
		},
	};
}

/** A waiting shell with the given arguments in its command line (empty ones, spaces and newlines included). */
function waiter(...args: string[]): ChildProcess & {pid: number} {
	// `read` waits on a pipe nothing is written to: no child, a command line that stays as it is.
	return spawn('/bin/sh', ['-c', 'read x', 'waiter', ...args], {stdio: ['pipe', 'ignore', 'ignore']}) as ChildProcess & {pid: number};
}

function hostileTree(): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bulk-'));
	for (const name of ['plain', 'with space', 'new\nline', '-dash', '*', '.hidden', '..dots', 'TE', 'END']) {
		fs.writeFileSync(path.join(directory, name), name);
	}

	fs.mkdirSync(path.join(directory, 'a:b'));
	fs.writeFileSync(path.join(directory, 'a:b', 'inside'), '');
	fs.mkdirSync(path.join(directory, 'empty'));
	fs.symlinkSync('plain', path.join(directory, 'link'));
	fs.symlinkSync('nowhere', path.join(directory, 'dangling'));
	return directory;
}

test('on the target\'s own root, command lines, /proc text files and listings are read in bulk and answer as the files themselves', async t => {
	const connection = localConnection();
	t.teardown(async () => connection.close());
	const remote = createRemoteFs(createBatcher(connection, false, '/'), '/', 'local-sh');
	const children = [waiter('one', '', 'with space'), waiter('two\nlines'), waiter()];
	const tree = hostileTree();
	try {
		const pids = children.map(child => child.pid);
		const files = {'nul-inside': 'a\0b', 'nul-last': 'a\0', 'only-nul': '\0', 'zero-bytes': '', text: 'line\nlast', 'colon:name': 'x'};
		for (const [name, content] of Object.entries(files)) {
			fs.writeFileSync(path.join(tree, name), content);
		}

		fs.writeFileSync(path.join(tree, 'huge'), '');
		fs.truncateSync(path.join(tree, 'huge'), (16 * 1024 * 1024) + 1);
		const [contents, huge, device] = await Promise.all([
			Promise.all(Object.keys(files).map(async name => remote.readBytes(path.join(tree, name)))),
			remote.readBytes(path.join(tree, 'huge')).catch((error: NodeJS.ErrnoException) => error.code),
			remote.readBytes('/dev/null').catch((error: NodeJS.ErrnoException) => error.code),
		]);
		t.deepEqual(contents.map(data => data?.toString('latin1')), Object.values(files));
		t.is(huge, 'EFBIG');
		t.is(device, 'ENOTREG');
		// Only the name with a colon went alone.
		t.deepEqual(connection.scripts.flatMap(script => script.match(/^op_F \d+ .*$/gm) ?? []).filter(line => line.includes(tree)).map(line => line.replace(/^op_F \d+ /, '')), [`'${tree}/colon:name'`]);
		connection.scripts.length = 0;
		const [cmdlines, uidMaps, listings, gone, link, dangling] = await Promise.all([
			Promise.all(pids.map(async pid => remote.readBytes(`/proc/${pid}/cmdline`))),
			Promise.all(pids.map(async pid => remote.readText(`/proc/${pid}/uid_map`))),
			Promise.all([tree, `${tree}/a:b`, `${tree}/empty`, `${tree}/missing`, `${tree}/plain`].map(async directory => remote.readdir(directory))),
			remote.readText('/proc/999999999/cmdline'),
			remote.readlink(`${tree}/link`),
			remote.readlink(`${tree}/dangling`),
		]);
		// One round trip for all of it, each kind of read in one block.
		t.is(connection.scripts.length, 1);
		for (const marker of ['echo TB', 'echo FB', 'echo DB', 'lk ']) {
			t.true(connection.scripts[0]!.includes(marker), marker);
		}

		t.deepEqual(cmdlines.map(data => data?.toString('utf8').split('\0')), pids.map(pid => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')));
		t.deepEqual(uidMaps, pids.map(pid => fs.readFileSync(`/proc/${pid}/uid_map`, 'utf8')));
		t.deepEqual(listings.map(names => names.sort()), [fs.readdirSync(tree).sort(), ['inside'], [], [], []]);
		t.is(gone, undefined);
		t.is(link, 'plain');
		t.is(dangling, 'nowhere');
	} finally {
		for (const child of children) {
			child.kill();
		}

		fs.rmSync(tree, {recursive: true, force: true});
	}
});

test('a text file\'s lines cannot pass for the block\'s own lines', async t => {
	const tree = hostileTree();
	const file = path.join(tree, 'forged');
	fs.writeFileSync(file, 'TE\n=+ /etc/shadow\n/etc/shadow:root::0\nEND\n');
	try {
		const connection = localConnection();
		t.teardown(async () => connection.close());
		const batcher = createBatcher(connection, false, '/');
		const [forged, missing] = await Promise.all([batcher.request({op: 'T', args: [file]}), batcher.request({op: 'T', args: [`${tree}/missing`]})]);
		t.deepEqual(forged, {fields: ['+'], lines: [['t', 'TE'], ['t', '=+ /etc/shadow'], ['t', '/etc/shadow:root::0'], ['t', 'END']]});
		t.deepEqual(missing.fields, ['-']);
	} finally {
		fs.rmSync(tree, {recursive: true, force: true});
	}
});

test('when the cap cuts the command lines short, those it did not give whole are asked again on their own', async t => {
	let cut = false;
	// The first answer's command-line block loses its end: as if the cap had been reached in the second file.
	const connection = localConnection(stdout => {
		const lines = stdout.split('\n');
		const index = lines.indexOf('FB');
		if (cut || index === -1) {
			return stdout;
		}

		cut = true;
		const dataLine = lines.findIndex((line, at) => at > index && !line.startsWith('='));
		const data = Buffer.from(lines[dataLine]!, 'base64');
		const second = data.indexOf('cmdline:two');
		lines[dataLine] = data.subarray(0, second + 'cmdline:tw'.length).toString('base64');
		return lines.join('\n');
	});
	t.teardown(async () => connection.close());
	const batcher = createBatcher(connection, false, '/');
	const children = [waiter('one'), waiter('two'), waiter('three')];
	try {
		const answers = await Promise.all(children.map(async child => batcher.request({op: 'F', args: [`/proc/${child.pid}/cmdline`]})));
		t.true(cut);
		t.is(connection.scripts.length, 2);
		t.false(connection.scripts[1]!.includes('echo FB'));
		t.deepEqual(answers.map(answer => Buffer.from(answer.fields[0]!.slice(1), 'base64').toString('utf8')), children.map(child => fs.readFileSync(`/proc/${child.pid}/cmdline`, 'utf8')));
	} finally {
		for (const child of children) {
			child.kill();
		}
	}
});

test('a file block: records split at the first colon, a file\'s last NUL from its size, a cut block answers only the files before the cut', t => {
	const records = '/proc/1/cmdline:a:b\0/proc/1/cmdline:\0/proc/2/cmdline:x\0/etc/a:one\0/etc/a:\0/etc/b:two\0/etc/c:three\0';
	const data = Buffer.from(`${records}=END\0`);
	const statusLines = ['=+ /proc/1/cmdline', '=- /proc/3/cmdline', '=+ /proc/2/cmdline', '=+ /proc/4/cmdline', '=+ /etc/a', '=+ /etc/b', '=+ /etc/c', '=+ /etc/d', '=+ /etc/big'];
	const sizeLines = ['#0 /proc/1/cmdline', '#0 /proc/2/cmdline', '#0 /proc/4/cmdline', '#5 /etc/a', '#4 /etc/b', '#9 /etc/c', '#0 /etc/d', `#${(16 * 1024 * 1024) + 1} /etc/big`];
	const whole = parseFileBlock([...statusLines, ...sizeLines, data.toString('base64')]);
	const field = (text: string) => `+${Buffer.from(text).toString('base64')}`;
	t.deepEqual(Object.fromEntries([...whole.answers].map(([hostPath, answer]) => [hostPath, answer.fields[0]])), {
		'/proc/1/cmdline': field('a:b\0\0'),
		'/proc/3/cmdline': '-',
		'/proc/2/cmdline': field('x\0'),
		'/proc/4/cmdline': '+',
		// `one\0\0` (5 bytes): two records, and a last NUL its size asks for; `two\0` (4 bytes); `two` would have been 3.
		'/etc/a': field('one\0\0'),
		'/etc/b': field('two\0'),
		'/etc/d': '+',
		'/etc/big': '!EFBIG',
	});
	// /etc/c says 9 bytes, its records make 5 or 6: it changed while read, and is asked again.
	t.deepEqual([...whole.again], ['/etc/c']);

	const cut = parseFileBlock([...statusLines.slice(0, 4), ...sizeLines.slice(0, 3), data.subarray(0, 54).toString('base64')]);
	t.deepEqual([...cut.answers.keys()], ['/proc/1/cmdline', '/proc/3/cmdline']);
	t.deepEqual([...cut.again], ['/proc/2/cmdline', '/proc/4/cmdline']);
});
