import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {bundleBuild, codeCacheHeader, readCodeCache, writeCodeCache} from '../../source/startup/code-cache.js';
import {firstFrameDrawn, onFirstFrame} from '../../source/startup/first-frame.js';
import {opensTui} from '../../source/startup/hold-keys.js';

test('opensTui guesses the TUI only for terminals, without CI, and with TUI flags only', t => {
	const terminal = {};
	t.true(opensTui([], terminal, true));
	t.true(opensTui(['--root', '/host', '--docker-host=unix:///x.sock', '--check', '1.1.3', '--no-color', '--demo'], terminal, true));
	t.false(opensTui([], terminal, false));
	t.false(opensTui([], {CI: 'true'}, true));
	for (const argv of [['--json'], ['--format', 'text'], ['--output', 'report.txt'], ['fix', '1.1.3'], ['undo'], ['journal'], ['summarize', 'a.json'], ['--help'], ['--version'], ['--no-color=yes'], ['--unknown'], ['--']]) {
		t.false(opensTui(argv, terminal, true), argv.join(' '));
	}

	// A value that looks like a command is the value of its flag.
	t.true(opensTui(['--root', 'fix'], terminal, true));
});

function temporaryDirectory(t: {teardown(callback: () => void): void}): string {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-code-cache-'));
	t.teardown(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});
	return directory;
}

test('a code cache is read back only for the build of the bundle and the Node.js it was written for', t => {
	const directory = temporaryDirectory(t);
	const bundle = Buffer.from('(function (exports, require, module, __filename, __dirname) { // dockwarden build 0123456789abcdef\n})\n');
	t.is(bundleBuild(bundle), '0123456789abcdef');
	t.is(bundleBuild(Buffer.from('(function () {\n})\n')), undefined);
	const header = codeCacheHeader('0123456789abcdef');
	t.true(header.includes(process.version));
	const cache = path.join(directory, 'app.cjs.tui.cache');
	writeCodeCache(cache, header, Buffer.from('compiled'));
	t.deepEqual(fs.readdirSync(directory), ['app.cjs.tui.cache']);
	t.is(readCodeCache(cache, header, process.getuid!())?.toString(), 'compiled');
	t.is(readCodeCache(cache, codeCacheHeader('fedcba9876543210'), process.getuid!()), undefined);
	t.is(readCodeCache(path.join(directory, 'missing.cache'), header, process.getuid!()), undefined);
});

test('a code cache that someone else could have written is not used', t => {
	const directory = temporaryDirectory(t);
	const cache = path.join(directory, 'app.cjs.cache');
	const header = 'header\n';
	writeCodeCache(cache, header, Buffer.from('compiled'));
	fs.chmodSync(cache, 0o666);
	t.is(readCodeCache(cache, header, process.getuid!()), undefined);
	fs.chmodSync(cache, 0o644);
	t.is(readCodeCache(cache, header, process.getuid!())?.toString(), 'compiled');
	if (process.getuid!() === 0) {
		fs.chownSync(cache, 65_534, 65_534);
		t.is(readCodeCache(cache, header, 0), undefined, 'owned by nobody, for a bundle of root');
		t.is(readCodeCache(cache, header, 65_534)?.toString(), 'compiled', 'owned by the owner of the bundle');
	}
});

test('writing a code cache where it cannot be written leaves nothing behind and throws nothing', t => {
	const directory = temporaryDirectory(t);
	t.notThrows(() => {
		writeCodeCache(path.join(directory, 'absent', 'app.cjs.cache'), 'header\n', Buffer.from('compiled'));
	});
	t.deepEqual(fs.readdirSync(directory), []);
});

test('onFirstFrame runs its callbacks once the first frame is drawn, and at once after that', t => {
	const calls: string[] = [];
	onFirstFrame(() => calls.push('before'));
	t.deepEqual(calls, []);
	firstFrameDrawn();
	firstFrameDrawn();
	t.deepEqual(calls, ['before']);
	onFirstFrame(() => calls.push('after'));
	t.deepEqual(calls, ['before', 'after']);
});
