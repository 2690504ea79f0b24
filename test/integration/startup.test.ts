import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {startTerminal, type Terminal} from '../helpers/tmux.js';
import {waitForFile} from '../helpers/wait-for-file.js';

// How the built TUI starts, in a real 80x24 terminal: from V8's code cache, with the keys typed meanwhile held.
// The build is copied to a folder of its own, so that its code caches are this file's alone.
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-startup-'));
const cli = path.join(project, 'dist', 'cli.js');
const cache = path.join(project, 'dist', 'app.cjs.tui.cache');
const commandCache = path.join(project, 'dist', 'command.cjs.command.cache');
const nowhere = `unix://${path.join(os.tmpdir(), 'dw-no-daemon.sock')}`;
const unreachable = /Docker unreachable at .*\n[^]*7 {2}Docker Swarm Configuration/;
let terminal: Terminal | undefined;

test.before(() => {
	fs.mkdirSync(path.join(project, 'dist'));
	for (const file of ['dist/cli.js', 'dist/app.cjs', 'dist/command.cjs', 'dist/package.json', 'package.json']) {
		fs.copyFileSync(new URL(`../../${file}`, import.meta.url), path.join(project, file));
	}

	fs.symlinkSync(new URL('../../node_modules', import.meta.url).pathname, path.join(project, 'node_modules'));
});

test.afterEach.always(() => {
	terminal?.kill();
});

test.after.always(() => {
	fs.rmSync(project, {recursive: true, force: true});
});

/** The terminal device of the newest tmux pane this process started. */
function newestPaneTty(): string {
	const panes = execFileSync('tmux', ['list-panes', '-a', '-F', '#{session_name} #{pane_tty}'], {encoding: 'utf8'}).trim().split('\n')
		.map(line => line.split(' '))
		.filter(([session]) => session!.startsWith(`dw-${process.pid}-`))
		.sort(([a], [b]) => Number(a!.split('-').at(-1)) - Number(b!.split('-').at(-1)));
	return panes.at(-1)![1]!;
}

test.serial('the first TUI run writes the code cache, and the TUI started from it draws the same screen', async t => {
	t.false(fs.existsSync(cache));
	terminal = startTerminal(`node ${cli} --docker-host ${nowhere}`);
	const compiled = await terminal.waitFor(unreachable);
	t.true(await waitForFile(cache), 'the cache is written once the first frame is drawn');
	terminal.keys('q');
	await terminal.waitFor(/EXIT=0/);
	terminal.kill();

	const written = fs.statSync(cache).mtimeMs;
	terminal = startTerminal(`node ${cli} --docker-host ${nowhere}`);
	const cached = await terminal.waitFor(unreachable);
	t.is(cached, compiled);
	terminal.keys('j', 'Enter');
	// The checks of section 2, with the version whose ids they are (the newest by default) at the right end of their title.
	await terminal.waitFor(/2 {2}Docker daemon configuration +CIS v1\.8\.0\n/);
	terminal.keys('q');
	await terminal.waitFor(/EXIT=0/);
	t.is(fs.statSync(cache).mtimeMs, written, 'a cache that V8 accepted is not written again');
});

test.serial('keys typed while the TUI loads are neither echoed nor lost', async t => {
	terminal = startTerminal(`node ${cli} --docker-host ${nowhere}`);
	const tty = newestPaneTty();
	let settings = '';
	const deadline = Date.now() + 10_000;
	while (!/-icanon\b.*-echo\b|-echo\b.*-icanon\b/s.test(settings) && Date.now() < deadline) {
		settings = execFileSync('stty', ['-a', '-F', tty], {encoding: 'utf8'});
	}

	t.is(terminal.screen().trim(), '', 'the terminal stops echoing and holds the keys before the first frame (Ink itself would only after it)');
	terminal.keys('j', 'j');
	const screens = [];
	while (!/Docker Swarm Configuration/.test(screens.at(-1) ?? '') && Date.now() < deadline) {
		screens.push(terminal.screen());
	}

	t.false(screens.some(screen => screen.includes('jj')), 'nothing is echoed over the frames');
	const screen = await terminal.waitFor(/› 3 {2}Docker daemon configuration files/);
	t.regex(screen, /^\S+ - /, 'the first line is the banner');
	terminal.keys('q');
	await terminal.waitFor(/EXIT=0/);
});

test.serial('the first frame loads no child_process: nothing before it spawns (scripts/esbuild/dependency-patches.mjs)', async t => {
	// Which of Node.js's own modules were loaded when the TUI first wrote the section list to the terminal.
	const loadedAtFrame = path.join(project, 'loaded-at-frame.json');
	const preload = path.join(project, 'loaded-at-frame.cjs');
	fs.writeFileSync(preload, `const write = process.stdout.write;
process.stdout.write = function (chunk, ...rest) {
	if (String(chunk).includes('Docker Swarm Configuration') && !require('node:fs').existsSync(${JSON.stringify(loadedAtFrame)})) {
		require('node:fs').writeFileSync(${JSON.stringify(loadedAtFrame)}, JSON.stringify(process.moduleLoadList));
	}
	return write.call(this, chunk, ...rest);
};
`);
	terminal = startTerminal(`node --require ${preload} ${cli} --docker-host ${nowhere}`);
	await terminal.waitFor(unreachable);
	terminal.keys('q');
	await terminal.waitFor(/EXIT=0/);
	const loaded = JSON.parse(fs.readFileSync(loadedAtFrame, 'utf8')) as string[];
	t.true(loaded.includes('NativeModule tty'), 'the list is of a TUI\'s first frame');
	t.deepEqual(loaded.filter(name => /^NativeModule (?:child_process|internal\/child_process)$/.test(name)), []);
});

test.serial('a TUI command line that the quick table of hold-keys.ts does not know opens the TUI all the same, from the whole bundle', async t => {
	// --dry-run is not in that table, so dist/cli.js loads dist/command.cjs first, whose parse says TUI.
	terminal = startTerminal(`node ${cli} --docker-host ${nowhere} --dry-run`);
	await terminal.waitFor(unreachable);
	terminal.keys('q');
	await terminal.waitFor(/EXIT=0/);
	t.false(fs.existsSync(commandCache), 'the command bundle ran no command, and wrote no cache');
});

test.serial('without a terminal, the same command line prints the report, and the command cache is written when it exits', async t => {
	const before = fs.statSync(cache).mtimeMs;
	t.false(fs.existsSync(commandCache));
	const result = spawnSync('node', [cli, '--section', '6', '--docker-host', nowhere], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
	t.regex(result.stdout, /^\[\w+ *] 6\.1 - /m, result.stderr);
	t.true(fs.existsSync(commandCache));
	t.is(fs.statSync(cache).mtimeMs, before, 'the TUI\'s cache is left as it was');
	const again = spawnSync('node', [cli, '--section', '6', '--docker-host', nowhere], {encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
	const withoutTimes = (text: string) => text.replace(/ in \d+ ms/g, '');
	t.is(withoutTimes(again.stdout), withoutTimes(result.stdout));
});
