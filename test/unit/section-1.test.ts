import test from 'ava';
import {section1Logic as section1LogicTable} from '../../source/benchmark/checks/section-1-host.js';
import type {AuditWatch, Facts} from '../../source/model/facts.js';
import type {LooseLogic} from '../helpers/needs.js';
import {makeFacts, type FactOverrides} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section1Logic: LooseLogic = section1LogicTable;

const audit = (id: string, overrides: FactOverrides = {}) => section1Logic[id]!.audit!(makeFacts(overrides) as Facts);
const watch = (text: string, path: string, source = 'live', permissions = 'rwxa'): AuditWatch => ({path, permissions, key: 'docker', text, source});

test('1.1.1 warns when the Docker root dir shares / and passes on its own device', t => {
	t.is(audit('1.1.1').status, 'warn');
	const own = audit('1.1.1', {partition: {dirDevice: 2050, mountPoint: '/var/lib/docker'}});
	t.is(own.status, 'pass');
	t.true(own.evidence[0]!.includes('mounted at /var/lib/docker'));
	t.is(audit('1.1.1', {partition: {exists: false}}).status, 'skip');
});

test('1.1.2 lists the members of the docker group', t => {
	const result = audit('1.1.2', {dockerGroup: {members: ['alice'], primaryMembers: ['bob']}});
	t.is(result.status, 'info');
	t.true(result.evidence[0]!.endsWith('alice, bob'));
	t.is(audit('1.1.2', {dockerGroup: {exists: false, members: [], primaryMembers: []}}).status, 'pass');
});

test('1.1.3 evidence tells live and persisted apart', t => {
	t.is(audit('1.1.3').evidence[0], 'no audit rule watches /usr/sbin/dockerd (live: none; persisted in /etc/audit/rules.d: none)');
	const live = watch('-w /usr/sbin/dockerd -p rwxa -k docker', '/usr/sbin/dockerd');
	const persisted = watch('-w /usr/sbin/dockerd -k docker', '/usr/sbin/dockerd', '/etc/audit/rules.d/docker.rules:3');
	t.is(audit('1.1.3', {audit: {live: [live]}}).summary, 'Live but lost on reboot');
	t.is(audit('1.1.3', {audit: {persisted: [persisted]}}).summary, 'Persisted but not loaded');
	const both = audit('1.1.3', {audit: {live: [live], persisted: [persisted]}});
	t.is(both.status, 'pass');
	t.true(both.evidence[0]!.includes('/etc/audit/rules.d/docker.rules:3'));
});

test('an audit watch on a directory that holds the file counts (1.1.11)', t => {
	const directory = watch('-w /etc/docker -p wa -k docker', '/etc/docker');
	const persisted = {...directory, source: '/etc/audit/rules.d/docker.rules:1'};
	const facts: FactOverrides = {audit: {live: [directory], persisted: [persisted]}, paths: {...makeFacts().paths, daemonJson: {path: '/etc/docker/daemon.json', exists: true, how: 'the default daemon.json'}}};
	t.is(audit('1.1.11', facts).status, 'pass');
});

test('a rule without w and a is named but does not count', t => {
	const result = audit('1.1.3', {audit: {live: [watch('-w /usr/sbin/dockerd -p x -k docker', '/usr/sbin/dockerd', 'live', 'x')]}});
	t.is(result.status, 'warn');
	t.true(result.evidence.some(line => line.includes('without both w and a')));
});

test('live rules that cannot be read are said, not guessed', t => {
	const result = audit('1.1.3', {audit: {live: undefined, liveError: 'reading live audit rules needs root (auditctl -l was refused)'}});
	t.is(result.status, 'warn');
	t.is(result.evidence[0], 'no audit rule watches /usr/sbin/dockerd (live: unknown, reading live audit rules needs root (auditctl -l was refused); persisted in /etc/audit/rules.d: none)');
});

test('an absent path is skip (1.1.13)', t => {
	t.is(audit('1.1.13').status, 'skip');
});

test('1.2.2 reports the server version as a note', t => {
	const result = audit('1.2.2');
	t.is(result.status, 'note');
	t.true(result.summary.includes('20.10.24'));
});

test('a passing audit check shows recent events of its rule, or why there are none', t => {
	const live = watch('-w /usr/sbin/dockerd -p rwxa -k docker', '/usr/sbin/dockerd');
	const persisted = {...live, source: '/etc/audit/rules.d/docker.rules:1'};
	const command = '/usr/sbin/ausearch -k docker -i --start recent';
	const event = {time: '2026-11-29 06:45:02', program: '/usr/bin/docker', user: 'root', syscall: 'execve'};
	const withEvents = audit('1.1.3', {audit: {live: [live], persisted: [persisted]}, auditEvents: {byKey: {docker: {command, count: 4, events: [event, event, event, event]}}}});
	t.is(withEvents.status, 'pass');
	const start = withEvents.evidence.indexOf(`recent events (${command}): 4`);
	t.true(start > 0, withEvents.evidence.join('\n'));
	t.deepEqual(withEvents.evidence.slice(start + 1), Array.from({length: 3}, () => '2026-11-29 06:45:02  /usr/bin/docker  by root  syscall=execve'));

	const quiet = audit('1.1.3', {audit: {live: [live], persisted: [persisted], status: {enabled: 1, pid: 0}}, auditEvents: {byKey: {docker: {command, count: 0, events: []}}}});
	t.is(quiet.status, 'pass');
	t.true(quiet.evidence.some(line => line.startsWith('no recent events: auditd is not running (auditctl -s: pid 0)')), quiet.evidence.join('\n'));

	const failing = audit('1.1.3', {audit: {live: [live]}, auditEvents: {byKey: {docker: {command, count: 4, events: [event]}}}});
	t.false(failing.evidence.some(line => line.startsWith('recent events')), 'only a passing check shows events');
	const missing = audit('1.1.3', {audit: {live: [live], persisted: [persisted]}, auditEvents: {byKey: {}, unavailable: 'ausearch is not installed on this machine'}});
	t.true(missing.evidence.includes('recent events: ausearch is not installed on this machine'));
});
