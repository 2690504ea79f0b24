import fs from 'node:fs';
import test from 'ava';
import yaml from 'js-yaml';
import {parseOptions} from '../../source/options.js';

// A quick look without Ansible: every dockwarden command in the playbook, its variables at their defaults, is one the
// CLI accepts. test/integration/ansible-fleet.test.ts runs the playbook for real under ansible-core.
type Task = {name: string; 'ansible.builtin.command'?: {cmd: string}};
type Play = {name: string; hosts: string; tasks: Task[]};

/** The command line with the playbook's variables at their defaults, and a report directory for the one registered at run time. */
function rendered(cmd: string): string[] {
	return cmd
		.replaceAll(/\{\{ (dockwarden|dockwarden_local) \| default\('dockwarden'\) \}\}/g, 'dockwarden')
		.replaceAll('{{ report_directory.path }}', '/tmp/dockwarden-x')
		.replaceAll(/\{\{ dockwarden_args \| default\(''\) \}\}/g, '')
		.replaceAll(/\{\{ query\('fileglob'.*\}\}/g, 'reports/a.json reports/b.json')
		.trim()
		.split(' ');
}

test('the fleet playbook runs dockwarden with flags the CLI accepts, and summarizes the reports', t => {
	const plays = yaml.load(fs.readFileSync(new URL('../../examples/fleet-audit.yml', import.meta.url), 'utf8')) as Play[];
	const commands = plays.flatMap(play => play.tasks).map(task => task['ansible.builtin.command']?.cmd).filter((cmd): cmd is string => cmd !== undefined);
	t.is(commands.length, 2);
	const [audit, summarize] = commands.map(cmd => rendered(cmd)) as [string[], string[]];
	t.is(audit[0], 'dockwarden');
	const parsed = parseOptions(audit.slice(1), {}, false);
	t.false('message' in parsed, JSON.stringify(parsed));
	t.like(parsed, {mode: 'report', format: 'json', output: '/tmp/dockwarden-x/report.json'});
	const fleet = parseOptions(summarize.slice(1), {}, false);
	t.like(fleet, {mode: 'summarize', reportFiles: ['reports/a.json', 'reports/b.json']});
});
