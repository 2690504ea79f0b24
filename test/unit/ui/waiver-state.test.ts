import test from 'ava';
import {expiryProblem, localDay} from '../../../source/ui/screens/waiver/expiry-day.js';
import {waiveRefusal} from '../../../source/ui/screens/fix-refusal.js';
import {initialWaiverState, waiverReducer, type WaiverAction, type WaiverState} from '../../../source/ui/screens/waiver/state.js';
import {fakeContext, initialResults} from '../../helpers/fake-services.js';

const context = fakeContext({today: '2026-11-29'});

function act(state: WaiverState, ...actions: WaiverAction[]) {
	return actions.reduce((transition, action) => waiverReducer(transition.state, action, context), {state, requests: []} as ReturnType<typeof waiverReducer>);
}

function type(text: string): WaiverAction[] {
	return [...text].map(character => ({type: 'type', text: character}));
}

test('expiry days: YYYY-MM-DD, a real day, after today', t => {
	t.is(expiryProblem('2027-01-31', '2026-11-29'), undefined);
	t.is(expiryProblem('2026-11-30', '2026-11-29'), undefined);
	t.is(expiryProblem('2028-02-29', '2026-11-29'), undefined, 'a leap day');
	t.regex(expiryProblem('2027-1-31', '2026-11-29')!, /YYYY-MM-DD/);
	t.regex(expiryProblem('31/01/2027', '2026-11-29')!, /YYYY-MM-DD/);
	t.regex(expiryProblem('tomorrow', '2026-11-29')!, /YYYY-MM-DD/);
	t.regex(expiryProblem('2027-02-29', '2026-11-29')!, /not a real day/);
	t.regex(expiryProblem('2027-13-01', '2026-11-29')!, /not a real day/);
	t.regex(expiryProblem('2027-04-31', '2026-11-29')!, /not a real day/);
	t.regex(expiryProblem('2026-11-29', '2026-11-29')!, /not in the future/);
	t.regex(expiryProblem('2020-01-01', '2026-11-29')!, /not in the future/);
	t.is(localDay(new Date(2027, 0, 5, 23, 59)), '2027-01-05');
});

test('typing goes to the focused field; tab moves between the fields; backspace deletes', t => {
	let {state} = act(initialWaiverState('1.1.3'), ...type('no auditd'), {type: 'delete-char'});
	t.is(state.reason, 'no audit');
	({state} = act(state, {type: 'next-field'}, ...type('2027')));
	t.like(state, {reason: 'no audit', expires: '2027', field: 'expires'});
	({state} = act(state, {type: 'next-field'}));
	t.is(state.field, 'reason');
});

test('enter on an empty reason is refused; enter on a reason moves to the expiry', t => {
	let {state, requests} = act(initialWaiverState('1.1.3'), {type: 'submit'});
	t.regex(state.error ?? '', /A reason is required/);
	t.is(state.field, 'reason');
	t.deepEqual(requests, []);
	({state} = act(state, ...type('ok')));
	t.is(state.error, undefined, 'typing clears the error');
	({state} = act(state, {type: 'submit'}));
	t.is(state.field, 'expires');
});

test('saving checks the whole form before it asks for the waiver', t => {
	const blank = act(initialWaiverState('1.1.3'), ...type('  '), {type: 'next-field'}, {type: 'submit'});
	t.regex(blank.state.error ?? '', /A reason is required/);
	t.is(blank.state.field, 'reason', 'back to the reason');
	t.false(blank.requests.some(request => request.type === 'add-waiver'));

	const badDay = act(initialWaiverState('1.1.3'), ...type('ok'), {type: 'next-field'}, ...type('2027-02-30'), {type: 'submit'});
	t.regex(badDay.state.error ?? '', /not a real day/);
	t.false(badDay.state.saving);
	t.false(badDay.requests.some(request => request.type === 'add-waiver'));

	const saved = act(initialWaiverState('1.1.3'), ...type(' accepted risk '), {type: 'submit'}, ...type('2027-01-31'), {type: 'submit'});
	t.true(saved.state.saving);
	t.deepEqual(saved.requests, [{type: 'add-waiver', id: '1.1.3', reason: 'accepted risk', expires: '2027-01-31'}]);

	const forever = act(initialWaiverState('1.1.3'), ...type('accepted'), {type: 'submit'}, {type: 'submit'});
	t.deepEqual(forever.requests, [{type: 'add-waiver', id: '1.1.3', reason: 'accepted'}]);
});

test('while saving keys only say so; a refusal shows why and lets the form be changed', t => {
	const saving = act(initialWaiverState('1.1.3'), ...type('accepted'), {type: 'submit'}, {type: 'submit'}).state;
	const typed = act(saving, {type: 'type', text: 'x'}, {type: 'cancel'});
	t.is(typed.state, saving);
	t.regex((typed.requests[0] as {text: string}).text, /Saving the waiver of 1\.1\.3/);
	const refused = act(saving, {type: 'refused', reason: 'the waivers file is not writable'}).state;
	t.false(refused.saving);
	t.is(refused.error, 'Cannot waive 1.1.3: the waivers file is not writable');
});

test('esc cancels: back, and nothing asked of the service', t => {
	const {requests} = act(initialWaiverState('1.1.3'), ...type('half'), {type: 'cancel'});
	t.deepEqual(requests, [{type: 'back'}, {type: 'notice', text: 'Cancelled: no waiver was written.'}]);
});

test('only a WARN that has run can be waived', t => {
	const results = initialResults();
	t.is(waiveRefusal('1.1.3', results['1.1.3'], false), undefined);
	t.regex(waiveRefusal('1.1.3', results['1.1.3'], true)!, /is running/);
	t.regex(waiveRefusal('1.1.3', undefined, false)!, /Run 1\.1\.3 first/);
	t.is(waiveRefusal('1.1.5', results['1.1.5'], false), '1.1.5 is PASS: only a WARN can be waived.');
	const waived = {...results['1.1.3']!, status: 'waived' as const, waiver: {id: '1.1.3', reason: 'accepted'}};
	t.is(waiveRefusal('1.1.3', waived, false), '1.1.3 is waived already: accepted.');
});
