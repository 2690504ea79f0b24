import test from 'ava';
import {execa} from 'execa';
import {catalogueOf} from '../../source/benchmark/catalogue.js';
import {runChecks} from '../../source/benchmark/runner.js';
import {escapeLabelValue, formatPrometheus} from '../../source/report/prometheus.js';
import {buildReport, type Report} from '../../source/report/report.js';
import {applyWaivers} from '../../source/waivers/apply-waivers.js';
import {makeFacts} from '../helpers/fixture-facts.js';

// The waiver and the ids of these tests are v1.6.0's (2.9 is user namespaces); the format is the same in every version.
const {checks} = catalogueOf('1.6.0');

/** Every check evaluated on the fixture host, with one waiver applied. */
async function fixtureReport(): Promise<Report> {
	const facts = makeFacts();
	const results = applyWaivers(await runChecks(checks, {get: async name => facts[name]}), [{id: '2.9', reason: 'legacy images need root'}], '2026-01-01');
	return buildReport({version: '0.1.0', hostname: 'debian-host', dockerVersion: '20.10.24', root: '/', startedAt: new Date('2026-03-04T05:06:07.890Z'), durationMs: 2500, checks, results});
}

/** `promtool check metrics` on the text: its exit code and what it said. Fails the test, in CI, when promtool is missing. */
async function promtool(text: string): Promise<{exitCode: number | undefined; output: string} | undefined> {
	const result = await execa('promtool', ['check', 'metrics'], {input: text, reject: false});
	if ((result as {code?: string}).code === 'ENOENT') {
		return undefined;
	}

	return {exitCode: result.exitCode, output: `${String(result.stdout)}${String(result.stderr)}`};
}

/** The samples of an exposition text: name, labels (unescaped) and value. A small reader of the format, for what the tests compare. */
function samples(text: string): Array<{name: string; labels: Record<string, string>; value: number}> {
	return text.split('\n').filter(line => line !== '' && !line.startsWith('#')).map(line => {
		const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
		if (!match) {
			throw new Error(`not a sample: ${line}`);
		}

		const labels: Record<string, string> = {};
		for (const label of (match[2] ?? '').matchAll(/([a-z_]+)="((?:[^"\\]|\\.)*)"/g)) {
			labels[label[1]] = label[2].replaceAll(/\\(.)/g, (_, escaped: string) => escaped === 'n' ? '\n' : escaped);
		}

		return {name: match[1], labels, value: Number(match[3])};
	});
}

test('promtool check metrics accepts the file of a real audit', async t => {
	const checked = await promtool(formatPrometheus(await fixtureReport()));
	if (checked === undefined) {
		if (process.env.CI) {
			t.fail('promtool is missing: .ci/run installs the Debian package prometheus, which ships it');
		} else {
			t.log('promtool is not installed (apt-get install prometheus): the format was not checked by it');
			t.pass();
		}

		return;
	}

	t.is(checked.exitCode, 0, checked.output);
	t.is(checked.output.trim(), '', 'no lint warning either');
	// The same check catches a broken file: a label value with a raw quote.
	const broken = await promtool('# TYPE dockwarden_check gauge\ndockwarden_check{id="1"1"} 1\n');
	t.not(broken!.exitCode, 0);
});

test('one series per check, labelled with its status, and the counts per status', async t => {
	const report = await fixtureReport();
	const written = samples(formatPrometheus(report));
	const perCheck = written.filter(sample => sample.name === 'dockwarden_check');
	t.is(perCheck.length, report.results.length, 'one series per check, not one per check and status');
	for (const result of report.results) {
		const series = perCheck.find(sample => sample.labels.id === result.id)!;
		t.deepEqual(series.labels, {id: result.id, section: result.section, level: String(result.level), status: result.status});
		t.is(series.value, 1);
	}

	const counts = Object.fromEntries(written.filter(sample => sample.name === 'dockwarden_checks').map(sample => [sample.labels.status, sample.value]));
	t.deepEqual(counts, report.summary);
	t.true(counts.warn > 0 && counts.waived === 1);
	t.is(written.find(sample => sample.name === 'dockwarden_audit_duration_seconds')!.value, 2.5);
	t.is(written.find(sample => sample.name === 'dockwarden_audit_timestamp_seconds')!.value, Date.parse('2026-03-04T05:06:07.890Z') / 1000);
	t.deepEqual(written.find(sample => sample.name === 'dockwarden_benchmark_info')!.labels, {name: 'CIS Docker Benchmark', version: report.benchmark.version});
	t.deepEqual(written.find(sample => sample.name === 'dockwarden_tool_info')!.labels, {version: '0.1.0'});
});

test('label values are escaped as the exposition format asks, and read back unchanged', async t => {
	// The attacker controls a string that ends up in a label value (a version string here; in general anything a label carries):
	// a quote, a backslash or a line feed must not end the label, forge another sample, or make node_exporter reject the whole file.
	t.is(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
	const hostile = 'x"} 0\ndockwarden_checks{status="warn"} 0\n\\';
	const report = await fixtureReport();
	const text = formatPrometheus({...report, tool: {...report.tool, version: hostile}});
	const info = samples(text).filter(sample => sample.name === 'dockwarden_tool_info');
	t.is(info.length, 1);
	t.is(info[0].labels.version, hostile);
	t.is(samples(text).filter(sample => sample.name === 'dockwarden_checks' && sample.labels.status === 'warn').length, 1, 'no forged sample');
	const checked = await promtool(text);
	if (checked !== undefined) {
		t.is(checked.exitCode, 0, checked.output);
	}
});
