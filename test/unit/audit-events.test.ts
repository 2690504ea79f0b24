import fs from 'node:fs';
import test from 'ava';
import {eventLine, eventTime, newestEvents, parseAuditStatus, parseAusearch, quietReasons} from '../../source/model/audit-events.js';

// Captured on a real host: a watch `-w DIR -p rwxa -k dwcap-2333`, then `cat`, `touch` and a shell append on DIR/daemon.json, then `ausearch -k dwcap-2333 -i`.
const sample = fs.readFileSync(new URL('../fixtures/ausearch-interpreted.txt', import.meta.url), 'utf8');

const statusText = 'enabled 1\nfailure 1\npid 18808\nrate_limit 0\nbacklog_limit 64\nlost 0\nbacklog 0\nbacklog_wait_time 15000\nbacklog_wait_time_actual 0\nloginuid_immutable 0 unlocked\n';

test('auditctl -s is parsed into its status fields', t => {
	t.deepEqual(parseAuditStatus(statusText), {enabled: 1, pid: 18808, lost: 0, backlog: 0, backlogLimit: 64, rateLimit: 0});
	t.is(parseAuditStatus(''), undefined);
	t.deepEqual(parseAuditStatus('enabled 2\npid 0\n'), {enabled: 2, pid: 0});
});

test('ausearch -i output becomes events with time, program, user, syscall and path', t => {
	const events = parseAusearch(sample, 'dwcap-2333');
	t.is(events.length, 3, 'the rule change made by auditctl (key=(null) in its SYSCALL record) is left out');
	t.deepEqual(events[0], {time: '2026-11-29 06:57:28', program: '/usr/bin/cat', user: 'root', syscall: 'openat', path: '/tmp/tmp.0viX9i2yNa/daemon.json'});
	t.deepEqual(events.map(event => event.program), ['/usr/bin/cat', '/usr/bin/touch', '/usr/bin/bash']);
	t.is(parseAusearch(sample).length, 4, 'without a key every SYSCALL block counts');
	t.deepEqual(parseAusearch(''), []);
});

test('auid wins over uid when set, comm stands in for a missing exe', t => {
	const text = 'type=SYSCALL msg=audit(01/02/26 03:04:05.006:7) : arch=x86_64 syscall=execve success=yes auid=alice uid=root comm="my tool" exe=(null) key=k\n';
	t.deepEqual(parseAusearch(text, 'k'), [{time: '2026-01-02 03:04:05', program: 'my tool', user: 'alice', syscall: 'execve'}]);
});

test('the newest events come first, five at most; an event reads as one line', t => {
	const events = Array.from({length: 7}, (_, index) => ({time: `t${index}`, program: 'p', user: 'root', syscall: 'openat'}));
	t.deepEqual(newestEvents(events).map(event => event.time), ['t6', 't5', 't4', 't3', 't2']);
	t.is(eventLine({time: '2026-11-29 06:45:02', program: '/usr/bin/docker', user: 'root', syscall: 'execve'}), '2026-11-29 06:45:02  /usr/bin/docker  by root  syscall=execve');
	t.is(eventTime('2026-11-29 06:45:02.123'), '2026-11-29 06:45:02');
});

test('a quiet rule is explained from auditctl -s', t => {
	t.regex(quietReasons({enabled: 0, pid: 10}), /auditing is off \(auditctl -s: enabled 0\)/);
	t.regex(quietReasons({enabled: 1, pid: 0}), /auditd is not running \(auditctl -s: pid 0\): events go to the kernel log/);
	t.regex(quietReasons({enabled: 1, pid: 9, lost: 12}), /lost 12 audit events/);
	t.regex(quietReasons({enabled: 1, pid: 9, backlog: 60, backlogLimit: 64}), /backlog 60 of backlog_limit 64/);
	t.regex(quietReasons({enabled: 1, pid: 9, rateLimit: 100}), /rate_limit 100/);
	t.regex(quietReasons({enabled: 1, pid: 9, lost: 0, backlog: 0, backlogLimit: 64, rateLimit: 0}), /auditing is on and auditd is running/);
	t.regex(quietReasons(undefined), /unknown/);
});
