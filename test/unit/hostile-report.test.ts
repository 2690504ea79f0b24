import test from 'ava';
import {checks, sections} from '../../source/benchmark/catalogue.js';
import type {Result} from '../../source/benchmark/types.js';
import {formatJson} from '../../source/report/json.js';
import {formatJunit} from '../../source/report/junit.js';
import {formatMarkdown} from '../../source/report/markdown.js';
import {buildReport, safeReport, type Report} from '../../source/report/report.js';
import {formatSarif} from '../../source/report/sarif.js';
import {formatSessionSummary} from '../../source/report/session-summary.js';
import {parseSummaryInput, summarizeReports} from '../../source/report/summarize.js';
import {formatText} from '../../source/report/text.js';
import {maskedNotice} from '../../source/text/safe-text.js';

// The attacker controls an image's metadata (HEALTHCHECK, history, labels), so the evidence and summaries of 4.6, 4.10 and 5.27,
// and a host name (summarize reads report files from many hosts). What must not happen: a raw ESC, BEL, CSI (0x9b) or bidi
// override in any report format, a newline that forges a row or a `[PASS]` line, or the password of a `docker login` in history.

const esc = '\u001B';
const hostileEvidence = [
	`busybox:hostile: HEALTHCHECK CMD true ${esc}]0;title\u0007 ${esc}[2J`,
	'busybox:hostile: history: /bin/sh -c docker login -u ci --password hunter2 reg',
	'label evil=\u202Etxt.exe \u009B2J',
	'multi\n[PASS] 4.6 - forged',
];

function hostileReport(hostname = 'web-1'): Report {
	const results: Result[] = [
		{id: '4.6', status: 'warn', summary: `1 image has no HEALTHCHECK ${esc}[1A`, evidence: hostileEvidence, fixable: false, durationMs: 1},
		{id: '4.10', status: 'warn', summary: 'secrets in history: --password hunter2', evidence: hostileEvidence, fixable: false, durationMs: 1},
	];
	return buildReport({version: '0.1.0', hostname, dockerVersion: '20.10.24', root: '/', startedAt: new Date('2026-01-01T00:00:00Z'), durationMs: 1, checks, results});
}

/** Fails the test when `output` holds a raw control or bidi character or the password. */
function assertClean(t: import('ava').ExecutionContext, output: string, format: string) {
	t.false(/[\u001B\u0007\u009B\u202E]/.test(output), `${format}: a raw control or bidi character`);
	t.false(output.includes('hunter2'), `${format}: the password`);
}

test('every report format shows the escapes, masks the password and says so', t => {
	const report = hostileReport();
	const outputs: Record<string, string> = {
		text: formatText(report, sections, false),
		json: formatJson(report),
		sarif: formatSarif(report, checks),
		junit: formatJunit(report),
		markdown: formatMarkdown(report),
	};
	for (const [format, output] of Object.entries(outputs)) {
		assertClean(t, output, format);
		t.true(output.includes('a secret was masked'), `${format}: the mask is said`);
		t.true(/\\{1,2}x1b/.test(output), `${format}: ESC shown as \\x1b`);
		t.true(/\\{1,2}u202e/.test(output), `${format}: U+202E shown as \\u202e`);
		t.true(/\\{1,2}x9b/.test(output), `${format}: U+009B shown as \\x9b`);
	}

	// The newline in the evidence did not start a line of its own in the text report.
	t.false(/^\[PASS\] 4\.6 - forged/m.test(outputs.text!));
	t.true(outputs.text!.includes(String.raw`multi\n[PASS] 4.6 - forged`));
	// A JSON consumer that prints the strings prints the visible escapes, not the bytes.
	const parsed = JSON.parse(outputs.json!) as Report;
	assertClean(t, parsed.results.flatMap(result => [result.summary, ...result.evidence]).join('\n'), 'parsed json');
	t.is(parsed.results[0]!.evidence[1], `busybox:hostile: history: /bin/sh -c docker login -u ci --password *** reg${maskedNotice}`);
});

test('safeReport is idempotent: a report made safe twice is unchanged', t => {
	const report = hostileReport();
	t.deepEqual(safeReport(report), report);
});

test('a host name with a newline and escapes forges no row of the summarize table', t => {
	// The attacker controls a report file's host.hostname (summarize reads reports collected from many hosts).
	const table = summarizeReports([
		{source: 'a.json', report: hostileReport()},
		{source: 'b.json', report: {...hostileReport(), host: {hostname: `evil\ntotal  0 0 0 0 0 0 0 0${esc}[2J`, dockerVersion: null, root: '/'}}},
	]);
	assertClean(t, table, 'summarize');
	t.is(table.split('\n').length, 7, table);
	t.true(table.includes(String.raw`evil\ntotal  0 0 0 0 0 0 0 0\x1b[2J`));
});

test('a fleet report\'s host URL and reason forge no row of the summarize table', t => {
	// The attacker controls a fleet report file handed to summarize: the host and the notAudited reason of an entry.
	const entries = parseSummaryInput(JSON.stringify({
		tool: {name: 'dockwarden', version: '0'},
		fleet: [{host: `ssh://x\ntotal  9 9 9 9 9 9 9 9${esc}[2J`, exitCode: 9, notAudited: `gone\nweb-01  0 0 0 0 0 0 0 0${esc}]52;c;aGk=\u0007`}],
	}), 'fleet.json');
	const table = summarizeReports(entries);
	assertClean(t, table, 'fleet summarize');
	t.is(table.split('\n').length, 8, table);
	t.false(/^total {2}9/m.test(table));
	t.false(/^web-01/m.test(table));
});

test('the session summary, as text and as Markdown, shows escapes, masks and escapes Markdown', t => {
	// The attacker controls text that ends up in a fix's title or a journal path (host paths, container names).
	const record = {
		first: {'4.6': 'warn' as const},
		last: {'4.6': 'pass' as const},
		fixesApplied: [{title: `Fix ${esc}]52;c;aGk=\u0007 | **bold** <img src=x> MY_TOKEN=abc`, checkIds: ['4.6'], journalEntry: '/var/lib/dockwarden/journal/x\n# forged.json'}],
		fixesUndone: [],
		waiversAdded: [{id: '4.6', reason: '\u202Ereason [link](http://x) --password hunter2'}],
	};
	for (const markdown of [false, true]) {
		const summary = formatSessionSummary(record, checks, markdown);
		assertClean(t, summary, markdown ? 'markdown summary' : 'text summary');
		t.false(summary.includes('abc'));
		t.false(/^# forged/m.test(summary));
		t.true(summary.includes('a secret was masked'));
		if (markdown) {
			t.true(summary.includes(String.raw`\| \*\*bold\*\* \<img src=x\>`));
			t.true(summary.includes(String.raw`\[link\](http://x)`));
			t.false(summary.includes('**bold**'));
		}
	}
});
