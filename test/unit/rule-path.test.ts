import test from 'ava';
import type {AuditFacts} from '../../source/model/facts.js';
import {planAuditWatch} from '../../source/benchmark/plans/plan-audit-watch.js';
import {auditKeyProblem, pathProblem, rulePathProblem, shown} from '../../source/model/rule-path.js';

test('a rule path must be absolute, normalised, and free of control characters and whitespace', t => {
	// The attacker controls a path that lands in a rule (a binary found on PATH, a unit path, a socket named by a flag):
	// it must not split a rule line into two rules, add an option, or point somewhere else through "..".
	t.is(rulePathProblem('/usr/bin/dockerd'), undefined);
	t.is(rulePathProblem('/'), undefined);
	t.regex(rulePathProblem('/usr/bin/dockerd\n-w /etc/shadow -k x')!, /holds a control character/);
	t.regex(rulePathProblem('/usr/bin/docker d')!, /holds whitespace, which would split an audit rule line/);
	t.regex(rulePathProblem('/usr/bin/docker\u00A0d')!, /holds whitespace/);
	t.regex(rulePathProblem('usr/bin/dockerd')!, /is not absolute/);
	t.regex(rulePathProblem('/usr/bin/../../etc/shadow')!, /is not normalised/);
	t.regex(rulePathProblem('/usr/bin/./dockerd')!, /is not normalised/);
	t.regex(rulePathProblem('//usr/bin/dockerd')!, /is not normalised/);
	t.regex(rulePathProblem('/etc/docker/')!, /is not normalised/);
	t.regex(rulePathProblem('/usr/bin/\u001B[2Jdockerd')!, /holds a control character/);
	t.regex(rulePathProblem('/usr/bin/\u009Bdockerd')!, /holds a control character/);
	t.regex(rulePathProblem('/usr/bin/\u202Edockerd')!, /holds a control character/);
	t.regex(rulePathProblem('')!, /is empty/);
	t.regex(rulePathProblem(`/${'a'.repeat(5000)}`)!, /longer than/);
	t.is(pathProblem('/var/lib/docker volumes'), undefined, 'a journal path may hold a space; only a rule path may not');
});

test('an audit key is a short safe token', t => {
	// The attacker controls --audit-key only through the operator, and a live rule's key through the audit system: a key
	// must not add an option (-F, --start) or split the line.
	for (const key of ['docker', 'dw-1a2b', 'cis_1.1.3', 'A'.repeat(31)]) {
		t.is(auditKeyProblem(key), undefined, key);
	}

	for (const key of ['', '-F', '.x', 'a b', 'a\nb', 'a;b', 'A'.repeat(32), 'dock\u001Ber']) {
		t.regex(auditKeyProblem(key)!, /is not 1 to 31 of the characters/, JSON.stringify(key));
	}
});

test('a value quoted in a message shows every control and bidi character as an escape', t => {
	t.is(shown('a\u001B]52;c;x\u0007\u009B\u202E'), '"a\\u001b]52;c;x\\u0007\\x9b\\u202e"');
	t.is(shown(12), '12');
	t.is(shown('x'.repeat(200)).length, 123, 'cut at 120 characters, an ellipsis and two quotes');
});

const audit: AuditFacts = {
	auditctl: '/usr/sbin/auditctl',
	live: [],
	persisted: [],
	rulesFiles: [],
	auditdRunning: true,
	status: {enabled: 1, pid: 42, lost: 0},
};

test('the audit watch fix refuses a path or a key that would split or forge a rule line, in one line', t => {
	// The attacker controls the resolved path of a watched file (e.g. a dockerd found on PATH in a directory with a
	// newline in its name): no auditctl command or rules-file line may be planned with it.
	for (const path of ['/opt/x\n-w /etc/shadow -k y/dockerd', '/opt/my dir/dockerd', 'bin/dockerd', '/opt/../usr/bin/dockerd']) {
		const outcome = planAuditWatch({path, exists: true, how: 'found on PATH'}, audit, {auditKey: 'docker'});
		t.like(outcome, {ok: false, code: 'not-applicable'}, JSON.stringify(path));
		const {reason} = outcome as {reason: string};
		t.regex(reason, /^refused: the path .*; no audit rule was planned$/);
		t.false(reason.includes('\n'));
	}

	t.like(planAuditWatch({path: '/usr/bin/dockerd', exists: true, how: ''}, audit, {auditKey: 'docker -F'}), {ok: false, reason: 'refused: the audit key "docker -F" is not 1 to 31 of the characters A-Z a-z 0-9 _ . - (not starting with . or -); no audit rule was planned'});
	t.true(planAuditWatch({path: '/usr/bin/dockerd', exists: true, how: ''}, audit, {auditKey: 'docker'}).ok, 'a good path and key are planned');
});
