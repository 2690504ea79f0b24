import fs from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {parseOptions} from '../../source/options.js';

// systemd is not running on these machines: the units are parsed, and the dockwarden command in the service must be one the CLI accepts.

/** The `Key=value` lines of a unit file, by section, in order. */
function readUnit(file: string): Record<string, Array<[string, string]>> {
	const sections: Record<string, Array<[string, string]>> = {};
	let current = '';
	for (const line of fs.readFileSync(new URL(`../../examples/${file}`, import.meta.url), 'utf8').split('\n')) {
		const header = /^\[(\w+)]$/.exec(line);
		if (header) {
			current = header[1];
			sections[current] = [];
		} else if (!line.startsWith('#') && line.includes('=')) {
			const at = line.indexOf('=');
			sections[current].push([line.slice(0, at), line.slice(at + 1)]);
		}
	}

	return sections;
}

/** The values of a key in a section. */
function values(unit: Record<string, Array<[string, string]>>, section: string, key: string): string[] {
	return (unit[section] ?? []).filter(([name]) => name === key).map(([, value]) => value);
}

test('the textfile service runs dockwarden with flags the CLI accepts and renames its file atomically into the collector directory', t => {
	const unit = readUnit('dockwarden-textfile.service');
	const environment = Object.fromEntries(values(unit, 'Service', 'Environment').map(assignment => assignment.split('=') as [string, string]));
	const expand = (line: string) => line.replaceAll(/\$\{(\w+)}/g, (_, name: string) => environment[name]);
	const [start] = values(unit, 'Service', 'ExecStart').map(expand);
	const [program, ...args] = start.split(' ');
	t.true(path.isAbsolute(program) && path.basename(program) === 'dockwarden');
	const parsed = parseOptions(args, {}, false);
	t.false('message' in parsed, JSON.stringify(parsed));
	t.like(parsed, {mode: 'report', format: 'prometheus'});
	const temporary = (parsed as {output: string}).output;
	t.false(temporary.endsWith('.prom'), 'node_exporter reads only *.prom: the temporary file is not one');

	const [move] = values(unit, 'Service', 'ExecStartPost').map(expand);
	const [mv, ...moveArgs] = move.split(' ');
	t.is(path.basename(mv), 'mv');
	const [from, to] = moveArgs.filter(arg => !arg.startsWith('-'));
	t.is(from, temporary);
	t.is(path.dirname(to), path.dirname(temporary), 'the same directory, so the rename is atomic');
	t.true(to.endsWith('.prom'));
	t.deepEqual(values(unit, 'Service', 'ExecStopPost').map(expand), [`/bin/rm -f ${temporary}`]);
	t.deepEqual(values(unit, 'Service', 'Type'), ['oneshot']);
	t.deepEqual(values(unit, 'Service', 'SuccessExitStatus'), ['1'], 'exit 1 (a check warns) is a successful audit');
});

test('the timer runs the service every hour', t => {
	const timer = readUnit('dockwarden-textfile.timer');
	t.deepEqual(values(timer, 'Timer', 'OnCalendar'), ['hourly']);
	t.deepEqual(values(timer, 'Timer', 'Unit'), ['dockwarden-textfile.service']);
	t.deepEqual(values(timer, 'Install', 'WantedBy'), ['timers.target']);
});
