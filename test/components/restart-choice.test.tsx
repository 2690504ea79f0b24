import test from 'ava';
import type {Plan, PlanOutcome, RestartQuestion, UnknownLauncher} from '../../source/model/plan.js';
import {createFakeServices, type FakeServices} from '../helpers/fake-services.js';
import {keys, lines, renderDockwarden} from '../helpers/render.js';

/** Opens the 1.1.3 detail after running section 1. */
const openWarn = [keys.enter, 's', 'j', keys.enter];

/** A frame's text with its line breaks and runs of spaces as one space, for sentences that wrap. */
const flat = (frame: string) => frame.replaceAll(/\s+/g, ' ');

const question: RestartQuestion = {daemon: 'dockerd pid 812: no service manager claims pid 812', work: 'fix', command: 'systemctl restart my-docker'};
const reason = 'dockwarden does not know who started dockerd pid 812: restart it with your --restart-command, or write daemon.json now and restart it yourself later';

/** What the planner makes of each answer: the write alone (later), or the write and the restart with the command. */
function planFor(unknownLauncher: UnknownLauncher): Plan {
	const write = {kind: 'write' as const, path: '/etc/docker/daemon.json', before: '{}\n', after: '{\n\t"icc": false\n}\n', mode: 0o644};
	return unknownLauncher === 'later'
		? {checkIds: ['1.1.3'], title: 'Restrict traffic between containers (icc: false), restart left to you', steps: [write], warnings: ['dockwarden restarts nothing: the new /etc/docker/daemon.json takes effect when you restart dockerd pid 812 yourself, until then the daemon runs with its current settings, and a check judged on the running daemon stays WARN (pending)'], needsRoot: true, verify: 'none'}
		: {checkIds: ['1.1.3'], title: 'Restrict traffic between containers (icc: false)', steps: [write, {kind: 'restart-daemon', method: {kind: 'command', argv: ['sh', '-c', 'systemctl restart my-docker']}}], warnings: [], needsRoot: true};
}

/** Fake services whose planner asks how to restart (the TUI's default), and plans each answer; the calls are kept. */
function askingServices(restart: RestartQuestion = question): FakeServices & {readonly asked: Array<UnknownLauncher | undefined>} {
	const fake = createFakeServices();
	const asked: Array<UnknownLauncher | undefined> = [];
	fake.planFix = async (_id: string, unknownLauncher?: UnknownLauncher): Promise<PlanOutcome> => {
		asked.push(unknownLauncher);
		return unknownLauncher === undefined || unknownLauncher === 'ask'
			? {ok: false, code: 'not-applicable', reason, restartChoice: restart}
			: {ok: true, plan: planFor(unknownLauncher)};
	};

	return Object.assign(fake, {asked});
}

test('f over a dockerd whose launcher is unknown asks how to restart it, in 80x24, the --restart-command first', async t => {
	const fake = askingServices();
	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f');
	const frame = tui.frame();
	t.regex(frame, /1\.1\.3 › fix › how to restart/);
	t.regex(flat(frame), /does not know who started dockerd pid 812/);
	t.regex(frame, /How should this fix take effect\?/);
	t.regex(frame, /^› Restart with your --restart-command: systemctl restart my-docker$/m);
	t.regex(frame, /^ {2}Write daemon\.json now, restart dockerd yourself later$/m);
	t.regex(frame, /^ {2}Cancel: nothing is written$/m);
	t.regex(flat(frame), /runs sh -c 'systemctl restart my-docker' to restart dockerd/);
	t.regex(frame, /enter choose/);
	// Text, not colour, marks the choice; the frame fits the terminal.
	t.false(frame.includes('\u001B['));
	t.true(lines(frame).length <= 23);
	t.true(lines(frame).every(line => line.length <= 80), frame);
	t.is(fake.applyCalls.length, 0);
	await tui.unmount();
});

test('j then enter plans "restart later": the confirm shows the write alone and says nothing is restarted; y applies that plan', async t => {
	const fake = askingServices();
	const tui = await renderDockwarden(fake, {rows: 40});
	await tui.press(...openWarn, 'f', 'j');
	let frame = tui.frame();
	t.regex(frame, /^› Write daemon\.json now, restart dockerd yourself later$/m);
	t.regex(flat(frame), /the daemon keeps its current settings until you restart it yourself \(a check judged on the running daemon stays WARN, pending, until then\)/);
	await tui.press(keys.enter);
	t.deepEqual(fake.asked, [undefined, 'later']);
	frame = tui.frame();
	t.regex(frame, /Apply this fix\?/);
	t.regex(frame, /1\. write \/etc\/docker\/daemon\.json/);
	t.notRegex(frame, /restart the Docker daemon/);
	t.regex(frame, /! dockwarden restarts nothing/);
	await tui.press('y');
	t.deepEqual(fake.applyCalls.map(plan => plan.steps.map(step => step.kind)), [['write']]);
	await tui.unmount();
});

test('enter on the --restart-command plans the restart with it, and cancelling that confirm goes back to the detail', async t => {
	const fake = askingServices();
	const tui = await renderDockwarden(fake, {rows: 40});
	await tui.press(...openWarn, 'f', keys.enter);
	t.deepEqual(fake.asked, [undefined, 'command']);
	t.regex(tui.frame(), /restart the Docker daemon: sh -c 'systemctl restart my-docker'/);
	await tui.press('n');
	const frame = tui.frame();
	t.regex(frame, /Cancelled: nothing was written\./);
	t.regex(frame, /1\.1\.3 {2}Ensure auditing/);
	t.notRegex(frame, /How should this fix take effect/);
	t.is(fake.applyCalls.length, 0);
	await tui.unmount();
});

test('two keys in one chunk move two rows: jj then enter cancels, writing nothing', async t => {
	const fake = askingServices();
	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f', 'jj');
	t.regex(tui.frame(), /^› Cancel: nothing is written$/m);
	await tui.press(keys.enter);
	t.deepEqual(fake.asked, [undefined]);
	t.regex(tui.frame(), /Cancelled: nothing was written\./);
	t.is(fake.applyCalls.length, 0);
	await tui.unmount();
});

test('without a --restart-command the choices are restart later and cancel; esc cancels', async t => {
	const fake = askingServices({daemon: 'dockerd pid 812', work: 'fix'});
	const tui = await renderDockwarden(fake);
	await tui.press(...openWarn, 'f');
	const frame = tui.frame();
	t.notRegex(frame, /--restart-command:/);
	t.regex(frame, /^› Write daemon\.json now, restart dockerd yourself later$/m);
	await tui.press(keys.escape);
	t.regex(tui.frame(), /Cancelled: nothing was written\./);
	t.deepEqual(fake.asked, [undefined]);
	await tui.unmount();
});

test('an undo refused for want of a restart asks too: restore the files now, restart later', async t => {
	const fake = createFakeServices();
	const undoCalls: Array<UnknownLauncher | undefined> = [];
	fake.planUndo = async (id: string, _force: boolean, unknownLauncher?: UnknownLauncher): Promise<PlanOutcome> => {
		undoCalls.push(unknownLauncher);
		return unknownLauncher === 'later'
			? {ok: true, plan: {...planFor('later'), undoes: id, title: 'Set "icc": false in daemon.json (journal entry)'}}
			: {ok: false, code: 'not-applicable', reason: 'the fix restarted dockerd, and dockwarden does not know how to restart it here', restartChoice: {daemon: 'dockerd pid 812', work: 'undo'}};
	};

	const tui = await renderDockwarden(fake, {rows: 40});
	await tui.press('J', 'u');
	let frame = tui.frame();
	t.regex(frame, /How should this undo take effect\?/);
	t.regex(frame, /^› Restore the files now, restart dockerd yourself later$/m);
	await tui.press(keys.enter);
	t.deepEqual(undoCalls, [undefined, 'later']);
	frame = tui.frame();
	t.regex(frame, /Undo this fix\?/);
	t.regex(frame, /Undo\? \[y\/N\]/);
	await tui.unmount();
});
