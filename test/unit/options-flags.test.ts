import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {exitCodes} from '../../source/exit-codes.js';
import {flagNames, helpOutput, helpText, parseOptions, type Options} from '../../source/options.js';
import {endsInTui} from '../../source/main.js';
import {opensTui} from '../../source/startup/hold-keys.js';

// How the command line is read (source/flags.ts, through parseOptions): the names, forms and errors meow used to give.
const packageJson = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string; description: string};

function parse(argv: readonly string[], isTty = false): Options {
	const parsed = parseOptions(argv, {}, isTty);
	if ('message' in parsed || 'print' in parsed) {
		throw new Error(`${argv.join(' ')}: ${JSON.stringify(parsed)}`);
	}

	return parsed;
}

/** The one-line usage error of argv. */
function usageError(argv: readonly string[]): string {
	const parsed = parseOptions(argv, {}, false);
	if (!('message' in parsed) || parsed.code !== exitCodes.usage) {
		throw new Error(`${argv.join(' ')} is not a usage error: ${'checks' in parsed ? `mode ${parsed.mode}` : JSON.stringify(parsed)}`);
	}

	return parsed.message;
}

function ids(options: Options): string[] {
	return options.checks.map(check => check.id);
}

test('kebab-case flags fill the camelCase options, and the defaults are meow\'s', t => {
	t.like(parse([]), {failOn: 'warn', auditKey: 'docker', restartTimeoutMs: 90_000, root: '/', dryRun: false, yes: false, force: false, color: true, demo: false, readOnly: false, restartCommand: undefined});
	const parsed = parse(['--fail-on', 'note', '--docker-host', 'unix:///x.sock', '--audit-key', 'dw1', '--restart-command', 'systemctl restart docker', '--restart-timeout', '30', '--dry-run', '--read-only', '--yes', '--force']);
	t.like(parsed, {failOn: 'note', dockerHost: 'unix:///x.sock', auditKey: 'dw1', restartCommand: 'systemctl restart docker', restartTimeoutMs: 30_000, dryRun: true, readOnly: true, yes: true, force: true});
});

test('--flag=value reads as --flag value', t => {
	const apart = parse(['--format', 'sarif', '--output', '/tmp/r.sarif', '--fail-on', 'none', '--check', '1.1.3', '--level', '1', '--restart-timeout', '5', '--benchmark', '1.7.0', '--audit-key', 'k']);
	const joined = parse(['--format=sarif', '--output=/tmp/r.sarif', '--fail-on=none', '--check=1.1.3', '--level=1', '--restart-timeout=5', '--benchmark=1.7.0', '--audit-key=k']);
	t.deepEqual(joined, apart);
	t.like(joined, {format: 'sarif', output: '/tmp/r.sarif', failOn: 'none', restartTimeoutMs: 5000, benchmark: '1.7.0', auditKey: 'k'});
	// A value may start with a dash when it is joined to its flag.
	t.regex(usageError(['--audit-key=-dash']), /^--audit-key: the audit key/);
});

test('--check, --section, --exclude and --host may be given again: every value counts, with commas too', t => {
	t.deepEqual(ids(parse(['--check', '1.1.3', '--check=2.10,1.1.4'])), ['1.1.3', '1.1.4', '2.10']);
	t.deepEqual([...new Set(parse(['--section', '6', '--section=7']).checks.map(check => check.section))], ['6', '7']);
	t.false(ids(parse(['--section', '1', '--exclude', '1.1', '--exclude=1.2.2'])).some(id => id.startsWith('1.1.') || id === '1.2.2'));
	const {hosts} = parse(['--host', 'ssh://ops@h1', '--host=ssh://h2:2222', '--json']);
	t.deepEqual(hosts.map(host => [host.user, host.host, host.port]), [['ops', 'h1', undefined], [undefined, 'h2', 2222]]);
});

test('a switch is turned off with --no-NAME, the last of --color and --no-color wins, and =true or =false is read as meow read it', t => {
	t.false(parse(['--no-color']).color);
	t.false(parse(['--color', '--no-color']).color);
	t.true(parse(['--no-color', '--color']).color);
	t.like(parse(['--json', '--no-json']), {format: 'text'});
	t.like(parse(['--dry-run', '--no-dry-run', '--read-only', '--no-read-only']), {dryRun: false, readOnly: false});
	t.like(parse(['--json=true', '--color=false']), {format: 'json', color: false});
});

test('--level and --restart-timeout are numbers; a value that is not one is a usage error', t => {
	t.true(parse(['--level', '1']).checks.every(check => check.level === 1));
	t.true(parse(['--level=2']).checks.some(check => check.level === 2));
	t.is(parse(['--restart-timeout', '2.5']).restartTimeoutMs, 2500);
	for (const argv of [['--level', 'abc'], ['--level=abc'], ['--level='], ['--level', '3'], ['--level', '-1']]) {
		t.is(usageError(argv), '--level takes 1 or 2', argv.join(' '));
	}

	for (const argv of [['--restart-timeout', 'abc'], ['--restart-timeout='], ['--restart-timeout', '0'], ['--restart-timeout', '-5']]) {
		t.is(usageError(argv), '--restart-timeout takes a number of seconds above 0, e.g. 90', argv.join(' '));
	}
});

test('an unknown flag is a usage error that names it, all of them at once; camelCase and short flags are unknown', t => {
	t.is(usageError(['--bogus']), 'unknown flag --bogus: see dockwarden --help');
	t.is(usageError(['--json', '--bogus=1', '--other']), 'unknown flags --bogus, --other: see dockwarden --help');
	t.is(usageError(['-h']), 'unknown flag -h: see dockwarden --help');
	t.is(usageError(['--dryRun']), 'unknown flag --dryRun: see dockwarden --help');
	// Only a switch has a --no- form.
	t.is(usageError(['--no-root']), 'unknown flag --no-root: see dockwarden --help');
	// After --, everything is an argument, not a flag.
	t.like(parse(['--', 'fix', '1.1.3']), {mode: 'fix', fixIds: ['1.1.3']});
});

test('a switch given a value, a missing value and a flag of one value given twice are usage errors of one line', t => {
	t.is(usageError(['--json=1']), '--json is a switch: give --json or --no-json, not --json=1');
	t.is(usageError(['--yes=no']), '--yes is a switch: give --yes or --no-yes, not --yes=no');
	t.is(usageError(['--no-json=1']), '--no-json takes no value');
	t.is(usageError(['--root']), '--root takes a value');
	t.is(usageError(['--check', '--json']), '--check takes a value: --json looks like a flag (give a value that starts with a dash as --check=--json)');
	t.is(usageError(['--format', 'json', '--format=text']), '--format is given more than once: give it once');
	t.is(usageError(['--level', '1', '--level', '2']), '--level is given more than once: give it once');
	for (const argv of [['--json=1'], ['--root'], ['--format', 'json', '--format', 'text'], ['--bogus', '--other']]) {
		t.false(usageError(argv).includes('\n'), argv.join(' '));
	}
});

test('commands and their arguments are read around the flags', t => {
	t.like(parse(['fix', '1.1.3,1.1.4', '--dry-run']), {mode: 'fix', fixIds: ['1.1.3', '1.1.4'], dryRun: true});
	t.like(parse(['--yes', 'fix', '1.1.3']), {mode: 'fix', fixIds: ['1.1.3'], yes: true});
	t.like(parse(['undo', '3', '--force']), {mode: 'undo', undoEntry: '3', force: true});
	t.like(parse(['journal']), {mode: 'journal'});
	t.like(parse(['summarize', 'a.json', '--fail-on', 'note', 'b.json']), {mode: 'summarize', reportFiles: ['a.json', 'b.json'], failOn: 'note'});
	t.regex(usageError(['frobnicate']), /^unknown command "frobnicate"/);
});

test('--help and --version give what to print, wherever they are on the command line', t => {
	t.deepEqual(parseOptions(['--help'], {}, false), {print: helpOutput(packageJson.description)});
	t.deepEqual(parseOptions(['fix', '1.1.3', '--yes', '--help'], {}, false), {print: helpOutput(packageJson.description)});
	t.deepEqual(parseOptions(['--version'], {}, false), {print: `${packageJson.version}\n`});
	t.deepEqual(parseOptions(['--json', '--version'], {}, false), {print: `${packageJson.version}\n`});
	// An unknown flag is still an error.
	t.is(usageError(['--help', '--bogus']), 'unknown flag --bogus: see dockwarden --help');
});

test('the help is printed as meow printed it: the description, then the help text moved two spaces in, then a blank line', t => {
	const help = helpOutput('Audit a Docker host');
	t.true(help.startsWith('\n  Audit a Docker host\n\n  Usage\n    $ dockwarden                     open the TUI'));
	t.true(help.endsWith('    8 another dockwarden is changing the host   13 refused: read-only mode   130 interrupted\n\n'));
	t.true(help.includes('\n\n  Options\n    --json                 same as --format json\n'));
	t.false(help.includes('\t'));
	t.is(help.split('\n').length, helpText.split('\n').length + 3);
	t.true(helpOutput('').startsWith('\n  Usage\n'));
});

test('every flag is in the help', t => {
	t.true(flagNames.includes('--fail-on') && flagNames.includes('--read-only'));
	for (const flag of flagNames) {
		t.true(helpText.includes(flag) || helpText.includes(flag.replace(/^--/, '--no-')), flag);
	}
});

test('a command line that opensTui takes for the TUI is one that parseOptions opens the TUI for', t => {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-options-'));
	t.teardown(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});
	for (const argv of [
		[],
		['--root', root, '--docker-host=unix:///x.sock', '--check', '1.1.3', '--no-color', '--section=1', '--exclude', '1.1.1'],
		['--level', '1', '--waivers', '/tmp/w.json', '--summary=/tmp/s.md', '--audit-key', 'k', '--restart-command', 'true', '--restart-timeout', '5', '--fail-on', 'note', '--color'],
		['--demo'],
		['--read-only', '--benchmark', '1.6.0', '--host', 'ssh://ops@db1.example'],
		['--host=ssh://ops@db1.example', '--host', 'ssh://ops@db2.example:2222', '--no-read-only'],
	]) {
		t.true(opensTui(argv, {}, true), argv.join(' '));
		t.is(parse(argv, true).mode, 'tui', argv.join(' '));
	}
});

test('endsInTui says which command lines end in a TUI, as main routes them: dist/cli.js loads the bundle with the TUI for those', t => {
	const tui = [[], ['--dry-run'], ['--yes', '--force'], ['--demo'], ['--demo', '--dry-run'], ['--host', 'ssh://ops@db1.example', '--host', 'ssh://ops@db2.example']];
	const output = [['--json'], ['--format', 'sarif'], ['--output', '/tmp/r.txt'], ['fix', '1.1.3'], ['undo'], ['journal'], ['--demo', '--json'], ['--demo', 'fix', '1.1.3'], ['--help'], ['--version'], ['--no-such-flag'], ['summarize', '/tmp/r.json']];
	for (const argv of tui) {
		t.true(endsInTui(argv, {}, true), argv.join(' '));
		t.false(endsInTui(argv, {CI: 'true'}, true), `CI ${argv.join(' ')}`);
		t.false(endsInTui(argv, {}, false), `no terminal ${argv.join(' ')}`);
	}

	for (const argv of output) {
		t.false(endsInTui(argv, {}, true), argv.join(' '));
	}
});
