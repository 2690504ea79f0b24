import fs from 'node:fs';
import test from 'ava';
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import {checks, findCheck, sections} from '../../source/benchmark/catalogue.js';
import type {Result, Status} from '../../source/benchmark/types.js';
import {buildReport, type Report} from '../../source/report/report.js';
import {formatSarif, ruleName, sarifOutcome, sarifSchemaUri} from '../../source/report/sarif.js';
import {escapeXml, formatJunit} from '../../source/report/junit.js';
import {escapeMarkdown, formatMarkdown} from '../../source/report/markdown.js';
import {parseReport, parseSummaryInput, summarizeReports} from '../../source/report/summarize.js';
import {formatJson} from '../../source/report/json.js';
import {formatText} from '../../source/report/text.js';
import {applyWaivers} from '../../source/waivers/apply-waivers.js';
import {reportedWaiver} from '../../source/waivers/reported-waiver.js';

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

/** Results with waivers applied on 2026-06-01: 2.9 waived until 2027-01-31, 2.10 waived without an end, 2.11's waiver expired. */
function waivedResults(): Result[] {
	return applyWaivers([
		result('1.1.1', 'pass', 'Docker data lives on its own partition'),
		result('2.9', 'warn', 'userns-remap is not set', ['daemon.json has no "userns-remap"'], true),
		result('2.10', 'warn', 'Review the default cgroup'),
		result('2.11', 'warn', 'dm.basesize is set', ['--storage-opt dm.basesize=20G']),
	], [
		{id: '2.9', reason: 'CI runners need <host> & "root" mounts', expires: '2027-01-31', added: '2026-01-05T10:00:00Z'},
		{id: '2.10', reason: 'cgroup limits are set per container'},
		{id: '2.11', reason: 'legacy devicemapper host', expires: '2026-05-31'},
	], '2026-06-01');
}

/**
The report carrying each result's waiver as `waiver: {reason, expires?, expired?}`: what buildReport does once it carries waivers,
done here too so that these tests do not depend on it.
*/
function withWaivers(report: Report, from: readonly Result[]): Report {
	return {
		...report,
		results: report.results.map((entry, index) => {
			const {waiver} = from[index];
			return waiver === undefined || 'waiver' in entry ? entry : {...entry, waiver: reportedWaiver(waiver)};
		}),
	};
}

/** A report with waived checks and an expired waiver. */
function makeWaivedReport(): Report {
	const waived = waivedResults();
	return withWaivers(buildReport({
		version: '0.1.0',
		hostname: 'ci-01',
		dockerVersion: '24.0.7',
		root: '/',
		startedAt: new Date('2026-06-01T08:00:00.000Z'),
		durationMs: 100,
		checks,
		results: waived,
	}), waived);
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
	const waivedLog: unknown = JSON.parse(formatSarif(makeWaivedReport(), checks));
	t.true(validate(waivedLog), ajv.errorsText(validate.errors));
	const badSuppression = JSON.parse(formatSarif(makeWaivedReport(), checks)) as {runs: Array<{results: Array<{suppressions?: Array<{status: string}>}>}>};
	badSuppression.runs[0].results[1].suppressions![0].status = 'waived';
	t.false(validate(badSuppression), 'the schema is enforced on suppressions: `waived` is no suppression status');
	const broken = JSON.parse(formatSarif(makeReport(), checks)) as SarifLog;
	broken.runs[0].results[0].level = 'warn';
	t.false(validate(broken), 'the schema is enforced: `warn` is no SARIF level');
});

test('SARIF: one rule per check, a result for each finding that needs attention, statuses mapped to kind and level', t => {
	const report = makeReport();
	const log = JSON.parse(formatSarif(report, checks)) as SarifLog;
	t.is(log.$schema, sarifSchemaUri);
	t.is(log.version, '2.1.0');
	t.is(log.runs.length, 1);
	const [run] = log.runs;
	t.is(run.tool.driver.name, 'dockwarden');
	t.is(run.tool.driver.version, '0.1.0');
	t.deepEqual(run.tool.driver.rules.map(rule => rule.id), results.map(result => result.id));
	// GitHub makes an alert of every result whatever its kind: pass, skip, info and note are left out, warn and error stay.
	t.deepEqual(run.results.map(sarifResult => sarifResult.ruleId), ['1.1.3', '2.3']);

	const rule = run.tool.driver.rules[2];
	const check = findCheck('1.1.3')!;
	t.is(rule.shortDescription.text, check.title);
	t.is(rule.fullDescription.text, check.rationale);
	t.is(rule.help.text, check.remediation);
	t.deepEqual(rule.properties, {level: check.level, automated: check.automated, section: '1', tags: ['security', 'CIS Docker Benchmark']});
	t.regex(rule.name, /^[A-Z][A-Za-z\d]+$/);

	for (const sarifResult of run.results) {
		t.is(run.tool.driver.rules[sarifResult.ruleIndex].id, sarifResult.ruleId);
	}

	const byId = Object.fromEntries(run.results.map(sarifResult => [sarifResult.ruleId, sarifResult]));
	t.like(byId['1.1.3'], {kind: 'fail', level: 'warning'});
	t.like(byId['2.3'], {kind: 'fail', level: 'error'});
	t.like(sarifOutcome.note, {kind: 'review', level: 'none'});
	t.like(sarifOutcome.pass, {kind: 'pass', level: 'none'});
	t.like(sarifOutcome.skip, {kind: 'notApplicable', level: 'none'});
	t.like(sarifOutcome.info, {kind: 'informational', level: 'none'});
	t.is(byId['1.1.3'].message.text, 'No audit rule for dockerd\n- auditctl -l has no rule for <dockerd> & "friends"\n- a | pipe and a `tick`');
});

test('SARIF: a check seen twice is one rule; a title without letters names the rule by id', t => {
	const report = makeReport('web-01', ['1.1.3']);
	const log = JSON.parse(formatSarif(report, checks)) as SarifLog;
	t.is(log.runs[0].tool.driver.rules.length, 6);
	t.deepEqual(log.runs[0].results.map(result => result.ruleId), ['1.1.3', '2.3', '1.1.3']);
	t.is(log.runs[0].results[2].ruleIndex, 2);
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
	t.true(markdown.includes('| Status | Count |\n| --- | ---: |\n| PASS | 1 |\n| WARN | 1 |\n| WAIVED | 0 |\n| NOTE | 1 |\n| SKIP | 1 |\n| INFO | 1 |\n| ERROR | 1 |'));
	t.true(markdown.includes('| Section | Pass | Warn | Waived | Note | Skip | Info | Error |'));
	t.true(markdown.includes('| 1 - Host Configuration | 1 | 1 | 0 | 1 | 0 | 0 | 0 |'));
	t.true(markdown.includes('| 2 - Docker daemon configuration | 0 | 0 | 0 | 0 | 1 | 1 | 1 |'));
	t.true(markdown.includes('| **Total** | 1 | 1 | 0 | 1 | 1 | 1 | 1 |'));
	t.false(markdown.includes('## Waived'), 'no Waived list without waived checks');

	const title = escapeMarkdown(findCheck('1.1.3')!.title);
	t.true(markdown.includes(`### [WARN] 1.1.3 - ${title}\n\nNo audit rule for dockerd\n\n`));
	t.true(markdown.includes('- auditctl -l has no rule for \\<dockerd\\> \\& "friends"\n- a \\| pipe and a \\`tick\\`\n\nFix: `dockwarden fix 1.1.3`'));
	t.true(markdown.includes('### [ERROR] 2.3 - '));
	t.false(markdown.includes('### [WARN] 1.1.1'));
	// A newline stays visible as \n (one line, no forged row), ESC as \x1b; the backslash of each escape is itself escaped for Markdown.
	t.is(escapeMarkdown('*a*\tb\n\u001B[0m'), '\\*a\\* b\\\\n\\\\x1b\\[0m');
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
		'WARN findings by CIS section, CIS Docker Benchmark v1.8.0',
		'',
		'host        1  2  3  4  5  6  7  total',
		'web-01      1  0  0  0  2  0  0      3',
		'db-01.json  1  1  0  0  0  0  1      3',
		'total       2  1  0  0  2  0  1      6',
		'',
	].join('\n'));
});

test('summarize: reports of different benchmark versions get a cis column, and the title names each version', t => {
	const old = {...makeReport('web-01', ['5.1']), benchmark: {name: 'CIS Docker Benchmark' as const, version: '1.6.0' as const}};
	const table = summarizeReports([
		{source: 'web-01.json', report: old},
		{source: 'db-01.json', report: makeReport('db-01', ['2.2'])},
	]);
	t.is(table, [
		'WARN findings by CIS section, CIS Docker Benchmark v1.6.0 and v1.8.0',
		'',
		'host      cis  1  2  3  4  5  6  7  total',
		'web-01  1.6.0  1  0  0  0  1  0  0      2',
		'db-01   1.8.0  1  1  0  0  0  0  0      2',
		'total          2  1  0  0  1  0  0      4',
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

test('summarize: a fleet\'s combined report gives one row per host, a row of - for a host not audited and a line that says why', t => {
	const fleet = {
		tool: {name: 'dockwarden', version: '0.1.0'},
		fleet: [
			{host: 'ssh://ops@web-01', exitCode: 1, report: makeReport('web-01', ['5.1'])},
			{host: 'ssh://ops@db-01:2222', exitCode: 9, notAudited: 'ssh://ops@db-01:2222: cannot reach db-01 (Connection refused)'},
			{host: 'ssh://ops@web-02', exitCode: 1, report: makeReport('web-02', ['2.2'])},
		],
	};
	const entries = parseSummaryInput(JSON.stringify(fleet), 'fleet.json');
	t.is(entries.length, 3);
	t.is(summarizeReports(entries), [
		'WARN findings by CIS section, CIS Docker Benchmark v1.8.0',
		'',
		'host                  1  2  3  4  5  6  7  total',
		'web-01                1  0  0  0  1  0  0      2',
		'ssh://ops@db-01:2222  -  -  -  -  -  -  -      -',
		'web-02                1  1  0  0  0  0  0      2',
		'total                 2  1  0  0  1  0  0      4',
		'',
		'ssh://ops@db-01:2222: not audited (exit 9): ssh://ops@db-01:2222: cannot reach db-01 (Connection refused)',
		'',
	].join('\n'));
	// A single report still reads as one row.
	t.deepEqual(parseSummaryInput(JSON.stringify(makeReport('solo')), 'solo.json').map(entry => 'report' in entry && entry.report.host.hostname), ['solo']);
});

test('summarize: a malformed fleet report is a one-line error naming the file and the entry', t => {
	const cases: Array<[unknown, RegExp]> = [
		[{tool: {name: 'other'}, fleet: []}, /^fleet\.json: not a dockwarden fleet report/],
		[{tool: {name: 'dockwarden'}, fleet: [{exitCode: 0}]}, /^fleet\.json: malformed fleet report \(fleet\[0\] names no host\)$/],
		[{tool: {name: 'dockwarden'}, fleet: [{host: 'ssh://a\nb', report: {tool: {name: 'dockwarden'}}}]}, /^fleet\.json: fleet\[0\] \(ssh:\/\/a\\nb\): not a dockwarden report \(no results array\)$/],
	];
	for (const [value, expected] of cases) {
		const error = t.throws(() => parseSummaryInput(JSON.stringify(value), 'fleet.json'));
		t.regex(error.message, expected);
		t.false(error.message.includes('\n'));
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

test('waived: JSON results carry the waiver as {reason, expires?, expired?}', t => {
	const report = makeWaivedReport();
	const parsed = JSON.parse(formatJson(report)) as {summary: Record<Status, number>; results: Array<{id: string; status: Status; waiver?: unknown; evidence: string[]}>};
	const byId = Object.fromEntries(parsed.results.map(entry => [entry.id, entry]));
	t.like(parsed.summary, {pass: 1, warn: 1, waived: 2});
	t.is(byId['1.1.1'].waiver, undefined);
	t.deepEqual(byId['2.9'], {...byId['2.9'], status: 'waived', waiver: {reason: 'CI runners need <host> & "root" mounts', expires: '2027-01-31'}});
	t.deepEqual(byId['2.10'].waiver, {reason: 'cgroup limits are set per container'});
	t.deepEqual(byId['2.11'], {...byId['2.11'], status: 'warn', waiver: {reason: 'legacy devicemapper host', expires: '2026-05-31', expired: true}});
	t.deepEqual(byId['2.9'].evidence, ['waived: CI runners need <host> & "root" mounts (until 2027-01-31)', 'daemon.json has no "userns-remap"']);
	t.deepEqual(reportedWaiver({id: '2.9', reason: 'r', added: '2026-01-05'}), {reason: 'r'}, 'the id and added day are not repeated in the report');
});

test('waived: text shows [WAIV] with the reason first, and counts waived apart from warn', t => {
	const text = formatText(makeWaivedReport(), sections, false);
	const title = findCheck('2.9')!.title;
	t.true(text.includes(`[WAIV] 2.9 - ${title}  (fixable: dockwarden fix 2.9)\n       * waived: CI runners need <host> & "root" mounts (until 2027-01-31)\n       * daemon.json has no "userns-remap"\n`));
	t.true(text.includes(`[WAIV] 2.10 - ${findCheck('2.10')!.title}\n       * waived: cgroup limits are set per container\n`));
	t.true(text.includes(`[WARN] 2.11 - ${findCheck('2.11')!.title}\n       * the waiver of 2026-05-31 has expired: this WARN counts again\n`));
	t.regex(text, /\nSummary: 1 pass, 1 warn, 2 waived, 0 info, 0 note, 0 skip, 0 error \(4 checks in 100 ms\)\n$/);

	const bare = makeWaivedReport();
	const withoutLine = {...bare, results: bare.results.map(entry => ({...entry, evidence: entry.evidence.filter(line => !line.startsWith('waived: '))}))};
	t.true(formatText(withoutLine, sections, false).includes(`[WAIV] 2.10 - ${findCheck('2.10')!.title}\n       * waived: cgroup limits are set per container\n`), 'the reason line is added when the evidence lacks it');
});

test('waived: SARIF keeps kind fail and level warning, with an accepted external suppression', t => {
	const log = JSON.parse(formatSarif(makeWaivedReport(), checks)) as {runs: Array<{results: Array<Record<string, unknown>>}>};
	const byId = Object.fromEntries(log.runs[0].results.map(entry => [entry.ruleId as string, entry]));
	t.like(byId['2.9'], {kind: 'fail', level: 'warning', properties: {status: 'waived', fixable: true}});
	t.deepEqual(byId['2.9'].suppressions, [{kind: 'external', status: 'accepted', justification: 'CI runners need <host> & "root" mounts', properties: {expires: '2027-01-31'}}]);
	t.deepEqual(byId['2.10'].suppressions, [{kind: 'external', status: 'accepted', justification: 'cgroup limits are set per container'}]);
	t.like(byId['2.11'], {kind: 'fail', level: 'warning'});
	t.false('suppressions' in byId['2.11'], 'an expired waiver suppresses nothing');
	t.false('1.1.1' in byId, 'a pass is no result');
	t.regex((byId['2.11'].message as {text: string}).text, /\n- the waiver of 2026-05-31 has expired: this WARN counts again\n/);
});

test('waived: JUnit skips a waived check with its reason; an expired waiver fails again', t => {
	const xml = formatJunit(makeWaivedReport());
	t.regex(xml, /<testsuites name="[^"]*" tests="4" failures="1" errors="0" skipped="2" /);
	t.true(xml.includes('<skipped message="WAIVED: CI runners need &lt;host&gt; &amp; &quot;root&quot; mounts" type="waived">waived: CI runners need &lt;host&gt; &amp; &quot;root&quot; mounts (until 2027-01-31)\ndaemon.json has no &quot;userns-remap&quot;</skipped>'));
	t.true(xml.includes('<skipped message="WAIVED: cgroup limits are set per container" type="waived">'));
	t.regex(xml, /name="2\.11 - [^"]*">\n\s*<failure message="dm\.basesize is set" type="warn">the waiver of 2026-05-31 has expired/);
});

test('waived: Markdown counts waived checks and lists them with their reasons', t => {
	const markdown = formatMarkdown(makeWaivedReport());
	t.true(markdown.includes('| PASS | 1 |\n| WARN | 1 |\n| WAIVED | 2 |\n'));
	t.true(markdown.includes('| 2 - Docker daemon configuration | 0 | 1 | 2 | 0 | 0 | 0 | 0 |'));
	t.true(markdown.includes([
		'## Waived',
		'',
		`- **2.9 - ${escapeMarkdown(findCheck('2.9')!.title)}**: CI runners need \\<host\\> \\& "root" mounts (until 2027-01-31)`,
		`- **2.10 - ${escapeMarkdown(findCheck('2.10')!.title)}**: cgroup limits are set per container`,
		'',
	].join('\n')));
	t.true(markdown.includes(`### [WARN] 2.11 - ${escapeMarkdown(findCheck('2.11')!.title)}\n\ndm.basesize is set\n\n- the waiver of 2026-05-31 has expired: this WARN counts again\n`));
	t.false(markdown.includes('### [WARN] 2.9'), 'a waived check is not a finding');
});

test('waived: summarize counts warns only, not waived checks', t => {
	const table = summarizeReports([{source: 'ci-01.json', report: makeWaivedReport()}]);
	t.true(table.includes('\nci-01  0  1  0  0  0  0  0      1\n'), table);
});
