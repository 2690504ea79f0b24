import fs from 'node:fs';
import test from 'ava';
import yaml from 'js-yaml';
import {parseOptions} from '../../source/options.js';

// Ansible is not on these machines: the playbook is parsed, and every dockwarden command in it must be one the CLI accepts.
type Task = {name: string; 'ansible.builtin.command'?: {cmd: string}};
type Play = {name: string; hosts: string; tasks: Task[]};

test('the fleet playbook runs dockwarden with flags the CLI accepts, and summarizes the reports', t => {
	const plays = yaml.load(fs.readFileSync(new URL('../../examples/fleet-audit.yml', import.meta.url), 'utf8')) as Play[];
	const commands = plays.flatMap(play => play.tasks).map(task => task['ansible.builtin.command']?.cmd).filter((cmd): cmd is string => cmd !== undefined);
	t.is(commands.length, 2);
	const [audit, summarize] = commands as [string, string];
	const parsed = parseOptions(audit.split(' ').slice(1), {}, false);
	t.false('message' in parsed, JSON.stringify(parsed));
	t.like(parsed, {mode: 'report', format: 'json', output: '/var/tmp/dockwarden-report.json'});
	const fleet = parseOptions(summarize.replace(/\{\{.*\}\}/, 'reports/a.json reports/b.json').split(' ').slice(1), {}, false);
	t.like(fleet, {mode: 'summarize', reportFiles: ['reports/a.json', 'reports/b.json']});
});
