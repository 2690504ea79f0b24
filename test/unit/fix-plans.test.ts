import test from 'ava';
import type {AuditWatch} from '../../source/benchmark/facts.js';
import {appendRule, planAuditWatch} from '../../source/fixes/plan-audit-watch.js';
import {planUsernsRemap, restartMethod} from '../../source/fixes/plan-daemon-setting.js';
import {describePlan} from '../../source/fixes/describe-plan.js';
import {daemonJson, makeFacts, malformedDaemonJson, unreachableDocker} from '../helpers/fixture-facts.js';

const options = {auditKey: 'docker'};
const dockerd = {path: '/usr/sbin/dockerd', exists: true, how: 'found on PATH'};

test('the audit plan adds the live rule and the persisted line, and shows both', t => {
	const outcome = planAuditWatch(dockerd, makeFacts().audit, options);
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	t.deepEqual(outcome.plan.steps[0], {kind: 'run', argv: ['/usr/sbin/auditctl', '-w', '/usr/sbin/dockerd', '-k', 'docker'], undoArgv: ['/usr/sbin/auditctl', '-W', '/usr/sbin/dockerd', '-k', 'docker']});
	const text = describePlan(outcome.plan).map(line => line.text);
	t.true(text.includes('1. run: /usr/sbin/auditctl -w /usr/sbin/dockerd -k docker'));
	t.true(text.some(line => line === '   +-w /usr/sbin/dockerd -k docker'));
});

test('appending a rule never duplicates a line and keeps the file\'s own lines', t => {
	t.is(appendRule('-w /etc/docker -k docker', '-w /etc/docker -k docker'), '-w /etc/docker -k docker');
	t.is(appendRule('# mine', '-w /x -k docker'), '# mine\n-w /x -k docker\n');
	t.true(appendRule(undefined, '-w /x -k docker').endsWith('\n-w /x -k docker\n'));
});

test('the audit plan refuses when there is nothing to do or no auditctl', t => {
	const live: AuditWatch = {path: '/usr/sbin', permissions: 'wa', text: '-w /usr/sbin -p wa', source: 'live'};
	const covered = planAuditWatch(dockerd, {...makeFacts().audit, live: [live], persisted: [{...live, source: 'f:1'}]}, options);
	t.like(covered, {ok: false, code: 'nothing-to-do'});
	t.like(planAuditWatch(dockerd, {...makeFacts().audit, auditctl: undefined}, options), {ok: false, code: 'auditctl-missing'});
	t.like(planAuditWatch({...dockerd, exists: false}, makeFacts().audit, options), {ok: false, code: 'not-applicable'});
});

test('userns: every other key is kept and the impact names this host\'s numbers', t => {
	const outcome = planUsernsRemap(makeFacts({daemon: {configFile: daemonJson({'log-level': 'info', icc: false})}}), options);
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	const write = outcome.plan.steps[0];
	t.is(write?.kind, 'write');
	if (write?.kind === 'write') {
		t.deepEqual(JSON.parse(write.after), {'log-level': 'info', icc: false, 'userns-remap': 'default'});
	}

	t.like(outcome.plan.steps[1], {kind: 'restart-daemon', method: {kind: 'systemd', argv: ['systemctl', 'restart', 'docker.service']}, expectSecurityOption: 'name=userns'});
	t.true(outcome.plan.warnings.some(line => line.includes('the restart stops 1 running container: web')));
});

test('userns: a malformed daemon.json, a flag conflict and an unreachable daemon are refused', t => {
	t.like(planUsernsRemap(makeFacts({daemon: {configFile: malformedDaemonJson()}}), options), {ok: false, code: 'malformed-config'});
	const conflict = planUsernsRemap(makeFacts({daemon: {flags: {'userns-remap': 'default'}}}), options);
	t.like(conflict, {ok: false, code: 'flag-conflict'});
	t.true(!conflict.ok && conflict.reason.includes('--userns-remap=default'));
	t.like(planUsernsRemap(makeFacts({docker: unreachableDocker()}), options), {ok: false, code: 'docker-unreachable'});
});

test('the restart goes through --restart-command, else systemd, else the service script', t => {
	const host = makeFacts().host;
	t.deepEqual(restartMethod(host, {auditKey: 'docker', restartCommand: 'my-restart'}), {kind: 'command', argv: ['sh', '-c', 'my-restart']});
	t.is(restartMethod(host, options)?.kind, 'systemd');
	t.deepEqual(restartMethod({...host, systemd: false, serviceScript: '/etc/init.d/docker'}, options), {kind: 'service', argv: ['/etc/init.d/docker', 'restart']});
	t.is(restartMethod({...host, systemd: false}, options), undefined);
});
