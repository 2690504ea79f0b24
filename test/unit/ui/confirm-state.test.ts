import test from 'ava';
import {confirmLines} from '../../../source/ui/screens/confirm/confirm-lines.js';
import {confirmReducer, confirmScroll, initialConfirmState} from '../../../source/ui/screens/confirm/state.js';
import {auditPlan, fakeContext} from '../../helpers/fake-services.js';

const plan = auditPlan('1.1.3');
const origin = {kind: 'check', checkId: '1.1.3'} as const;
const context = fakeContext({height: 6});

test('only apply applies', t => {
	t.deepEqual(confirmReducer(initialConfirmState(origin, plan), {type: 'apply'}, context).requests, [{type: 'apply'}]);
});

test('cancel goes back and says nothing was written', t => {
	t.deepEqual(confirmReducer(initialConfirmState(origin, plan), {type: 'cancel'}, context).requests, [
		{type: 'back'},
		{type: 'notice', text: 'Cancelled: nothing was written.'},
	]);
});

test('the plan scrolls within its lines', t => {
	const total = confirmLines(plan, context.width).length;
	const viewport = context.height - 2;
	let state = initialConfirmState(origin, plan);
	state = confirmReducer(state, {type: 'down'}, context).state;
	t.is(state.scroll, 1);
	state = confirmReducer(state, {type: 'bottom'}, context).state;
	t.is(state.scroll, total - viewport);
	t.is(confirmScroll({...state, scroll: 999}, context), total - viewport);
	state = confirmReducer(state, {type: 'top'}, context).state;
	t.is(state.scroll, 0);
	t.deepEqual(confirmReducer(state, {type: 'page-down'}, context).requests, []);
});

test('the plan lines carry commands, the diff and warnings, cut to the width without losing text', t => {
	const lines = confirmLines(plan, 30);
	t.true(lines.every(line => line.text.length <= 30));
	t.true(lines.some(line => line.kind === 'diff-add'));
	t.true(lines.some(line => line.kind === 'diff-remove'));
	const warnings = lines.filter(line => line.kind === 'warning');
	t.true(warnings[0]!.text.startsWith('! '), 'a warning starts with its mark');
	t.true(warnings.slice(1).every(line => !line.text.startsWith('! ') || line.text.length > 2), 'continuation lines hang under the text');
	const words = (text: string) => text.replaceAll(/[!\s]+/g, ' ').trim();
	t.is(words(warnings.map(line => line.text).join(' ')), words(plan.warnings.map(warning => `! ${warning}`).join(' ')), 'warnings wrap at words and lose nothing');
	const wide = confirmLines(plan, 200).filter(line => line.kind === 'command').map(line => line.text);
	t.true(wide.includes('1. run: auditctl -w /usr/bin/dockerd -k docker'));
	t.false(confirmLines(plan, 200).some(line => line.text.includes('\t')));
});
