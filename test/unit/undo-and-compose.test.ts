import test from 'ava';
import {composePlans} from '../../source/fixes/compose-plans.js';
import type {JournalEntry} from '../../source/fixes/journal.js';
import {planRecover, planUndo, type UndoContext} from '../../source/fixes/plan-undo.js';
import type {Plan} from '../../source/fixes/types.js';

const append = (line: string) => (text: string | undefined) => `${text ?? ''}${line}\n`;

const auditPlan = (id: string, path: string): Plan => ({
	checkIds: [id],
	title: `Watch ${path}`,
	steps: [
		{kind: 'run', argv: ['auditctl', '-w', path, '-k', 'docker'], undoArgv: ['auditctl', '-W', path, '-k', 'docker']},
		{kind: 'write', path: '/etc/audit/rules.d/docker.rules', before: undefined, after: `-w ${path} -k docker\n`, mode: 0o640, edit: append(`-w ${path} -k docker`)},
	],
	warnings: ['the audit log grows'],
	needsRoot: true,
});

const daemonPlan = (id: string, key: string): Plan => ({
	checkIds: [id],
	title: `Set ${key}`,
	steps: [
		{kind: 'write', path: '/etc/docker/daemon.json', before: '{}\n', after: `{"${key}": true}\n`, mode: 0o644, edit: text => JSON.stringify({...JSON.parse(text ?? '{}') as object, [key]: true}) + '\n'},
		{kind: 'restart-daemon', method: {kind: 'systemd', argv: ['systemctl', 'restart', 'docker.service']}},
	],
	warnings: ['the restart stops running containers'],
	needsRoot: true,
});

test('a batch writes each file once with every edit, and restarts the daemon once, at the end', t => {
	const outcome = composePlans([auditPlan('1.1.3', '/usr/bin/dockerd'), daemonPlan('2.14', 'no-new-privileges'), auditPlan('1.1.6', '/etc/docker'), daemonPlan('2.15', 'live-restore')]);
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	const {steps, checkIds, warnings} = outcome.plan;
	t.deepEqual(checkIds, ['1.1.3', '2.14', '1.1.6', '2.15']);
	t.deepEqual(steps.map(step => step.kind), ['run', 'run', 'write', 'write', 'restart-daemon']);
	const rules = steps.find(step => step.kind === 'write' && step.path.endsWith('docker.rules'));
	t.is(rules?.kind === 'write' ? rules.after : '', '-w /usr/bin/dockerd -k docker\n-w /etc/docker -k docker\n');
	const daemon = steps.find(step => step.kind === 'write' && step.path.endsWith('daemon.json'));
	t.deepEqual(daemon?.kind === 'write' ? JSON.parse(daemon.after) : {}, {'no-new-privileges': true, 'live-restore': true});
	t.deepEqual(warnings, ['the audit log grows', 'the restart stops running containers']);
});

test('a batch refuses two writes of one file when one cannot be merged', t => {
	const plain = daemonPlan('2.14', 'no-new-privileges');
	const unmergeable: Plan = {...plain, steps: plain.steps.map(step => step.kind === 'write' ? {...step, edit: undefined} : step)};
	t.like(composePlans([plain, unmergeable]), {ok: false, code: 'not-applicable'});
});

const entry: JournalEntry = {
	id: '2026-11-29T05-00-00-000Z-1.1.3',
	time: '2026-11-29T05:00:00.000Z',
	checkIds: ['1.1.3'],
	title: 'Watch /usr/bin/dockerd',
	changes: [
		{kind: 'run', argv: ['auditctl', '-w', '/usr/bin/dockerd', '-k', 'docker'], undoArgv: ['auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']},
		{kind: 'write', path: '/etc/audit/rules.d/docker.rules', created: false, backup: '/b/docker.rules', written: '/w/docker.rules'},
	],
};

const context = (current: string, overrides: Partial<UndoContext> = {}): UndoContext => ({
	files: new Map([['/etc/audit/rules.d/docker.rules', {current, backup: '# mine\n', written: '# mine\n-w /usr/bin/dockerd -k docker\n'}]]),
	stats: new Map(),
	stillApplies: () => true,
	...overrides,
});

test('undo of an audit fix unloads the rule and takes out only the lines it added, whatever was added since', t => {
	const outcome = planUndo(entry, context('# mine\n-w /usr/bin/dockerd -k docker\n-w /etc/docker -k docker\n'), false);
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	t.deepEqual(outcome.plan.steps, [
		{kind: 'write', path: '/etc/audit/rules.d/docker.rules', before: '# mine\n-w /usr/bin/dockerd -k docker\n-w /etc/docker -k docker\n', after: '# mine\n-w /etc/docker -k docker\n', mode: 0o640},
		{kind: 'run', argv: ['auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']},
	]);
	t.is(outcome.plan.undoes, entry.id);
	t.is(outcome.plan.verify, 'none');
});

test('undo skips a command with nothing left to undo, and refuses an entry already undone', t => {
	const outcome = planUndo(entry, context('# mine\n-w /usr/bin/dockerd -k docker\n', {stillApplies: () => false}), false);
	t.true(outcome.ok && outcome.plan.steps.every(step => step.kind !== 'run'));
	t.like(planUndo({...entry, undoneAt: '2026-11-29T06:00:00.000Z'}, context(''), false), {ok: false, code: 'nothing-to-do'});
});

test('undo of a daemon.json that changed since refuses with the difference, and restores the backup when forced', t => {
	const daemonEntry: JournalEntry = {...entry, changes: [{kind: 'write', path: '/etc/docker/daemon.json', created: false, backup: '/b', written: '/w'}, {kind: 'restart-daemon', argv: ['systemctl', 'restart', 'docker.service']}]};
	const files = new Map([['/etc/docker/daemon.json', {current: '{"userns-remap": "default", "debug": true}\n', backup: '{}\n', written: '{"userns-remap": "default"}\n'}]]);
	const restart = {kind: 'systemd' as const, argv: ['systemctl', 'restart', 'docker.service']};
	const refused = planUndo(daemonEntry, {files, stats: new Map(), stillApplies: () => true, restart}, false);
	t.like(refused, {ok: false, code: 'changed-since'});
	t.true(!refused.ok && refused.details!.some(line => line.startsWith('+') && line.includes('"debug"')));
	const forced = planUndo(daemonEntry, {files, stats: new Map(), stillApplies: () => true, restart}, true);
	t.true(forced.ok);
	if (forced.ok) {
		t.like(forced.plan.steps[0], {kind: 'write', after: '{}\n'});
		t.like(forced.plan.steps[1], {kind: 'restart-daemon', method: restart});
	}
});

test('an interrupted fix is restored from its backups and its commands are reverted', t => {
	const outcome = planRecover(
		{id: 'x', pid: 1, time: '', title: 'Watch /usr/bin/dockerd', backups: [{path: '/etc/audit/rules.d/docker.rules', backup: '/b', created: false}], undoArgv: [['auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']]},
		{files: new Map([['/etc/audit/rules.d/docker.rules', {current: '# mine\n', backup: '# mine\n'}]]), stats: new Map(), stillApplies: () => true},
	);
	t.true(outcome.ok);
	if (outcome.ok) {
		t.deepEqual(outcome.plan.steps, [{kind: 'run', argv: ['auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']}], 'the file was not written yet: only the command is reverted');
		t.is(outcome.plan.recovers, 'x');
	}
});

test('an interrupted fix sets back the owners and modes it had changed, and leaves alone those it had not reached', t => {
	const outcome = planRecover(
		{
			id: 'y',
			pid: 1,
			time: '',
			title: 'Set the owner and mode of /etc/docker/daemon.json',
			backups: [],
			undoArgv: [],
			attributes: [{path: '/etc/docker/daemon.json', owner: {uid: 0, gid: 999}}, {path: '/etc/docker/daemon.json', mode: 0o664}, {path: '/etc/default/docker', owner: {uid: 1000, gid: 1000}}],
		},
		{
			files: new Map(),
			// daemon.json was chowned and chmodded before the kill; /etc/default/docker was recorded but not changed yet.
			stats: new Map([['/etc/docker/daemon.json', {uid: 0, gid: 0, mode: 0o644}], ['/etc/default/docker', {uid: 1000, gid: 1000, mode: 0o644}]]),
			stillApplies: () => true,
		},
	);
	t.true(outcome.ok);
	if (outcome.ok) {
		t.deepEqual(outcome.plan.steps, [
			{kind: 'chown', path: '/etc/docker/daemon.json', uid: 0, gid: 999, owner: '0:999', before: {uid: 0, gid: 0}},
			{kind: 'chmod', path: '/etc/docker/daemon.json', mode: 0o664, before: 0o644},
		]);
	}
});
