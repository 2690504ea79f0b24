import test from 'ava';
import type {Plan, RestartQuestion} from '../../../source/model/plan.js';
import {currentScreen, initialAppState, inputMode, type AppState} from '../../../source/ui/app/app-state.js';
import {busyText, headerText} from '../../../source/ui/app/chrome-text.js';
import {restartOptions} from '../../../source/ui/screens/restart-choice/choices.js';
import {initialRestartChoiceState, restartChoiceReducer} from '../../../source/ui/screens/restart-choice/state.js';
import {dispatch, keys} from '../../helpers/app-keys.js';
import {fakeChecks, fakeContext, fakeJournal, fakeSections, initialResults} from '../../helpers/fake-services.js';

const withCommand: RestartQuestion = {daemon: 'dockerd pid 812: started by hand', work: 'fix', command: 'systemctl restart my-docker'};
const withoutCommand: RestartQuestion = {daemon: 'dockerd pid 812: started by hand', work: 'fix'};
const origin = {kind: 'check', checkId: '1.1.3'} as const;
const context = fakeContext();

/** The plan of "write now, restart later", as the planner makes it. */
const laterPlan: Plan = {
	checkIds: ['1.1.3'],
	title: 'Restrict traffic between containers (icc: false), restart left to you',
	steps: [{kind: 'write', path: '/etc/docker/daemon.json', before: '{}\n', after: '{\n\t"icc": false\n}\n', mode: 0o644}],
	warnings: ['dockwarden restarts nothing: the new /etc/docker/daemon.json takes effect when you restart dockerd pid 812 yourself'],
	needsRoot: true,
	verify: 'none',
};

test('the choices: the --restart-command when given, restart later, cancel; each says what it does', t => {
	t.deepEqual(restartOptions(withCommand).map(option => option.value), ['command', 'later', 'cancel']);
	t.deepEqual(restartOptions(withoutCommand).map(option => option.value), ['later', 'cancel']);
	const [command, later] = restartOptions(withCommand);
	t.is(command!.label, 'Restart with your --restart-command: systemctl restart my-docker');
	t.regex(command!.does, /runs sh -c 'systemctl restart my-docker' to restart dockerd/);
	t.regex(later!.does, /restarts nothing: running containers go on, and the daemon keeps its current settings until you restart it yourself \(a check judged on the running daemon stays WARN, pending, until then\)/);
	t.regex(restartOptions({...withoutCommand, work: 'undo'})[0]!.label, /^Restore the files now, restart dockerd yourself later$/);
	// Every label fits one line of an 80-column terminal, with the marker in front.
	for (const option of [...restartOptions(withCommand), ...restartOptions({...withoutCommand, work: 'undo'})]) {
		t.true(option.label.length <= 76, option.label);
	}
});

test('the reducer moves within the choices and asks for the plan of the highlighted one', t => {
	let state = initialRestartChoiceState(origin, withCommand, 'dockwarden does not know who started dockerd pid 812');
	t.deepEqual(restartChoiceReducer(state, {type: 'choose'}, context).requests, [{type: 'plan-restart', choice: 'command'}]);
	state = restartChoiceReducer(state, {type: 'down'}, context).state;
	t.deepEqual(restartChoiceReducer(state, {type: 'choose'}, context).requests, [{type: 'plan-restart', choice: 'later'}]);
	state = restartChoiceReducer(state, {type: 'bottom'}, context).state;
	t.is(state.cursor, 2);
	t.deepEqual(restartChoiceReducer(state, {type: 'down'}, context).state.cursor, 2);
	t.deepEqual(restartChoiceReducer(state, {type: 'choose'}, context).requests, [{type: 'back'}, {type: 'notice', text: 'Cancelled: nothing was written.'}]);
	t.deepEqual(restartChoiceReducer(state, {type: 'back'}, context).requests, [{type: 'back'}, {type: 'notice', text: 'Cancelled: nothing was written.'}]);
	state = restartChoiceReducer(restartChoiceReducer(state, {type: 'top'}, context).state, {type: 'planning'}, context).state;
	t.true(state.planning);
	t.deepEqual(restartChoiceReducer(state, {type: 'choose'}, context).requests, [{type: 'notice', text: 'Already planning: the plan is on its way.'}]);
	const refused = restartChoiceReducer(state, {type: 'refused', reason: 'daemon.json changed'}, context);
	t.like(refused.state, {planning: false, refusal: 'daemon.json changed'});
	t.deepEqual(refused.requests, [{type: 'notice', text: 'Cannot plan it: daemon.json changed'}]);
});

function start(): AppState {
	return initialAppState({sections: fakeSections, checks: fakeChecks, columns: 80, rows: 24});
}

/** The detail of 1.1.3 with its WARN, its fix being planned. */
function planningDetail(): AppState {
	let state = keys(start(), 'open', 'run-section');
	const run = state.effects.find(effect => effect.type === 'run');
	if (run?.type === 'run') {
		for (const id of run.ids) {
			state = dispatch(state, {type: 'result', runId: run.runId, result: initialResults()[id]!});
		}

		state = dispatch(state, {type: 'run-finished', runId: run.runId});
	}

	return keys(dispatch(state, {type: 'effects-started', seq: state.nextSeq - 1}), 'down', 'open', 'fix');
}

test('a fix refused for want of a restart asks; the answer is planned again with it, and its plan replaces the question', t => {
	let state = dispatch(planningDetail(), {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: false, reason: 'dockwarden does not know who started dockerd pid 812', restartChoice: withCommand}});
	t.like(currentScreen(state), {name: 'restart-choice', state: {cursor: 0, planning: false}});
	t.is(inputMode(state), 'restart-choice');
	t.regex(headerText(state, ''), /1\.1\.3 › fix › how to restart$/);
	t.like(state.stack.at(-2), {name: 'detail', state: {planning: false}});

	state = keys(state, 'down', 'choose');
	t.like(state.effects.at(-1), {type: 'plan-fix', checkId: '1.1.3', unknownLauncher: 'later'});
	t.like(currentScreen(state), {name: 'restart-choice', state: {planning: true}});
	t.is(busyText(state), 'planning the fix');

	state = dispatch(state, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: true, plan: laterPlan}});
	t.like(currentScreen(state), {name: 'confirm', state: {plan: laterPlan, origin}});
	// The question is gone: cancelling the confirm goes back to the detail.
	state = keys(state, 'cancel');
	t.is(currentScreen(state).name, 'detail');
	t.is(state.notice, 'Cancelled: nothing was written.');
});

test('cancel on the question writes nothing and goes back to the detail; a refused answer stays on the question', t => {
	const asked = dispatch(planningDetail(), {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: false, reason: 'why', restartChoice: withoutCommand}});
	const cancelled = keys(asked, 'down', 'choose');
	t.is(currentScreen(cancelled).name, 'detail');
	t.false(cancelled.effects.some(effect => effect.type === 'plan-fix' && effect.unknownLauncher !== undefined));
	t.is(currentScreen(keys(asked, 'back')).name, 'detail');

	const refused = dispatch(keys(asked, 'choose'), {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: false, reason: 'nothing to write'}});
	t.like(currentScreen(refused), {name: 'restart-choice', state: {planning: false, refusal: 'nothing to write'}});
});

test('in read-only mode no question is asked: the refusal stays on the detail', t => {
	const state = dispatch({...planningDetail(), readOnly: true}, {type: 'plan-ready', checkId: '1.1.3', outcome: {ok: false, reason: 'why', restartChoice: withoutCommand}});
	t.like(currentScreen(state), {name: 'detail', state: {refusal: 'why'}});
});

test('an undo refused for want of a restart asks too, and restoring later is planned as an undo', t => {
	const entry = fakeJournal()[0]!;
	let state = keys(start(), 'journal');
	state = dispatch(state, {type: 'journal-loaded', outcome: {ok: true, entries: fakeJournal()}});
	state = keys(state, 'undo');
	state = dispatch(state, {type: 'undo-planned', entryId: entry.id, force: false, outcome: {ok: false, reason: 'no restart', restartChoice: {daemon: 'dockerd pid 812', work: 'undo'}}});
	t.like(currentScreen(state), {name: 'restart-choice', state: {origin: {kind: 'undo', entryId: entry.id, force: false}}});
	state = keys(state, 'choose');
	t.like(state.effects.at(-1), {type: 'plan-undo', entryId: entry.id, force: false, unknownLauncher: 'later'});
	state = dispatch(state, {type: 'undo-planned', entryId: entry.id, force: false, outcome: {ok: true, plan: {...laterPlan, undoes: entry.id}}});
	t.like(currentScreen(state), {name: 'confirm', state: {origin: {kind: 'undo', entryId: entry.id}}});
	t.is(state.stack.at(-2)?.name, 'journal');
});
