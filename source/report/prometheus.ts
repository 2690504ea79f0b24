/**
The report in Prometheus's text exposition format, for node_exporter's textfile collector (a `*.prom` file in its
`--collector.textfile.directory`; see examples/dockwarden-textfile.service).

Cardinality: one series per check, labelled with its current status and value 1, not one series per check and status. A check has one
status at a time, so six series per check would be five zeros; with the status as a label the file holds about 120 series however the
checks fare, `dockwarden_check{status="warn"}` selects what warns, `count by (section) (dockwarden_check{status="warn"})` counts them per section, and
`count by (status) (dockwarden_check)` is a dashboard's pie.
When a check's status changes, its old series ends and Prometheus marks it stale at the next scrape. Host names, container names and
evidence are no labels: node_exporter's scrape adds `instance`, and the rest would make a new series at every run.
*/
import type {Status} from '../benchmark/types.js';
import type {Report} from './report.js';

/** The statuses in the order their counts are written. */
const statuses: readonly Status[] = ['pass', 'warn', 'info', 'note', 'skip', 'error', 'waived'];

/** A label value escaped as the exposition format asks: backslash, double quote and line feed. */
export function escapeLabelValue(value: string): string {
	return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

/** A HELP text escaped as the exposition format asks: backslash and line feed. */
function escapeHelp(text: string): string {
	return text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
}

/** `{a="x",b="y"}`, or nothing without labels. */
function labels(values: Readonly<Record<string, string>>): string {
	const entries = Object.entries(values);
	return entries.length === 0 ? '' : `{${entries.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',')}}`;
}

/** A number as the exposition format writes it. */
function sampleValue(value: number): string {
	if (Number.isNaN(value)) {
		return 'NaN';
	}

	if (!Number.isFinite(value)) {
		return value > 0 ? '+Inf' : '-Inf';
	}

	return String(value);
}

/** One metric family: its HELP and TYPE lines, then its samples. */
function family(name: string, help: string, samples: ReadonlyArray<{readonly labels?: Readonly<Record<string, string>>; readonly value: number}>): string[] {
	return [
		`# HELP ${name} ${escapeHelp(help)}`,
		`# TYPE ${name} gauge`,
		...samples.map(sample => `${name}${labels(sample.labels ?? {})} ${sampleValue(sample.value)}`),
	];
}

/**
The report as a textfile-collector file, ending in a newline. Every family is a gauge; the names end in their unit where they have one
(`_seconds`), and the `_info` families carry versions as labels with value 1, as Prometheus's naming guide asks.
*/
export function formatPrometheus(report: Report): string {
	const startedSeconds = Date.parse(report.startedAt) / 1000;
	const lines = [
		...family('dockwarden_check', 'One series per CIS check, value 1, labelled with its current status (pass, warn, info, note, skip, error, waived).', report.results.map(result => ({
			labels: {id: result.id, section: result.section, level: String(result.level), status: result.status},
			value: 1,
		}))),
		...family('dockwarden_checks', 'How many checks have each status.', statuses.map(status => ({labels: {status}, value: report.summary[status]}))),
		...family('dockwarden_audit_duration_seconds', 'How long the audit took.', [{value: report.durationMs / 1000}]),
		...family('dockwarden_audit_timestamp_seconds', 'When the audit started, in Unix seconds.', [{value: startedSeconds}]),
		...family('dockwarden_benchmark_info', 'The benchmark the check ids and titles follow.', [{labels: {name: report.benchmark.name, version: report.benchmark.version}, value: 1}]),
		...family('dockwarden_tool_info', 'The dockwarden that wrote this file.', [{labels: {version: report.tool.version}, value: 1}]),
	];
	return `${lines.join('\n')}\n`;
}
