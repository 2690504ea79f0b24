import fs from 'node:fs';
import test from 'ava';
import {checks, sections} from '../../source/benchmark/catalogue.js';
import type {SectionLogic} from '../../source/benchmark/checks/check-logic.js';
import {section6Logic} from '../../source/benchmark/checks/section-6-operations.js';
import type {Section6TextId} from '../../source/benchmark/text/section-6-operations.js';

// Ids, titles and assessments as published in CIS Docker Benchmark v1.6.0, one check a line: id, title, assessment.
const rows = fs.readFileSync(new URL('../fixtures/cis-docker-1.6.0-checks.tsv', import.meta.url), 'utf8').trim().split('\n').map(line => ['', ...line.split('\t')]);

test('the catalogue holds exactly the 117 checks of v1.6.0, ids, titles and assessment as published', t => {
	t.is(rows.length, 117);
	t.deepEqual(checks.map(check => [check.id, check.title, check.automated ? 'Automated' : 'Manual']), rows.map(row => [row[1], row[2], row[3]]));
});

test('seven sections, every check in one of them, with words to explain it', t => {
	t.deepEqual(sections.map(section => section.id), ['1', '2', '3', '4', '5', '6', '7']);
	for (const check of checks) {
		t.true(check.id.startsWith(`${check.section}.`), check.id);
		t.true(check.rationale.length > 40 && check.impact.length > 3 && check.remediation.length > 20, check.id);
	}
});

test('every check is evaluated; the audit rules, the daemon.json settings and file permissions can be fixed', t => {
	for (const check of checks) {
		t.is(typeof check.audit, 'function', check.id);
	}

	const fixable = checks.filter(check => check.planFix).map(check => check.id);
	t.deepEqual(fixable, [
		...Array.from({length: 16}, (_, index) => `1.1.${index + 3}`),
		'2.2', '2.3', '2.4', '2.9', '2.14', '2.15', '2.16', '2.18',
		...Array.from({length: 24}, (_, index) => `3.${index + 1}`),
	]);
});

test('each section\'s logic table is held to its text ids by the compiler: a missing or an extra id does not compile', t => {
	const audit = section6Logic['6.1'];
	// @ts-expect-error: 6.2 has words but no behaviour
	const missing = {'6.1': audit} satisfies SectionLogic<Section6TextId>;
	// @ts-expect-error: 6.3 has behaviour but no words
	const extra = {'6.1': audit, '6.2': audit, '6.3': audit} satisfies SectionLogic<Section6TextId>;
	t.is(Object.keys(missing).length + Object.keys(extra).length, 4);
});
