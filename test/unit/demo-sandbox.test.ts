import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {checks} from '../../source/benchmark/catalogue.js';
import {sampleHostDirectory} from '../../source/demo/sample-host.js';
import {openSandbox, type Sandbox} from '../../source/demo/sandbox.js';
import {createSession} from '../../source/session.js';

async function demoSession(t: {teardown(fn: () => Promise<void>): void}): Promise<{sandbox: Sandbox; session: ReturnType<typeof createSession>}> {
	const sandbox = await openSandbox({restartDelayMs: 0});
	t.teardown(sandbox.dispose);
	const session = createSession({root: sandbox.root, dockerHost: sandbox.access.options.dockerHost, auditKey: 'docker'}, sandbox.access);
	return {sandbox, session};
}

const byId = <Item extends {id: string}>(results: readonly Item[]) => new Map(results.map(result => [result.id, result]));

test('the sample host runs all 118 checks of v1.8.0 without an error: the sandbox answers every call the gatherers make', async t => {
	const {session} = await demoSession(t);
	const results = await session.run(checks.map(check => check.id));
	t.is(results.length, 118);
	t.deepEqual(results.filter(result => result.status === 'error').map(result => `${result.id}: ${result.summary}`), []);
	const found = byId(results);
	// The misconfigurations the sample host is made of, each found by the real check logic.
	t.is(found.get('1.1.3')?.status, 'pass');
	t.is(found.get('1.1.4')?.status, 'warn');
	t.is(found.get('2.10')?.status, 'warn');
	t.is(found.get('2.7')?.status, 'pass', 'devicemapper is not used on the sample host');
	t.is(found.get('3.19')?.status, 'warn');
	t.is(found.get('5.5')?.status, 'warn');
	t.is(found.get('5.7')?.status, 'warn');
	t.is(found.get('5.32')?.status, 'warn');
	t.true(found.get('1.1.3')?.evidence.some((line: string) => /by alice {2}syscall=execve/.test(line)), 'the recorded audit events show in 1.1.3');
});

test('the userns fix writes the sandbox daemon.json, restarts its dockerd, and 2.10 (v1.6.0 2.9) then shows the mapped uid and the --userns=host container', async t => {
	const {sandbox, session} = await demoSession(t);
	const {outcome} = await session.planFix('2.10');
	if (!outcome.ok) {
		t.fail(outcome.reason);
		return;
	}

	t.is(outcome.plan.benchmark, '1.8.0');
	const applied = await session.apply(outcome.plan);
	t.true(applied.ok);
	// The journal records the version of the ids it names.
	const [entry] = await session.journal();
	t.deepEqual([entry?.checkIds, entry?.benchmark], [['2.10'], '1.8.0']);
	const [result] = await session.run(['2.10']);
	t.is(result?.status, 'pass');
	t.true(result?.evidence.includes('web: uid 0 in the container = uid 100000 on the host (pid 4102; dockremap range 100000-165535 from /etc/subuid)'));
	t.true(result?.evidence.includes('node-exporter: uid 0 in the container = uid 0 on the host (pid 4210; --userns=host: not remapped)'));
	t.regex(readFileSync(path.join(sandbox.root, 'etc/subgid'), 'utf8'), /^dockremap:100000:65536$/m);

	const undo = await session.planUndo(undefined, false);
	t.true(undo.ok && (await session.apply(undo.plan)).ok);
	const [undone] = await session.run(['2.10']);
	t.is(undone?.status, 'warn');
	t.true(undone?.evidence.includes('web: uid 0 in the container = uid 0 on the host (pid 2590)'));
});

test('an audit fix loads the rule in the sandbox kernel and persists it; prove it then finds the new event', async t => {
	const {sandbox, session} = await demoSession(t);
	const {outcome} = await session.planFix('1.1.6');
	t.true(outcome.ok && (await session.apply(outcome.plan)).ok);
	t.regex(readFileSync(path.join(sandbox.root, 'etc/audit/rules.d/docker.rules'), 'utf8'), /^-w \/etc\/docker -k docker$/m);
	const proof = await session.proveAudit('1.1.6');
	t.like(proof, {ok: true, touched: 'ls /etc/docker'});
	t.like(proof.ok ? proof.event : undefined, {program: '/usr/bin/ls', syscall: 'openat', path: '/etc/docker'});
});

test('a chown fix works without root: owners are the sandbox\'s, the real file keeps the user\'s', async t => {
	const {sandbox, session} = await demoSession(t);
	const {outcome} = await session.planFix('3.19');
	t.true(outcome.ok && (await session.apply(outcome.plan)).ok);
	const [result] = await session.run(['3.19']);
	t.is(result?.status, 'pass');
	t.is(statSync(path.join(sandbox.root, 'etc/default/docker')).uid, process.getuid!());
});

test('a daemon.json the sandbox dockerd refuses rolls the fix back, as on a real host', async t => {
	const {sandbox, session} = await demoSession(t);
	const daemonJson = path.join(sandbox.root, 'etc/docker/daemon.json');
	const {outcome} = await session.planFix('2.15');
	if (!outcome.ok) {
		t.fail(outcome.reason);
		return;
	}

	const before = readFileSync(daemonJson, 'utf8');
	// The plan's own write is valid; break its text so the restart fails, as a hand edit racing the fix would.
	const broken = {...outcome.plan, steps: outcome.plan.steps.map(step => step.kind === 'write' ? {...step, after: `${step.after}}`, validate: undefined} : step)};
	const applied = await session.apply(broken);
	t.false(applied.ok);
	t.regex(applied.ok ? '' : applied.error, /restart failed|refuses|Job for docker\.service failed/);
	t.is(readFileSync(daemonJson, 'utf8'), before, 'rolled back');
});

test('the sandbox runs nothing on the machine: a command it does not play is refused', async t => {
	const {sandbox} = await demoSession(t);
	const marker = path.join(sandbox.root, 'marker');
	writeFileSync(marker, 'x');
	const result = await sandbox.access.exec(['rm', '-f', marker]);
	t.is(result.exitCode, 127);
	t.regex(result.stderr, /not in the demo sandbox/);
	t.is(readFileSync(marker, 'utf8'), 'x');
});

test('the sample host is small plain files', t => {
	const bytes = execFileSync('find', [sampleHostDirectory(), '-type', 'f', '-printf', '%s\n'], {encoding: 'utf8'}).trim().split('\n').reduce((sum, size) => sum + Number(size), 0);
	t.true(bytes < 32 * 1024, `${bytes} bytes`);
	const text = execFileSync('grep', ['-rIL', '.', sampleHostDirectory()], {encoding: 'utf8'}).trim().split('\n').filter(Boolean);
	t.deepEqual(text.filter(file => !/etc\/sub[ug]id$/.test(file)), [], 'no binary file');
});

test('a waiver recorded under v1.6.0 for 2.9 applies to v1.8.0 2.10 and says what it was recorded as; waiving it again under v1.8.0 replaces it', async t => {
	const sandbox = await openSandbox({restartDelayMs: 0});
	t.teardown(sandbox.dispose);
	const directory = mkdtempSync(path.join(os.tmpdir(), 'dw-waivers-'));
	t.teardown(() => rmSync(directory, {recursive: true, force: true}));
	const file = path.join(directory, 'waivers.json');
	writeFileSync(file, '{"waivers": [{"id": "2.9", "reason": "legacy images need root"}]}\n');
	const sessionOf = (benchmark: '1.6.0' | '1.8.0') => createSession({root: sandbox.root, dockerHost: sandbox.access.options.dockerHost, auditKey: 'docker', waiversFile: file, benchmark}, sandbox.access);

	const now = sessionOf('1.8.0');
	const [userns, ulimit] = await now.run(['2.10', '2.9']);
	t.is(userns?.status, 'waived');
	t.deepEqual(userns?.waiver?.recordedAs, {id: '2.9', benchmark: '1.6.0'});
	t.not(ulimit?.status, 'waived', 'v1.8.0 2.9 is the ulimit check, which the waiver does not name');
	const [old] = await sessionOf('1.6.0').run(['2.9']);
	t.is(old?.status, 'waived');
	t.is(old?.waiver?.recordedAs, undefined);

	// Only a WARN can be waived: once the old waiver has expired, a new one under v1.8.0 takes its place in the file.
	writeFileSync(file, '{"waivers": [{"id": "2.9", "reason": "legacy images need root", "expires": "2020-01-31"}, {"id": "5.1", "reason": "swarm is ours"}]}\n');
	const [expired] = await now.run(['2.10']);
	t.deepEqual([expired?.status, expired?.waiver?.expired], ['warn', true]);
	const added = await now.addWaiver('2.10', 'still legacy images', undefined);
	t.true(added.ok);
	const written = JSON.parse(readFileSync(file, 'utf8')) as {waivers: Array<Record<string, string>>};
	t.deepEqual(written.waivers.map(waiver => [waiver.id, waiver.reason, waiver.benchmark]), [['2.10', 'still legacy images', '1.8.0'], ['5.1', 'swarm is ours', undefined]]);
	const [again] = await sessionOf('1.6.0').run(['2.9']);
	t.deepEqual([again?.status, again?.waiver?.reason, again?.waiver?.recordedAs], ['waived', 'still legacy images', {id: '2.10', benchmark: '1.8.0'}]);
});
