import test from 'ava';
import {checks} from '../../source/benchmark/catalogue.js';
import {formatSessionSummary, score} from '../../source/report/session-summary.js';
import type {SessionRecord} from '../../source/report/session-record.js';

const record: SessionRecord = {
	first: {'1.1.3': 'warn', '2.9': 'warn', '2.3': 'pass', '1.2.1': 'note'},
	last: {'1.1.3': 'pass', '2.9': 'waived', '2.3': 'pass', '1.2.1': 'note'},
	fixesApplied: [{title: 'Watch /usr/sbin/dockerd with the audit system', checkIds: ['1.1.3'], journalEntry: '/var/lib/dockwarden/journal/x.json'}],
	fixesUndone: [],
	waiversAdded: [{id: '2.9', reason: 'legacy images need root', expires: '2027-03-31'}],
};

test('the score counts PASS over PASS and WARN only', t => {
	t.deepEqual(score(record.first), {pass: 1, scored: 3});
	t.deepEqual(score(record.last), {pass: 2, scored: 2});
});

test('the summary names the score before and after, WARN → PASS, the fixes and the waivers, as text and as Markdown', t => {
	const text = formatSessionSummary(record, checks, false);
	t.regex(text, /Score: 1\/3 pass \(33%\) before, 2\/2 pass \(100%\) after/);
	t.regex(text, /WARN → PASS \(1\)\n {2}1\.1\.3 - Ensure auditing is configured for the Docker daemon/);
	t.regex(text, /Fixes applied \(1\)\n {2}1\.1\.3: Watch \/usr\/sbin\/dockerd/);
	t.regex(text, /Waivers added \(1\)\n {2}2\.9: legacy images need root \(until 2027-03-31\)/);
	const markdown = formatSessionSummary(record, checks, true);
	t.regex(markdown, /^# dockwarden session summary/);
	t.regex(markdown, /^## Fixes undone \(0\)\n\n- none$/m);
});

test('the summary of a demo session says that its changes went with the sandbox', t => {
	t.regex(formatSessionSummary({...record, demo: true}, checks, false), /^dockwarden session summary \(demo: the sample host; its sandbox, with every change below, is gone\)$/m);
	t.notRegex(formatSessionSummary(record, checks, false), /demo/);
});
