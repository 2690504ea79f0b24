import test from 'ava';
import {resultLines} from '../../../source/ui/screens/result/result-lines.js';
import {applyingReducer, initialApplyingState} from '../../../source/ui/screens/applying/state.js';
import {helpReducer, initialHelpState} from '../../../source/ui/app/help-state.js';
import {initialResultState, resultReducer} from '../../../source/ui/screens/result/state.js';
import {auditPlan, fakeContext} from '../../helpers/fake-services.js';

const plan = auditPlan('1.1.3');
const origin = {kind: 'check', checkId: '1.1.3'} as const;

test('the applying screen records each step in order', t => {
	let state = initialApplyingState(origin, plan);
	state = applyingReducer(state, {type: 'step', line: 'one'});
	state = applyingReducer(state, {type: 'step', line: 'two'});
	t.deepEqual(state.steps, ['one', 'two']);
});

test('the result screen continues back to the check and scrolls its log', t => {
	const outcome = {ok: true as const, log: Array.from({length: 30}, (_, index) => `step ${index}`)};
	const context = fakeContext({height: 5});
	let state = initialResultState(origin, plan, outcome);
	t.deepEqual(resultReducer(state, {type: 'continue'}, context).requests, [{type: 'back'}]);
	state = resultReducer(state, {type: 'bottom'}, context).state;
	t.is(state.scroll, resultLines(plan, outcome, {}, {}, 80).length - 5);
});

test('the result says fixed, or failed and whether it was rolled back, with the re-run status', t => {
	const text = (lines: ReturnType<typeof resultLines>) => lines.map(line => line.text).join('\n');
	const ok = resultLines(plan, {ok: true, log: ['did it']}, {}, {'1.1.3': 2}, 80);
	t.regex(text(ok), /^Fixed: Watch \/usr\/bin\/dockerd with auditd/);
	t.true(ok.some(line => line.kind === 'status' && line.pending));
	t.regex(text(ok), /did it/);

	const failed = resultLines(plan, {ok: false, error: 'boom', log: [], rolledBack: false}, {}, {}, 80);
	t.regex(text(failed), /^Failed: boom\nNOT rolled back/);
	t.regex(text(failed), /nothing was done/);
	const rolledBack = resultLines(plan, {ok: false, error: 'boom', log: [], rolledBack: true}, {}, {}, 80);
	t.regex(text(rolledBack), /Rolled back: every step/);
});

test('help toggles, closes on back and scrolls within its lines', t => {
	let state = helpReducer(initialHelpState, {type: 'help'}, 10, 40);
	t.true(state.open);
	state = helpReducer(state, {type: 'bottom'}, 10, 40);
	t.is(state.scroll, 30);
	state = helpReducer(state, {type: 'back'}, 10, 40);
	t.deepEqual(state, initialHelpState);
	state = helpReducer(helpReducer(initialHelpState, {type: 'help'}, 10, 40), {type: 'help'}, 10, 40);
	t.false(state.open);
});
