import fs from 'node:fs';
import test from 'ava';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';
import {createSession} from '../../source/session.js';

// A dockerd started by hand (the private one: no service manager claims it) and no --restart-command: the TUI's
// question, and its answer "write daemon.json now, restart dockerd yourself later", through the real engine.
let daemon: PrivateDockerd;
let root: FakeRoot;

test.before(async () => {
	daemon = await startPrivateDockerd('{\n\t"labels": ["restart=later"]\n}\n');
	root = makeFakeRoot({mirrors: [daemon.dir]});
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

test.serial('restart later: the fix writes daemon.json and restarts nothing, 2.15 stays WARN (pending); the undo restores the file, with no restart either', async t => {
	t.timeout(300_000);
	// The ids are v1.6.0's: 2.15 is live restore there (2.16 in v1.8.0).
	const session = createSession({benchmark: '1.6.0', root: root.dir, dockerHost: daemon.host, auditKey: 'docker', daemonWaitMs: 5000});
	const before = fs.readFileSync(daemon.configFile, 'utf8');
	const pid = daemon.pid();

	// The TUI asks first: the refusal carries the question, with no command to offer.
	const asked = (await session.planFix('2.15', session.freshFacts(), 'ask')).outcome;
	t.false(asked.ok);
	t.like(asked, {restartChoice: {work: 'fix'}});
	t.false(!asked.ok && asked.restartChoice?.command !== undefined);
	t.regex(!asked.ok ? asked.restartChoice!.daemon : '', new RegExp(`^dockerd pid ${pid}`));

	const {outcome} = await session.planFix('2.15', session.freshFacts(), 'later');
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	t.deepEqual(outcome.plan.steps.map(step => step.kind), ['write']);
	t.regex(outcome.plan.warnings[0]!, new RegExp(`^dockwarden restarts nothing: the new ${daemon.configFile} takes effect when you restart dockerd pid ${pid} yourself`));
	const applied = await session.apply(outcome.plan);
	t.true(applied.ok, applied.ok ? '' : applied.error);
	t.true(applied.log.some(line => /2\.15 WARN/.test(line)), applied.log.join('\n'));

	// The file has the setting, the same dockerd runs on (never restarted), and the check says the setting is pending.
	t.deepEqual((JSON.parse(fs.readFileSync(daemon.configFile, 'utf8')) as Record<string, unknown>)['live-restore'], true);
	t.is(daemon.pid(), pid);
	const [result] = await session.run(['2.15']);
	t.is(result?.status, 'warn');
	t.regex(result?.summary ?? '', /^Pending: live-restore is configured but not in effect/);

	// Its undo restores the file byte for byte; the fix restarted nothing, so neither does the undo.
	const undo = await session.planUndo(undefined, false, 'ask');
	t.true(undo.ok, undo.ok ? '' : undo.reason);
	if (!undo.ok) {
		return;
	}

	t.deepEqual(undo.plan.steps.map(step => step.kind), ['write']);
	t.true((await session.apply(undo.plan)).ok);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before);
	t.is(daemon.pid(), pid);
});
