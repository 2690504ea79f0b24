import test from 'ava';
import {parseAuditRule, parseAuditRules, watchCovers} from '../../source/model/audit-rules.js';

const rule = (line: string) => parseAuditRule(line, 'live')!;

test('parses the -w form, with and without -p', t => {
	t.like(rule('-w /usr/bin/dockerd -p wa -k docker'), {path: '/usr/bin/dockerd', permissions: 'wa', key: 'docker'});
	t.like(rule('-w /usr/bin/dockerd -k docker'), {path: '/usr/bin/dockerd', permissions: 'rwxa'});
});

test('parses the syscall form auditctl -l prints for some paths', t => {
	t.like(rule('-a always,exit -S all -F path=/usr/bin/containerd -F perm=wa -F key=docker'), {path: '/usr/bin/containerd', permissions: 'wa', key: 'docker'});
	t.like(rule('-a exit,always -F dir=/etc/docker -F perm=rwa -k docker'), {path: '/etc/docker', permissions: 'rwa'});
	t.is(parseAuditRule('-a never,exit -F path=/usr/bin/dockerd -F perm=wa', 'live'), undefined);
});

test('skips comments, control lines and syscall rules without a path', t => {
	const rules = parseAuditRules('# comment\n-D\n-b 8192\n-a always,exit -F arch=b64 -S adjtimex -k time\n-w /etc/docker -p wa\n', line => `f:${line}`);
	t.is(rules.length, 1);
	t.is(rules[0]!.source, 'f:5');
});

test('a key that contains the path is not a watch of it', t => {
	t.is(parseAuditRule('-a always,exit -F arch=b64 -S open -k /usr/bin/dockerd', 'live'), undefined);
});

test('matching is by path equality or a containing directory, never a prefix of letters', t => {
	t.true(watchCovers(rule('-w /etc/docker -p wa'), '/etc/docker'));
	t.true(watchCovers(rule('-w /etc/docker/ -p wa'), '/etc/docker/daemon.json'));
	t.false(watchCovers(rule('-w /etc/docker/certs.d -p wa'), '/etc/docker'));
	t.false(watchCovers(rule('-w /usr/bin/docker -p wa'), '/usr/bin/dockerd'));
	t.false(watchCovers(rule('-w /etc/docker2 -p wa'), '/etc/docker/daemon.json'));
});

test('permissions must include both w and a', t => {
	t.false(watchCovers(rule('-w /usr/bin/dockerd -p x'), '/usr/bin/dockerd'));
	t.false(watchCovers(rule('-w /usr/bin/dockerd -p w'), '/usr/bin/dockerd'));
	t.true(watchCovers(rule('-w /usr/bin/dockerd -p rwxa'), '/usr/bin/dockerd'));
});
