import test from 'ava';
import {composePlans} from '../../source/fixes/compose-plans.js';
import type {JournalEntry} from '../../source/fixes/journal.js';
import {planRecover, planUndo, type FixTargets, type UndoContext} from '../../source/fixes/plan-undo.js';
import type {Plan} from '../../source/model/plan.js';

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
		{kind: 'audit-watch', path: '/usr/bin/dockerd', key: 'docker'},
		{kind: 'write', path: '/etc/audit/rules.d/docker.rules', created: false, backup: '/var/lib/dockwarden/backups/2026-11-29T05-00-00-000Z-1.1.3/etc/audit/rules.d/docker.rules', written: '/var/lib/dockwarden/backups/2026-11-29T05-00-00-000Z-1.1.3/written/etc/audit/rules.d/docker.rules'},
	],
};

/** What dockwarden's fixes write and chmod on the test host. */
const targets: FixTargets = {writes: new Set(['/etc/audit/rules.d/docker.rules', '/etc/docker/daemon.json']), attributes: new Set(['/etc/docker/daemon.json', '/etc/default/docker'])};

const context = (current: string, overrides: Partial<UndoContext> = {}): UndoContext => ({
	files: new Map([['/etc/audit/rules.d/docker.rules', {current, backup: '# mine\n', written: '# mine\n-w /usr/bin/dockerd -k docker\n'}]]),
	stats: new Map(),
	watchLoaded: () => true,
	auditctl: 'auditctl',
	targets,
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
	const outcome = planUndo(entry, context('# mine\n-w /usr/bin/dockerd -k docker\n', {watchLoaded: () => false}), false);
	t.true(outcome.ok && outcome.plan.steps.every(step => step.kind !== 'run'));
	t.like(planUndo({...entry, undoneAt: '2026-11-29T06:00:00.000Z'}, context(''), false), {ok: false, code: 'nothing-to-do'});
});

test('undo of a daemon.json that changed since refuses with the difference, and restores the backup when forced', t => {
	const daemonEntry: JournalEntry = {...entry, changes: [{kind: 'write', path: '/etc/docker/daemon.json', created: false, backup: '/var/lib/dockwarden/backups/2026-11-29T05-00-00-000Z-1.1.3/etc/docker/daemon.json', written: '/var/lib/dockwarden/backups/2026-11-29T05-00-00-000Z-1.1.3/written/etc/docker/daemon.json'}, {kind: 'restart-daemon', argv: ['systemctl', 'restart', 'docker.service']}]};
	const files = new Map([['/etc/docker/daemon.json', {current: '{"userns-remap": "default", "debug": true}\n', backup: '{}\n', written: '{"userns-remap": "default"}\n'}]]);
	const restart = {kind: 'systemd' as const, argv: ['systemctl', 'restart', 'docker.service']};
	const refused = planUndo(daemonEntry, {files, stats: new Map(), watchLoaded: () => true, targets, restart}, false);
	t.like(refused, {ok: false, code: 'changed-since'});
	t.true(!refused.ok && refused.details!.some(line => line.startsWith('+') && line.includes('"debug"')));
	const forced = planUndo(daemonEntry, {files, stats: new Map(), watchLoaded: () => true, targets, restart}, true);
	t.true(forced.ok);
	if (forced.ok) {
		t.like(forced.plan.steps[0], {kind: 'write', after: '{}\n'});
		t.like(forced.plan.steps[1], {kind: 'restart-daemon', method: restart});
	}
});

test('undo of a fix that restarted a dockerd whose restart is unknown asks; later restores the file and restarts nothing', t => {
	const daemonEntry: JournalEntry = {...entry, changes: [{kind: 'write', path: '/etc/docker/daemon.json', created: false, backup: '/var/lib/dockwarden/backups/2026-11-29T05-00-00-000Z-1.1.3/etc/docker/daemon.json', written: '/var/lib/dockwarden/backups/2026-11-29T05-00-00-000Z-1.1.3/written/etc/docker/daemon.json'}, {kind: 'restart-daemon', argv: ['sh', '-c', 'my-restart']}]};
	const files = new Map([['/etc/docker/daemon.json', {current: '{"icc": false}\n', backup: '{}\n', written: '{"icc": false}\n'}]]);
	const base = {files, stats: new Map(), watchLoaded: () => true, targets, daemon: 'dockerd pid 812: started by hand'};
	const asked = planUndo(daemonEntry, base, false);
	t.like(asked, {ok: false, code: 'not-applicable', restartChoice: {daemon: 'dockerd pid 812: started by hand', work: 'undo'}});
	const later = planUndo(daemonEntry, {...base, unknownLauncher: 'later'}, false);
	t.true(later.ok);
	if (later.ok) {
		t.deepEqual(later.plan.steps.map(step => step.kind), ['write']);
		t.regex(later.plan.warnings[0]!, /^dockwarden restarts nothing: the restored files take effect when you restart dockerd pid 812: started by hand yourself/);
	}
});

const pendingId = '2026-11-29T05-00-00-000Z-1.1.3';

test('an interrupted fix is restored from its backups and the audit rule it had recorded is unloaded', t => {
	const outcome = planRecover(
		{id: pendingId, pid: 1, time: '', title: 'Watch /usr/bin/dockerd', backups: [{path: '/etc/audit/rules.d/docker.rules', backup: `/var/lib/dockwarden/backups/${pendingId}/etc/audit/rules.d/docker.rules`, created: false}], watches: [{path: '/usr/bin/dockerd', key: 'docker'}]},
		{files: new Map([['/etc/audit/rules.d/docker.rules', {current: '# mine\n', backup: '# mine\n'}]]), stats: new Map(), watchLoaded: () => true, auditctl: '/usr/sbin/auditctl', targets},
	);
	t.true(outcome.ok);
	if (outcome.ok) {
		t.deepEqual(outcome.plan.steps, [{kind: 'run', argv: ['/usr/sbin/auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']}], 'the file was not written yet: only the rule is unloaded, with the auditctl of this host');
		t.is(outcome.plan.recovers, pendingId);
	}
});

test('undo and recovery refuse a record that names a file outside the fixes\' targets, or a backup that is not the entry\'s own', t => {
	// The attacker controls the journal files under --root; nothing outside the fixes' own targets may be written.
	const passwd: JournalEntry = {...entry, changes: [{kind: 'write', path: '/etc/passwd', created: false, backup: `/var/lib/dockwarden/backups/${entry.id}/etc/passwd`, written: `/var/lib/dockwarden/backups/${entry.id}/written/etc/passwd`}]};
	const refused = planUndo(passwd, {...context(''), files: new Map([['/etc/passwd', {current: 'root:x:0:0::/root:/bin/sh\n', backup: 'root::0:0::/root:/bin/sh\n', written: 'x'}]])}, true);
	t.like(refused, {ok: false, code: 'not-applicable'});
	t.regex((refused as {reason: string}).reason, /^\/var\/lib\/dockwarden\/journal\/2026-11-29T05-00-00-000Z-1\.1\.3\.json: \/etc\/passwd is not a file dockwarden's fixes write/);
	const chmod: JournalEntry = {...entry, changes: [{kind: 'chmod', path: '/usr/bin/sudo', mode: 0o4777, before: 0o4777}]};
	t.like(planUndo(chmod, context(''), true), {ok: false, code: 'not-applicable'});
	const recovery = planRecover({id: pendingId, pid: 1, time: '', title: 't', backups: [{path: '/etc/shadow', created: true}], watches: []}, context(''));
	t.like(recovery, {ok: false, code: 'not-applicable'});
	t.regex((recovery as {reason: string}).reason, /\.pending\.json: \/etc\/shadow is not a file dockwarden's fixes write/);
	const elsewhere = planRecover({id: pendingId, pid: 1, time: '', title: 't', backups: [{path: '/etc/docker/daemon.json', backup: '/tmp/evil', created: false}], watches: []}, context(''));
	t.regex((elsewhere as {reason: string}).reason, /names \/tmp\/evil as the backup of \/etc\/docker\/daemon\.json, not its own copy/);
});

test('an interrupted fix sets back the owners and modes it had changed, and leaves alone those it had not reached', t => {
	const outcome = planRecover(
		{
			id: pendingId,
			pid: 1,
			time: '',
			title: 'Set the owner and mode of /etc/docker/daemon.json',
			backups: [],
			watches: [],
			attributes: [{path: '/etc/docker/daemon.json', owner: {uid: 0, gid: 999}}, {path: '/etc/docker/daemon.json', mode: 0o664}, {path: '/etc/default/docker', owner: {uid: 1000, gid: 1000}}],
		},
		{
			files: new Map(),
			// daemon.json was chowned and chmodded before the kill; /etc/default/docker was recorded but not changed yet.
			stats: new Map([['/etc/docker/daemon.json', {uid: 0, gid: 0, mode: 0o644}], ['/etc/default/docker', {uid: 1000, gid: 1000, mode: 0o644}]]),
			watchLoaded: () => true,
			targets,
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
