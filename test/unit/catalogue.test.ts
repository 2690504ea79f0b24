import fs from 'node:fs';
import test from 'ava';
import {catalogueOf, checks, sections, translateId} from '../../source/benchmark/catalogue.js';
import {benchmarkVersions, newestBenchmark, type BenchmarkVersion} from '../../source/model/benchmark-versions.js';
import type {SectionLogic} from '../../source/benchmark/checks/check-logic.js';
import {section6Logic} from '../../source/benchmark/checks/section-6-operations.js';
import type {Section6TextId} from '../../source/benchmark/text/section-6-operations.js';

// Ids, titles and assessments as published in each version of CIS Docker Benchmark, one check a line: id, title, assessment.
// v1.7.0 and v1.8.0 are v1.6.0 with the changes of the versions notes (1.1.9 docker.sock; a new 2.7, the old 2.7–2.18 one down).
const published = (version: BenchmarkVersion) => fs.readFileSync(new URL(`../fixtures/cis-docker-${version}-checks.tsv`, import.meta.url), 'utf8').trim().split('\n').map(line => line.split('\t'));
const rows = published('1.6.0').map(row => ['', ...row]);

test('the catalogue of v1.6.0 holds exactly its 117 checks, ids, titles and assessment as published', t => {
	t.is(rows.length, 117);
	t.deepEqual(catalogueOf('1.6.0').checks.map(check => [check.id, check.title, check.automated ? 'Automated' : 'Manual']), rows.map(row => [row[1], row[2], row[3]]));
});

for (const version of benchmarkVersions) {
	test(`the catalogue of v${version} holds every id, title and assessment of v${version} as published, in order`, t => {
		const expected = published(version);
		t.is(expected.length, version === '1.8.0' ? 118 : 117);
		t.deepEqual(catalogueOf(version).checks.map(check => [check.id, check.title, check.automated ? 'Automated' : 'Manual']), expected);
		t.true(catalogueOf(version).checks.every(check => check.benchmark === version));
	});
}

test('the default catalogue is the newest version\'s', t => {
	t.is(newestBenchmark, '1.8.0');
	t.is(checks, catalogueOf('1.8.0').checks);
});

test('one check under each version\'s id: v1.6.0\'s 2.9 is v1.8.0\'s 2.10, the same audit; a new check has no id before its version', t => {
	const old = catalogueOf('1.6.0').findCheck('2.9')!;
	const now = catalogueOf('1.8.0').findCheck('2.10')!;
	t.is(old.key, now.key);
	t.is(old.audit, now.audit);
	t.is(old.title, now.title);
	t.is(translateId('2.9', '1.6.0', '1.8.0'), '2.10');
	t.is(translateId('2.18', '1.6.0', '1.8.0'), '2.19');
	t.is(translateId('2.6', '1.6.0', '1.8.0'), '2.6');
	t.is(translateId('2.7', '1.8.0', '1.6.0'), undefined);
	t.is(translateId('2.7', '1.7.0', '1.8.0'), '2.8');
	t.is(catalogueOf('1.8.0').findCheck('2.7')!.key, '2.7@1.8.0');
	// v1.7.0's 1.1.9 watches another file than v1.6.0's: a waiver of one is not a waiver of the other.
	t.is(translateId('1.1.9', '1.6.0', '1.7.0'), undefined);
	t.is(catalogueOf('1.7.0').findCheck('1.1.9')!.key, '1.1.9@1.7.0');
	t.is(catalogueOf('1.8.0').findCheck('1.1.9')!.key, '1.1.9@1.7.0');
});

test('v1.7.0 and later add the audit exclusions of the high-churn subtrees to 1.1.5\'s remediation; v1.6.0 does not', t => {
	t.notRegex(catalogueOf('1.6.0').findCheck('1.1.5')!.remediation, /never,exit/);
	for (const version of ['1.7.0', '1.8.0'] as const) {
		const {remediation} = catalogueOf(version).findCheck('1.1.5')!;
		t.regex(remediation, /-a never,exit -F dir=DIR\/overlay2/);
		t.regex(remediation, /DIR\/volumes/);
		t.true(remediation.startsWith(catalogueOf('1.6.0').findCheck('1.1.5')!.remediation));
	}
});

test('the new and changed checks have their own words and levels: 2.7 devicemapper and v1.7.0\'s 1.1.9 docker.sock', t => {
	const devicemapper = catalogueOf('1.8.0').findCheck('2.7')!;
	t.is(devicemapper.level, 1);
	t.true(devicemapper.automated);
	t.regex(devicemapper.rationale, /removed in Docker Engine 25\.0/);
	t.not(devicemapper.rationale, catalogueOf('1.8.0').findCheck('2.6')!.rationale);
	t.deepEqual(devicemapper.needs, ['daemon', 'docker']);
	t.is(devicemapper.planFix, undefined);
	const socket = catalogueOf('1.7.0').findCheck('1.1.9')!;
	t.is(socket.level, 2);
	t.regex(socket.remediation, /docker\.sock/);
	t.notRegex(socket.rationale, /docker\.socket systemd unit/);
	t.is(typeof socket.planFix, 'function');
});

test('seven sections, every check in one of them, with words to explain it', t => {
	t.deepEqual(sections.map(section => section.id), ['1', '2', '3', '4', '5', '6', '7']);
	for (const check of checks) {
		t.true(check.id.startsWith(`${check.section}.`), check.id);
		t.true(check.rationale.length > 40 && check.impact.length > 3 && check.remediation.length > 20, check.id);
	}
});

test('every check is evaluated; the audit rules, the daemon.json settings and file permissions can be fixed', t => {
	const v160 = catalogueOf('1.6.0').checks;
	for (const check of v160) {
		t.is(typeof check.audit, 'function', check.id);
	}

	const fixable = v160.filter(check => check.planFix).map(check => check.id);
	t.deepEqual(fixable, [
		...Array.from({length: 16}, (_, index) => `1.1.${index + 3}`),
		'2.2', '2.3', '2.4', '2.9', '2.14', '2.15', '2.16', '2.18',
		...Array.from({length: 24}, (_, index) => `3.${index + 1}`),
	]);
	const fixableNow = catalogueOf('1.8.0').checks.filter(check => check.planFix).map(check => check.id);
	t.deepEqual(fixableNow.filter(id => id.startsWith('2.')), ['2.2', '2.3', '2.4', '2.10', '2.15', '2.16', '2.17', '2.19']);
	t.true(catalogueOf('1.8.0').checks.every(check => typeof check.audit === 'function'));
});

test('each section\'s logic table is held to its text ids by the compiler: a missing or an extra id does not compile', t => {
	const audit = section6Logic['6.1'];
	// @ts-expect-error: 6.2 has words but no behaviour
	const missing = {'6.1': audit} satisfies SectionLogic<Section6TextId>;
	// @ts-expect-error: 6.3 has behaviour but no words
	const extra = {'6.1': audit, '6.2': audit, '6.3': audit} satisfies SectionLogic<Section6TextId>;
	t.is(Object.keys(missing).length + Object.keys(extra).length, 4);
});
