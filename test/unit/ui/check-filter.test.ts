import test from 'ava';
import {allCheckKeys, catalogueOf} from '../../../source/benchmark/catalogue.js';
import {searchCheckIds, searchTerms} from '../../../source/benchmark/text/search-terms.js';
import type {Result} from '../../../source/benchmark/types.js';
import {filterMatch, filterWords, matchesFilter, matchReasonText} from '../../../source/ui/screens/checks/check-filter.js';
import {checksReducer, initialChecksState, initialSearchState, visibleChecks, type ChecksState} from '../../../source/ui/screens/checks/state.js';
import {filterReducer, filterShown, noFilter} from '../../../source/ui/screens/checks/filter-state.js';
import {initialSectionsState, sectionsReducer} from '../../../source/ui/screens/sections/state.js';
import {fakeContext, initialResults} from '../../helpers/fake-services.js';

// The ids these tests name are v1.6.0's (2.9 is user namespaces); the search works the same in every version.
const {checks} = catalogueOf('1.6.0');

const matching = (filter: string) => checks.filter(check => matchesFilter(check, filter)).map(check => check.id);

test('"namespace" finds 2.9 and 5.31 in the real catalogue, among the other namespace checks', t => {
	const ids = matching('namespace');
	t.true(ids.includes('2.9'));
	t.true(ids.includes('5.31'));
	t.deepEqual(ids, ['2.9', '5.10', '5.16', '5.17', '5.21', '5.31']);
	t.deepEqual(matching('user namespace'), ['2.9', '5.31']);
	t.deepEqual(matching('Namespace USER'), ['2.9', '5.31'], 'case and word order do not matter');
});

test('"audit" finds exactly 1.1.3 to 1.1.18', t => {
	t.deepEqual(matching('audit'), Array.from({length: 16}, (_, index) => `1.1.${index + 3}`));
});

test('words match at a word start only; ids by prefix', t => {
	t.deepEqual(matching('amespace'), [], 'not inside a word');
	t.deepEqual(matching('5.3'), ['5.3', '5.30', '5.31', '5.32']);
	t.deepEqual(matching('1.1.1'), ['1.1.1', '1.1.10', '1.1.11', '1.1.12', '1.1.13', '1.1.14', '1.1.15', '1.1.16', '1.1.17', '1.1.18']);
	t.deepEqual(matching('containerd.sock'), ['1.1.8', '3.23', '3.24'], 'after punctuation is a word start, and punctuation can be typed (3.23 and 3.24 by their search terms)');
	t.deepEqual(matching('1.1 containerd-shim'), ['1.1.15', '1.1.16', '1.1.17']);
	t.is(matching('').length, checks.length);
	t.is(matching('   ').length, checks.length);
	t.deepEqual(filterWords('  User  NAMESPACE '), ['user', 'namespace']);
});

test('search terms: what operators type finds the checks about it, though the titles use other words', t => {
	t.deepEqual(matching('userns'), ['2.9', '5.31'], 'userns-remap and --userns=host; the titles say "user namespace"');
	t.deepEqual(matching('live-restore'), ['2.15']);
	t.deepEqual(matching('--privileged'), ['5.5', '5.23'], 'docker run --privileged, and docker exec --privileged');
	t.deepEqual(matching('--pid=host'), ['5.16']);
	t.deepEqual(matching('icc'), ['2.2']);
	t.deepEqual(matching('no-new-privileges'), ['2.14', '5.26']);
	t.deepEqual(matching('auditctl'), Array.from({length: 16}, (_, index) => `1.1.${index + 3}`));
	t.deepEqual(matching('healthcheck'), ['4.6', '5.27']);
	t.deepEqual(matching('DOCKER_CONTENT_TRUST'), ['4.2', '4.5']);
	t.deepEqual(matching('/etc/default/docker'), ['1.1.10', '3.19', '3.20']);
	t.deepEqual(matching('tlsverify'), ['2.7']);
	t.deepEqual(matching('--cap-add'), ['5.4']);
	t.deepEqual(matching('--network=host'), ['5.10']);
	const socket = matching('docker.sock');
	for (const id of ['3.15', '3.16', '5.32']) {
		t.true(socket.includes(id), id);
	}

	t.deepEqual(socket, ['1.1.9', '3.3', '3.4', '3.15', '3.16', '5.32'], 'the socket, its mount, and the docker.socket unit that makes it');
	const daemonJson = matching('daemon.json');
	for (const id of ['1.1.11', '2.2', '2.9', '2.15', '3.17', '3.18']) {
		t.true(daemonJson.includes(id), id);
	}

	t.deepEqual(matching('userns 5'), ['5.31'], 'a term and an id prefix together');
	t.deepEqual(matching('serns'), [], 'inside a term is not a word start');
});

test('the reason of a match names the term when the id and title did not match, and nothing when they did', t => {
	const check = (id: string) => checks.find(candidate => candidate.id === id)!;
	t.is(matchReasonText(filterMatch(check('2.9'), 'userns')), 'matches: userns-remap');
	t.is(matchReasonText(filterMatch(check('5.31'), 'userns')), 'matches: --userns=host');
	t.is(matchReasonText(filterMatch(check('2.9'), 'namespace')), undefined);
	t.is(matchReasonText(filterMatch(check('2.9'), '2.9')), undefined);
	t.is(filterMatch(check('2.9'), 'privileged'), undefined);
});

test('every check of the catalogue has search terms, and the table knows no other id', t => {
	t.deepEqual([...searchCheckIds], allCheckKeys.map(check => check.key));
	t.deepEqual(Object.keys(searchTerms).sort(), [...searchCheckIds].sort());
	for (const id of searchCheckIds) {
		t.true(searchTerms[id].length > 0, id);
		t.true(searchTerms[id].every(term => term.trim() === term && term !== ''), id);
	}
});

function ranResult(id: string, status: Result['status'], evidence: readonly string[]): Result {
	return {id, status, summary: `summary of ${id}`, evidence, fixable: false, durationMs: 1};
}

test('a container name finds the checks whose evidence blames it, and only those', t => {
	const results: Record<string, Result> = {
		'5.5': ranResult('5.5', 'warn', ['1 running container considered', 'cis-web: privileged']),
		'5.32': ranResult('5.32', 'warn', ['cis-web: /var/run/docker.sock → /var/run/docker.sock (rw)']),
		'5.11': ranResult('5.11', 'note', ['cis-db: no memory limit']),
		'5.12': ranResult('5.12', 'pass', ['cis-web: --cpu-shares 512']),
		'5.4': ranResult('5.4', 'waived', ['cis-web: --cap-add NET_ADMIN']),
	};
	const found = (filter: string) => checks.filter(check => matchesFilter(check, filter, results[check.id])).map(check => check.id);
	t.deepEqual(found('cis-web'), ['5.4', '5.5', '5.32'], 'a WARN, NOTE or waived WARN blames it; a PASS that names it does not');
	t.deepEqual(found('cis-db'), ['5.11']);
	t.deepEqual(found('web'), ['5.4', '5.5', '5.32'], 'at a word start of the evidence');
	t.deepEqual(found('eb'), []);
	const check = checks.find(candidate => candidate.id === '5.32')!;
	t.is(matchReasonText(filterMatch(check, 'cis-web', results['5.32'])), 'evidence: "cis-web: /var/run/docker.sock → /var/run/docker.sock (rw)"');
	t.is(matchReasonText(filterMatch(check, 'cis-web docker.sock', results['5.32'])), 'matches: docker.sock; evidence: "cis-web: /var/run/docker.sock → /var/run/docker.sock (rw)"');
});

test('evidence shown as the reason of a match is printable text only', t => {
	// The attacker controls a container's name (and so the evidence line that names it), with terminal escapes, a
	// carriage return and bidirectional overrides in it; none of them may reach the filter line.
	const hostile = 'evil\u001B]0;owned\u0007\u001B[2J\r\u202Ename: privileged\u009B31m';
	const result = ranResult('5.5', 'warn', [hostile]);
	const check = checks.find(candidate => candidate.id === '5.5')!;
	const text = matchReasonText(filterMatch(check, 'evil', result));
	t.truthy(text);
	t.notRegex(text!, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/u);
	t.regex(text!, /^evidence: "evil\\x1b\]0;owned\\x07\\x1b\[2J/, 'made visible by safeText');
});

test('the filter input: open, type, delete, keep, clear', t => {
	let state = filterReducer(noFilter, {type: 'type', text: 'a'});
	t.is(state, noFilter, 'nothing is typed while it is closed');
	state = filterReducer(state, {type: 'filter'});
	t.true(state.open);
	t.true(filterShown(state));
	for (const text of 'audt') {
		state = filterReducer(state, {type: 'type', text});
	}

	state = filterReducer(state, {type: 'delete-char'});
	t.is(state.text, 'aud');
	state = filterReducer(state, {type: 'filter-keep'});
	t.deepEqual(state, {text: 'aud', open: false});
	t.true(filterShown(state));
	t.deepEqual(filterReducer(filterReducer(state, {type: 'filter'}), {type: 'filter-clear'}), noFilter);
	t.deepEqual(filterReducer({text: '  ', open: true}, {type: 'filter-keep'}), noFilter, 'a blank filter is no filter');
	t.false(filterShown(noFilter));
});

const ran = fakeContext({results: initialResults()});

function typed(state: ChecksState, text: string): ChecksState {
	return [...text].reduce((current, character) => checksReducer(current, {type: 'type', text: character}, ran).state, state);
}

test('the checks list narrows as the filter is typed, selecting the first match when the selected one is gone', t => {
	let state: ChecksState = checksReducer({...initialChecksState('1'), cursor: 0, selectedId: '1.1.1'}, {type: 'filter'}, ran).state;
	state = typed(state, 'audit');
	t.deepEqual(visibleChecks(state, ran).map(check => check.id), ['1.1.3', '1.1.4', '1.1.5', '1.1.6']);
	t.is(state.selectedId, '1.1.3');
	state = checksReducer(state, {type: 'down'}, ran).state;
	t.is(state.selectedId, '1.1.4');
	state = typed(state, 'x');
	t.deepEqual(visibleChecks(state, ran), []);
	t.is(state.selectedId, '1.1.4', 'kept while nothing matches');
	state = checksReducer(state, {type: 'filter-clear'}, ran).state;
	t.is(state.selectedId, '1.1.4');
	t.is(visibleChecks(state, ran).length, 5);
});

test('esc in a section list clears a kept filter first, then goes back', t => {
	let state = typed(checksReducer(initialChecksState('1'), {type: 'filter'}, ran).state, 'audit');
	state = checksReducer(state, {type: 'filter-keep'}, ran).state;
	const cleared = checksReducer(state, {type: 'back'}, ran);
	t.deepEqual(cleared.state.filter, noFilter);
	t.regex((cleared.requests[0] as {text: string}).text, /Filter cleared/);
	t.deepEqual(checksReducer(cleared.state, {type: 'back'}, ran).requests, [{type: 'back'}]);
});

test('the search of every check: / on the sections opens it; esc in its input goes back; s runs the matches', t => {
	t.deepEqual(sectionsReducer(initialSectionsState, {type: 'filter'}, ran).requests, [{type: 'open-search'}]);
	let state = initialSearchState();
	t.true(state.filter.open);
	t.is(visibleChecks(state, ran).length, ran.checks.length);
	state = typed(state, 'namespace');
	t.deepEqual(visibleChecks(state, ran).map(check => check.id), ['2.9']);
	t.deepEqual(checksReducer(state, {type: 'filter-clear'}, ran).requests, [{type: 'back'}]);
	state = checksReducer(state, {type: 'filter-keep'}, ran).state;
	t.deepEqual(checksReducer(state, {type: 'run-section'}, ran).requests, [{type: 'run', ids: ['2.9']}]);
	t.deepEqual(checksReducer(state, {type: 'back'}, ran).requests, [{type: 'back'}], 'esc on the search list goes back at once');
	t.deepEqual(checksReducer(state, {type: 'open'}, ran).requests, [{type: 'open-check', id: '2.9'}]);
});
