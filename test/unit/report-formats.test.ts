import fs from 'node:fs';
import test from 'ava';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import {checks, findCheck, sections} from '../../source/benchmark/catalogue.js';
import type {Result, Status} from '../../source/benchmark/types.js';
import {buildReport, type Report} from '../../source/report/report.js';
import {formatSarif, ruleName, sarifSchemaUri} from '../../source/report/sarif.js';
import {escapeXml, formatJunit} from '../../source/report/junit.js';
import {escapeMarkdown, formatMarkdown} from '../../source/report/markdown.js';
import {parseReport, summarizeReports} from '../../source/report/summarize.js';

const schemaFile = new URL('../fixtures/sarif-2.1.0.schema.json', import.meta.url);

/** A result as the runner makes it. */
function result(id: string, status: Status, summary: string, evidence: string[] = [], fixable = false): Result {
	return {id, status, summary, evidence, fixable, durationMs: 1};
}

/** One of each status across sections 1 and 2; the warn's evidence holds characters XML and Markdown must escape. */
const results: Result[] = [
	result('1.1.1', 'pass', 'Docker data lives on its own partition', ['/var/lib/docker is mounted from /dev/sdb1']),
	result('1.1.2', 'note', 'Review who is in the docker group', ['docker group: alice, bob', '# not a heading']),
	result('1.1.3', 'warn', 'No audit rule for dockerd', ['auditctl -l has no rule for <dockerd> & "friends"', 'a | pipe and a `tick`'], true),
	result('2.1', 'skip', 'Not applicable: rootless mode'),
	result('2.2', 'info', 'Nothing to score'),
	result('2.3', 'error', 'Could not read daemon.json', ['EACCES: permission denied, open \'/etc/docker/daemon.json\'']),
];

/** The report the tests format. */
function makeReport(hostname = 'web-01', warnIds: string[] = []): Report {
	const extra = warnIds.map(id => result(id, 'warn', 'extra warning', [], false));
	return buildReport({
		version: '0.1.0',
		hostname,
		dockerVersion: '24.0.7',
		root: '/',
		startedAt: new Date('2025-03-04T05:06:07.089Z'),
		durationMs: 1234,
		checks,
		results: [...results, ...extra],
	});
}

type SarifLog = {
	$schema: string;
	version: string;
	runs: Array<{
		tool: {driver: {name: string; version: string; rules: Array<{id: string; name: string; shortDescription: {text: string}; fullDescription: {text: string}; help: {text: string}; properties: Record<string, unknown>}>}};
		results: Array<{ruleId: string; ruleIndex: number; kind: string; level: string; message: {text: string}}>;
	}>;
};

/** Counts the elements named `name` in XML text. */
function countElements(xml: string, name: string): number {
	return xml.match(new RegExp(`<${name}[ />]`, 'g'))?.length ?? 0;
}

test('SARIF: the log validates against the SARIF 2.1.0 JSON schema', async t => {
	if (!fs.existsSync(schemaFile)) {
		t.log('test/fixtures/sarif-2.1.0.schema.json is missing: put the SARIF 2.1.0 schema there to validate against it');
		t.pass();
		return;
	}

	const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as {$schema?: string};
	// The schema's own draft decides the validator: draft-04 (the OASIS and rtm schemas) or draft-07 (schemastore's).
	const Ajv = String(schema.$schema).includes('draft-04') ? (await import('ajv-draft-04')).default.default : AjvModule.default;
	// Without the u flag: the rtm.5 schema's language pattern has a stray `]` that only a unicode RegExp rejects.
	const ajv = new Ajv({strict: false, allErrors: true, unicodeRegExp: false});
	addFormatsModule.default(ajv);
	const validate = ajv.compile(schema);
	const log: unknown = JSON.parse(formatSarif(makeReport(), checks));
	t.true(validate(log), ajv.errorsText(validate.errors));
	const broken = JSON.parse(formatSarif(makeReport(), checks)) as SarifLog;
	broken.runs[0].results[0].level = 'warn';
	t.false(validate(broken), 'the schema is enforced: `warn` is no SARIF level');
});

test('SARIF: one rule per check, one result per finding, statuses mapped to kind and level', t => {
	const report = makeReport();
	const log = JSON.parse(formatSarif(report, checks)) as SarifLog;
	t.is(log.$schema, sarifSchemaUri);
	t.is(log.version, '2.1.0');
	t.is(log.runs.length, 1);
	const [run] = log.runs;
	t.is(run.tool.driver.name, 'dockwarden');
	t.is(run.tool.driver.version, '0.1.0');
	t.deepEqual(run.tool.driver.rules.map(rule => rule.id), results.map(result => result.id));
	t.is(run.results.length, report.results.length);

	const rule = run.tool.driver.rules[2];
	const check = findCheck('1.1.3')!;
	t.is(rule.shortDescription.text, check.title);
	t.is(rule.fullDescription.text, check.rationale);
	t.is(rule.help.text, check.remediation);
	t.deepEqual(rule.properties, {level: check.level, automated: check.automated, section: '1', tags: ['security', 'CIS Docker Benchmark']});
	t.regex(rule.name, /^[A-Z][A-Za-z\d]+$/);

	for (const [index, sarifResult] of run.results.entries()) {
		t.is(sarifResult.ruleId, report.results[index].id);
		t.is(run.tool.driver.rules[sarifResult.ruleIndex].id, sarifResult.ruleId);
	}

	const byId = Object.fromEntries(run.results.map(sarifResult => [sarifResult.ruleId, sarifResult]));
	t.like(byId['1.1.3'], {kind: 'fail', level: 'warning'});
	t.like(byId['2.3'], {kind: 'fail', level: 'error'});
	t.like(byId['1.1.2'], {kind: 'review', level: 'none'});
	t.like(byId['1.1.1'], {kind: 'pass', level: 'none'});
	t.like(byId['2.1'], {kind: 'notApplicable', level: 'none'});
	t.like(byId['2.2'], {kind: 'informational', level: 'none'});
	t.is(byId['1.1.3'].message.text, 'No audit rule for dockerd\n- auditctl -l has no rule for <dockerd> & "friends"\n- a | pipe and a `tick`');
});

test('SARIF: a check seen twice is one rule; a title without letters names the rule by id', t => {
	const report = makeReport('web-01', ['1.1.3']);
	const log = JSON.parse(formatSarif(report, checks)) as SarifLog;
	t.is(log.runs[0].tool.driver.rules.length, 6);
	t.is(log.runs[0].results.length, 7);
	t.is(log.runs[0].results[6].ruleIndex, 2);
	t.is(ruleName('1.1.1', 'Ensure a separate partition for containers'), 'EnsureASeparatePartitionForContainers');
	t.is(ruleName('9.9', '--- 42'), 'CIS_9_9');
});

test('JUnit: suites per section, counts on suites and root, statuses as failure, error and skipped', t => {
	const xml = formatJunit(makeReport());
	t.true(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites '));
	t.regex(xml, /<testsuites name="[^"]*" tests="6" failures="1" errors="1" skipped="3" time="1\.234">/);
	t.regex(xml, /<testsuite name="1 - Host Configuration" tests="3" failures="1" errors="0" skipped="1" /);
	t.regex(xml, /<testsuite name="2 - Docker daemon configuration" tests="3" failures="0" errors="1" skipped="2" /);
	t.is(countElements(xml, 'testsuite'), 2);
	t.is(countElements(xml, 'testcase'), 6);
	t.is(countElements(xml, 'failure'), 1);
	t.is(countElements(xml, 'error'), 1);
	t.is(countElements(xml, 'skipped'), 3);

	const title = findCheck('1.1.1')!.title;
	t.true(xml.includes(`<testcase classname="cis.1" name="1.1.1 - ${escapeXml(title, true)}"/>`), 'a pass is an empty testcase');
	t.regex(xml, /<testcase classname="cis\.1" name="1\.1\.3 - [^"]*">\n\s*<failure message="No audit rule for dockerd" type="warn">/);
	t.regex(xml, /<error message="Could not read daemon\.json" type="error">/);
	t.regex(xml, /<skipped message="NOTE: Review who is in the docker group" type="note">/);
	t.regex(xml, /<skipped message="SKIP: Not applicable: rootless mode" type="skip"\/>/);
	t.regex(xml, /<skipped message="INFO: Nothing to score" type="info"\/>/);
});

test('JUnit: evidence is escaped, control characters and all', t => {
	const xml = formatJunit(makeReport());
	t.true(xml.includes('auditctl -l has no rule for &lt;dockerd&gt; &amp; &quot;friends&quot;\na | pipe and a `tick`</failure>'));
	t.false(xml.includes('<dockerd>'));
	t.is(escapeXml('a<b>&"c\'\u0007\u001B[0m'), 'a&lt;b&gt;&amp;&quot;c&apos;\\u0007\\u001b[0m');
	t.is(escapeXml('one\ntwo\tthree', true), 'one&#10;two&#9;three');
	t.is(escapeXml('lone \uD800 surrogate, pair 😀'), 'lone \\ud800 surrogate, pair 😀');
});

test('Markdown: title, summary table, section table and findings', t => {
	const markdown = formatMarkdown(makeReport());
	t.true(markdown.startsWith('# dockwarden report: web-01, 2025-03-04\n'));
	t.true(markdown.includes('| Status | Count |\n| --- | ---: |\n| PASS | 1 |\n| WARN | 1 |\n| NOTE | 1 |\n| SKIP | 1 |\n| INFO | 1 |\n| ERROR | 1 |'));
	t.true(markdown.includes('| Section | Pass | Warn | Note | Skip | Info | Error |'));
	t.true(markdown.includes('| 1 - Host Configuration | 1 | 1 | 1 | 0 | 0 | 0 |'));
	t.true(markdown.includes('| 2 - Docker daemon configuration | 0 | 0 | 0 | 1 | 1 | 1 |'));
	t.true(markdown.includes('| **Total** | 1 | 1 | 1 | 1 | 1 | 1 |'));

	const title = escapeMarkdown(findCheck('1.1.3')!.title);
	t.true(markdown.includes(`### [WARN] 1.1.3 - ${title}\n\nNo audit rule for dockerd\n\n`));
	t.true(markdown.includes('- auditctl -l has no rule for \\<dockerd\\> \\& "friends"\n- a \\| pipe and a \\`tick\\`\n\nFix: `dockwarden fix 1.1.3`'));
	t.true(markdown.includes('### [ERROR] 2.3 - '));
	t.false(markdown.includes('### [WARN] 1.1.1'));
	t.is(escapeMarkdown('*a*\tb\n\u001B[0m'), '\\*a\\* b \\u001b\\[0m');
	t.regex(markdown, /<details>\n<summary>1 note: manual checks to review<\/summary>\n\n- \*\*1\.1\.2 - [^\n]*\*\*: Review who is in the docker group\n {2}- docker group: alice, bob\n {2}- \\# not a heading\n\n<\/details>\n$/);
});

test('summarize: two reports make a host × section table of WARN counts with totals', t => {
	const first = makeReport('web-01', ['5.1', '5.2']);
	const second = makeReport('', ['2.2', '7.1']);
	const table = summarizeReports([
		{source: 'reports/web-01.json', report: first},
		{source: 'reports/db-01.json', report: second},
	]);
	t.is(table, [
		'WARN findings by CIS section',
		'',
		'host        1  2  3  4  5  6  7  total',
		'web-01      1  0  0  0  2  0  0      3',
		'db-01.json  1  1  0  0  0  0  1      3',
		'total       2  1  0  0  2  0  1      6',
		'',
	].join('\n'));
});

test('summarize: parseReport reads a report and names the file in a one-line error otherwise', t => {
	const report = makeReport();
	t.deepEqual(parseReport(JSON.stringify(report), 'web-01.json'), report);

	const cases: Array<[string, RegExp]> = [
		['{"tool": {"name": "trivy"}, "results": []}', /^bad\.json: not a dockwarden report \(tool\.name is not "dockwarden"\)$/],
		['{"tool": {"name": "dockwarden"}}', /^bad\.json: not a dockwarden report \(no results array\)$/],
		['{"tool": {"name": "dockwarden"}, "results": [{"id": "1.1"}]}', /^bad\.json: malformed report \(results\[0\] has no section or status\)$/],
		['{"tool": \n  {"name"', /^bad\.json: not valid JSON \(.+\)$/],
		['[1, 2]', /^bad\.json: not a dockwarden report/],
	];
	for (const [text, expected] of cases) {
		const error = t.throws(() => parseReport(text, 'bad.json'));
		t.regex(error.message, expected);
		t.false(error.message.includes('\n'), text);
	}
});

test('the section titles come from the catalogue', t => {
	const xml = formatJunit(makeReport());
	const markdown = formatMarkdown(makeReport());
	for (const section of sections.slice(0, 2)) {
		t.true(xml.includes(`name="${section.id} - ${escapeXml(section.title, true)}"`));
		t.true(markdown.includes(`| ${section.id} - ${escapeMarkdown(section.title)} |`));
	}
});
