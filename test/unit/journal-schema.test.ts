import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {applyPlan} from '../../source/fixes/engine.js';
import {describeInvalid, journalDirectory, readJournalFiles, readPendingFiles} from '../../source/fixes/journal.js';
import {validateJournalEntry, validatePendingEntry} from '../../source/fixes/journal-schema.js';
import type {Plan} from '../../source/model/plan.js';
import type {HostAccess} from '../../source/host/fact-source.js';
import {createRootFs} from '../../source/host/root-fs.js';

/** A host tree in a temporary directory, with a file whose mode a fix changes. */
function makeTree(): {dir: string; remove(): void} {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-journal-'));
	fs.chmodSync(dir, 0o755);
	fs.mkdirSync(path.join(dir, 'etc/audit/rules.d'), {recursive: true});
	fs.mkdirSync(path.join(dir, 'lib/systemd/system'), {recursive: true});
	fs.writeFileSync(path.join(dir, 'etc/audit/rules.d/docker.rules'), '# mine\n', {mode: 0o640});
	fs.writeFileSync(path.join(dir, 'lib/systemd/system/docker.service'), '[Service]\n', {mode: 0o664});
	fs.chmodSync(path.join(dir, 'lib/systemd/system/docker.service'), 0o664);
	return {dir, remove: () => fs.rmSync(dir, {recursive: true, force: true})};
}

const watched = '/usr/bin/dockerd';
const plan: Plan = {
	checkIds: ['1.1.3', '3.2'],
	title: 'Watch /usr/bin/dockerd; docker.service 0644',
	steps: [
		{kind: 'run', argv: ['/usr/sbin/auditctl', '-w', watched, '-k', 'dw-test'], undoArgv: ['/usr/sbin/auditctl', '-W', watched, '-k', 'dw-test']},
		{kind: 'write', path: '/etc/audit/rules.d/docker.rules', before: '# mine\n', after: `# mine\n-w ${watched} -k dw-test\n`, mode: 0o640},
		{kind: 'chmod', path: '/lib/systemd/system/docker.service', mode: 0o644, before: 0o664},
	],
	warnings: [],
	needsRoot: true,
	verify: 'none',
};

/** Applies the plan with the real engine and journal writer on a temporary tree; auditctl is a stand-in that records the pending record it finds. */
async function applied(): Promise<{tree: ReturnType<typeof makeTree>; entryText: string; pendingAtRun: string | undefined}> {
	const tree = makeTree();
	const rootFs = createRootFs(tree.dir);
	let pendingAtRun: string | undefined;
	const access = {
		options: {dockerHost: 'unix:///nonexistent.sock'},
		fs: rootFs,
		isRoot: true,
		async exec(argv: readonly string[]) {
			if (argv[1] === '-w') {
				const directory = path.join(tree.dir, journalDirectory);
				const name = fs.readdirSync(directory).find(file => file.endsWith('.pending.json'));
				pendingAtRun = name === undefined ? undefined : fs.readFileSync(path.join(directory, name), 'utf8');
			}

			return {exitCode: 0, stdout: '', stderr: ''};
		},
		tool: async () => undefined,
		docker: async () => {
			throw new Error('no docker in this test');
		},
	} as unknown as HostAccess;
	const outcome = await applyPlan(plan, access, {verify: async () => [], isRoot: true, now: () => new Date('2026-11-29T05:00:00.000Z')});
	if (!outcome.ok) {
		tree.remove();
		throw new Error(outcome.error);
	}

	return {tree, entryText: fs.readFileSync(path.join(tree.dir, outcome.journalEntry!), 'utf8'), pendingAtRun};
}

test('an entry and a pending record written by the real engine validate and round-trip unchanged', async t => {
	const {tree, entryText, pendingAtRun} = await applied();
	t.teardown(() => {
		tree.remove();
	});
	const entry = validateJournalEntry(entryText);
	t.true(entry.ok, entry.ok ? '' : entry.problem);
	t.deepEqual(entry.ok && entry.value, JSON.parse(entryText));
	t.deepEqual(entry.ok && entry.value.changes.map(change => change.kind), ['audit-watch', 'write', 'chmod']);
	t.false(entryText.includes('undoArgv'), 'no command is stored in the journal');
	// The undo of the rule is recorded before auditctl runs: the stand-in found it in the pending record.
	t.truthy(pendingAtRun);
	const pending = validatePendingEntry(pendingAtRun!);
	t.true(pending.ok, pending.ok ? '' : pending.problem);
	t.deepEqual(pending.ok && pending.value.watches, [{path: watched, key: 'dw-test'}]);
	const listed = await readJournalFiles(createRootFs(tree.dir));
	t.deepEqual(listed.invalid, []);
	t.is(listed.entries.length, 1);
});

/** Applies `tamper` to a copy of a valid entry and validates it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON that each case tampers with freely
function tampered(text: string, tamper: (entry: any) => void): string {
	const entry = JSON.parse(text) as unknown;
	tamper(entry);
	const outcome = validateJournalEntry(JSON.stringify(entry));
	return outcome.ok ? 'accepted' : outcome.problem;
}

test('each kind of tampering with an entry is refused with what is wrong', async t => {
	// The attacker controls the journal files under --root (e.g. a host image mounted for an audit); no field they add or
	// change may make undo run a command, or touch a path, that dockwarden's own fix did not.
	const {tree, entryText} = await applied();
	t.teardown(() => {
		tree.remove();
	});
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in `tampered`
	const cases: Array<[string, (entry: any) => void, RegExp]> = [
		['unknown key', entry => {
			entry.hook = 'x';
		}, /^unknown field "hook"/],
		['argv field on a change', entry => {
			entry.changes[0] = {kind: 'run', argv: ['auditctl'], undoArgv: ['sh', '-c', 'touch /tmp/PWNED']};
		}, /^changes\[0\]: unknown field "undoArgv" \(dockwarden never runs a command stored in its journal\)/],
		['unknown kind', entry => {
			entry.changes[0] = {kind: 'exec', argv: ['sh']};
		}, /^changes\[0\]\.kind: "exec" is not a kind of change/],
		['relative path', entry => {
			entry.changes[2].path = 'lib/systemd/system/docker.service';
		}, /^changes\[2\]\.path: the path "lib\/systemd\/system\/docker\.service" is not absolute/],
		['.. in a path', entry => {
			entry.changes[2].path = '/lib/systemd/../../etc/passwd';
		}, /^changes\[2\]\.path: .* is not normalised/],
		['backup outside the entry\'s own', entry => {
			entry.changes[1].backup = '/etc/shadow';
		}, /^changes\[1\]\.backup: "\/etc\/shadow" is not this entry's own copy/],
		['backup of another entry', entry => {
			entry.changes[1].backup = '/var/lib/dockwarden/backups/2026-01-01T00-00-00-000Z-1.1.3/etc/audit/rules.d/docker.rules';
		}, /is not this entry's own copy/],
		['control character in the title', entry => {
			entry.title = 'ok\u001B]52;c;aGk=\u0007';
		}, /^title: "ok\\u001b\]52;c;aGk=\\u0007" holds a control character/],
		['C1 control in a path', entry => {
			entry.changes[2].path = '/lib/\u009B2J';
		}, /control character/],
		['space in a watched path', entry => {
			entry.changes[0].path = '/usr/bin/dockerd -k x';
		}, /^changes\[0\]\.path: .* holds whitespace/],
		['bad audit key', entry => {
			entry.changes[0].key = '-F';
		}, /^changes\[0\]\.key: the audit key "-F" is not/],
		['wrong type: created', entry => {
			entry.changes[1].created = 'no';
		}, /^changes\[1\]\.created: must be true or false, not a string/],
		['wrong type: mode', entry => {
			entry.changes[2].mode = 0o17_777;
		}, /^changes\[2\]\.mode: must be a whole number from 0 to 4095/],
		['wrong type: checkIds', entry => {
			entry.checkIds = '1.1.3';
		}, /^checkIds: must be a list, not a string/],
		['id of another shape', entry => {
			entry.id = '../../etc';
		}, /^id: "..\/..\/etc" is not a journal entry id/],
		['missing field', entry => {
			delete entry.time;
		}, /^the field "time" is missing/],
	];
	for (const [name, tamper, expected] of cases) {
		t.regex(tampered(entryText, tamper), expected, name);
	}

	t.is(tampered(entryText, entry => {
		entry.benchmark = '1.6.0';
	}), 'accepted', 'the optional benchmark field is allowed');
	t.regex((() => {
		const outcome = validateJournalEntry(entryText, '2026-11-29T05-00-00-000Z-2.9');
		return outcome.ok ? 'accepted' : outcome.problem;
	})(), /^id: .* is not the id its file name says/);
	t.like(validateJournalEntry('{"id": '), {ok: false});
	t.like(validateJournalEntry('[]'), {ok: false, problem: 'must be an object, not an array'});
});

test('a pending record holding a command, or a bad watch, is refused', t => {
	// The attacker controls a pending record under --root; recovery must never run what it says.
	const base = {id: '2026-11-29T05-00-00-000Z-1.1.3', pid: 4242, time: '2026-11-29T05:00:00.000Z', title: 'Watch', backups: [], watches: []};
	t.true(validatePendingEntry(JSON.stringify(base)).ok);
	t.like(validatePendingEntry(JSON.stringify({...base, undoArgv: [['sh', '-c', 'touch /tmp/PWNED']]})), {ok: false, problem: 'unknown field "undoArgv" (dockwarden never runs a command stored in its journal)'});
	t.like(validatePendingEntry(JSON.stringify({...base, watches: [{path: '/usr/bin/dockerd\n-a exit,always', key: 'docker'}]})), {ok: false});
	t.like(validatePendingEntry(JSON.stringify({...base, backups: [{path: '/etc/docker/daemon.json', backup: '/tmp/x', created: false}]})), {ok: false});
	t.like(validatePendingEntry(JSON.stringify({...base, pid: 0})), {ok: false, problem: 'pid: must be a whole number from 1 to 4194304, not 0'});
	t.like(validatePendingEntry(JSON.stringify({...base, attributes: [{path: '/etc/docker', mode: '777'}]})), {ok: false});
});

test('an invalid journal file is listed apart with one line naming it, and never crashes the listing', async t => {
	// The attacker controls file names and contents in the journal directory; the listing must go on, and the line
	// that names the bad file must hold no raw control character.
	const tree = makeTree();
	t.teardown(() => {
		tree.remove();
	});
	const directory = path.join(tree.dir, journalDirectory);
	fs.mkdirSync(directory, {recursive: true});
	fs.writeFileSync(path.join(directory, '2026-11-29T05-00-00-000Z-1.1.3.json'), '{"id": 1}');
	fs.writeFileSync(path.join(directory, 'evil\u001B[2J.json'), 'not json');
	fs.writeFileSync(path.join(directory, '2026-11-29T06-00-00-000Z-1.1.3.pending.json'), JSON.stringify({id: '2026-11-29T06-00-00-000Z-1.1.3', pid: 1, time: '2026-11-29T06:00:00.000Z', title: 't', backups: [], undoArgv: [['sh', '-c', 'id']]}));
	const rootFs = createRootFs(tree.dir);
	const {entries, invalid} = await readJournalFiles(rootFs);
	t.deepEqual(entries, []);
	t.deepEqual(invalid.map(file => file.id).sort(), ['"evil\\u001b[2J.json"', '2026-11-29T05-00-00-000Z-1.1.3']);
	for (const file of invalid) {
		const line = describeInvalid(file);
		t.false(/[\u0000-\u001F\u007F-\u009F]/.test(line), line);
		t.true(line.startsWith(`${journalDirectory}/`), line);
	}

	const pending = await readPendingFiles(rootFs);
	t.deepEqual(pending.interrupted, []);
	t.is(pending.invalid.length, 1);
	t.regex(describeInvalid(pending.invalid[0]!), /2026-11-29T06-00-00-000Z-1\.1\.3\.pending\.json is not a valid dockwarden journal file \(unknown field "undoArgv"/);
});

test('the engine attempts nothing it could not journal and read back', async t => {
	// The attacker controls a file name a fix would act on (e.g. a certificate under /etc/docker/certs.d named with a
	// newline): the fix must not run, since its journal entry would be refused and the change could not be undone.
	const tree = makeTree();
	t.teardown(() => {
		tree.remove();
	});
	const calls: string[] = [];
	const access = {
		options: {dockerHost: 'unix:///nonexistent.sock'},
		fs: createRootFs(tree.dir),
		isRoot: true,
		async exec(argv: readonly string[]) {
			calls.push(argv.join(' '));
			return {exitCode: 0, stdout: '', stderr: ''};
		},
		tool: async () => undefined,
	} as unknown as HostAccess;
	const hostile: Plan[] = [
		{...plan, steps: [plan.steps[0]!, {kind: 'chmod', path: '/etc/docker/certs.d/a\nb.crt', mode: 0o444, before: 0o644}]},
		{...plan, steps: [{kind: 'run', argv: ['/usr/sbin/auditctl', '-w', '/opt/a b', '-k', 'dw-test'], undoArgv: ['/usr/sbin/auditctl', '-W', '/opt/a b', '-k', 'dw-test']}]},
		{...plan, title: 'Watch \u001B[2J'},
	];
	for (const hostilePlan of hostile) {
		const outcome = await applyPlan(hostilePlan, access, {verify: async () => [], isRoot: true});
		t.like(outcome, {ok: false, rolledBack: true});
		t.regex((outcome as {error: string}).error, /^refused before any step: .*, so the journal could not record it for undo$/);
	}

	t.deepEqual(calls, []);
	t.false(fs.existsSync(path.join(tree.dir, journalDirectory)), 'not even a pending record was written');
});
