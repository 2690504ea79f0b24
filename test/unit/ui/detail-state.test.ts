import test from 'ava';
import {detailLines} from '../../../source/ui/screens/detail/detail-lines.js';
import {detailLineCount, detailReducer, initialDetailState, visibleScroll} from '../../../source/ui/screens/detail/state.js';
import {fakeChecks, fakeContext, initialResults} from '../../helpers/fake-services.js';

const results = initialResults();
const context = fakeContext({results, height: 10});
const check = fakeChecks.find(candidate => candidate.id === '1.1.3')!;

test('the detail shows status, the fixable hint, evidence, rationale, impact and remediation', t => {
	const text = detailLines(check, results['1.1.3'], false, 80).map(line => line.text).join('\n');
	t.regex(text, /^1\.1\.3 {2}Ensure auditing/);
	t.regex(text, /Level 1 · Automated · Section 1/);
	t.regex(text, /No audit rule watches/);
	t.regex(text, /fixable: press f/);
	for (const heading of ['Evidence', 'Rationale', 'Impact', 'Remediation']) {
		t.regex(text, new RegExp(`^${heading}$`, 'm'));
	}
});

test('the detail wraps to the width', t => {
	for (const line of detailLines(check, results['1.1.3'], false, 40)) {
		t.true(line.text.length <= 40, line.text);
	}
});

test('before a run the detail says how to run it', t => {
	const lines = detailLines(check, undefined, false, 80);
	t.true(lines.some(line => line.kind === 'status' && line.status === undefined && /press r/.test(line.text)));
	t.false(lines.some(line => line.kind === 'hint'));
	t.true(detailLines(check, undefined, true, 80).some(line => line.kind === 'status' && line.pending));
});

test('scrolling stays within the content', t => {
	const total = detailLineCount(initialDetailState('1.1.3'), context);
	t.true(total > 10);
	let state = initialDetailState('1.1.3');
	state = detailReducer(state, {type: 'up'}, context).state;
	t.is(state.scroll, 0);
	state = detailReducer(state, {type: 'down'}, context).state;
	state = detailReducer(state, {type: 'down'}, context).state;
	t.is(state.scroll, 2);
	state = detailReducer(state, {type: 'bottom'}, context).state;
	t.is(state.scroll, total - 10);
	state = detailReducer(state, {type: 'page-down'}, context).state;
	t.is(state.scroll, total - 10);
	state = detailReducer(state, {type: 'page-up'}, context).state;
	t.is(state.scroll, total - 19);
	state = detailReducer(state, {type: 'top'}, context).state;
	t.is(state.scroll, 0);
	t.is(visibleScroll({...state, scroll: 1000}, context), total - 10);
});

test('r re-runs this check, esc goes back', t => {
	t.deepEqual(detailReducer(initialDetailState('1.1.3'), {type: 'run-selected'}, context).requests, [{type: 'run', ids: ['1.1.3']}]);
	t.deepEqual(detailReducer(initialDetailState('1.1.3'), {type: 'back'}, context).requests, [{type: 'back'}]);
});

test('f plans the fix of a fixable WARN, once at a time', t => {
	t.deepEqual(detailReducer(initialDetailState('1.1.3'), {type: 'fix'}, context).requests, [{type: 'plan-fix', id: '1.1.3'}]);
	const planning = detailReducer(initialDetailState('1.1.3'), {type: 'planning'}, context).state;
	t.true(planning.planning);
	t.is(detailReducer(planning, {type: 'fix'}, context).requests[0]?.type, 'notice');
	t.false(detailReducer(planning, {type: 'planned'}, context).state.planning);
});

test('f on a check that is not fixable says why', t => {
	const request = detailReducer(initialDetailState('1.1.4'), {type: 'fix'}, context).requests[0];
	t.deepEqual(request, {type: 'notice', text: '1.1.4 has no automated fix: see its Remediation.'});
});

test('a refused plan is kept in the body until the next attempt or run', t => {
	const {state, requests} = detailReducer({...initialDetailState('1.1.3'), planning: true}, {type: 'refused', reason: 'daemon.json is malformed'}, context);
	t.false(state.planning);
	t.deepEqual(requests, [{type: 'notice', text: 'Cannot fix 1.1.3: daemon.json is malformed'}]);
	const lines = detailLines(check, results['1.1.3'], false, 80, state.refusal);
	t.true(lines.some(line => line.kind === 'warning' && line.text === 'Cannot fix: daemon.json is malformed'));
	t.is(detailReducer(state, {type: 'planning'}, context).state.refusal, undefined);
	t.is(detailReducer(state, {type: 'run-selected'}, context).state.refusal, undefined);
});
