import path from 'node:path';
import {safeText} from '../text/safe-text.js';
import type {Report} from './report.js';

/** A report and where it came from: a file name, or `-` for stdin. */
export type SourcedReport = {readonly source: string; readonly report: Report};

/** A host of a fleet that was not audited: its URL and why (it could not be reached, the login was refused…). */
export type NotAudited = {readonly source: string; readonly host: string; readonly exitCode: number; readonly reason: string};

/** One row of the summary table. */
export type SummaryEntry = SourcedReport | NotAudited;

/**
The combined report of a fleet (`dockwarden --host A --host B --json`): every host in the order given, each with its
report, or with why it was not audited. `summarize` reads it as it reads the reports of its hosts.
*/
export type FleetReport = {
	readonly tool: Report['tool'];
	readonly fleet: ReadonlyArray<{readonly host: string; readonly exitCode: number; readonly report?: Report; readonly notAudited?: string}>;
};

/** The table's section columns. */
const sectionColumns = ['1', '2', '3', '4', '5', '6', '7'] as const;

/** Is this a plain object? */
function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why the parsed value is not a dockwarden report, or undefined when it is one as far as summarizing goes. */
function reportProblem(value: unknown): string | undefined {
	if (!isRecord(value) || !isRecord(value.tool) || value.tool.name !== 'dockwarden') {
		return 'not a dockwarden report (tool.name is not "dockwarden")';
	}

	if (!Array.isArray(value.results)) {
		return 'not a dockwarden report (no results array)';
	}

	const index = value.results.findIndex(result => !isRecord(result) || typeof result.section !== 'string' || typeof result.status !== 'string');
	return index === -1 ? undefined : `malformed report (results[${index}] has no section or status)`;
}

/**
Parses a report JSON read from `source`. Throws an Error with one line naming `source` when the text is not JSON or not a dockwarden report
(checked minimally: `tool.name` is `dockwarden`, `results` is an array of objects with a `section` and a `status`).
*/
export function parseReport(text: string, source: string): Report {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`${source}: not valid JSON (${reason.replaceAll(/\s+/g, ' ')})`);
	}

	const problem = reportProblem(value);
	if (problem !== undefined) {
		throw new Error(`${source}: ${problem}`);
	}

	return value as Report;
}

/**
Parses what `summarize` is given: a report, or a fleet's combined report (one entry per host). Throws an Error with one line
naming `source` (and the host, for a fleet) when it is neither.
*/
export function parseSummaryInput(text: string, source: string): SummaryEntry[] {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return [{source, report: parseReport(text, source)}];
	}

	if (!isRecord(value) || !Array.isArray(value.fleet)) {
		return [{source, report: parseReport(text, source)}];
	}

	if (!isRecord(value.tool) || value.tool.name !== 'dockwarden') {
		throw new Error(`${source}: not a dockwarden fleet report (tool.name is not "dockwarden")`);
	}

	return value.fleet.map((entry: unknown, index): SummaryEntry => {
		if (!isRecord(entry) || typeof entry.host !== 'string') {
			throw new Error(`${source}: malformed fleet report (fleet[${index}] names no host)`);
		}

		if (typeof entry.notAudited === 'string') {
			return {source, host: entry.host, exitCode: typeof entry.exitCode === 'number' ? entry.exitCode : -1, reason: entry.notAudited};
		}

		const problem = reportProblem(entry.report);
		if (problem !== undefined) {
			throw new Error(`${source}: fleet[${index}] (${safeText(entry.host)}): ${problem}`);
		}

		return {source, report: entry.report as Report};
	});
}

/**
A row's label: the report's host name, or the file name when the report has none; made safe (a report file is anyone's text:
a newline in a host name is `\n`, never a forged row, and an escape sequence is shown, not run).
*/
function hostLabel({source, report}: SourcedReport): string {
	const hostname = isRecord(report.host) && typeof report.host.hostname === 'string' ? report.host.hostname.trim() : '';
	return safeText(hostname || path.basename(source));
}

/** Warn counts of a report: one per section column, then the total over all sections. A `waived` check is not a warn and is not counted. */
function warnCounts(report: Report): number[] {
	const warns = report.results.filter(result => result.status === 'warn');
	const perSection = sectionColumns.map(id => warns.filter(result => result.section === id).length);
	return [...perSection, warns.length];
}

/** Aligns a table: the first column to the left, the others to the right, two spaces apart. */
function alignTable(rows: ReadonlyArray<readonly string[]>): string[] {
	const widths = rows[0].map((_, column) => Math.max(...rows.map(row => row[column].length)));
	return rows.map(row => row
		.map((cell, column) => column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))
		.join('  ')
		.trimEnd());
}

/** The benchmark version a report says its ids follow, made safe; `?` when it says none. */
function benchmarkOf(report: Report): string {
	return isRecord(report.benchmark) && typeof report.benchmark.version === 'string' ? safeText(report.benchmark.version) : '?';
}

/**
A text table of WARN counts under a title line, ending in a newline: one row per report (host × sections 1 to 7 and the total),
then a row of totals. Waived checks (accepted risks) are not counted; a warn whose waiver expired is. A host of a fleet that
was not audited has a row of `-`, and a line under the table that says why. The title names the CIS Docker Benchmark version
of the reports; when they differ, a `cis` column says each host's (the sections are the same in every version).
*/
export function summarizeReports(entries: readonly SummaryEntry[]): string {
	const counts = entries.map(entry => 'report' in entry ? warnCounts(entry.report) : undefined);
	const totals = [...sectionColumns, 'total'].map((_, column) => counts.reduce((sum, row) => sum + (row?.[column] ?? 0), 0));
	const versions = [...new Set(entries.flatMap(entry => 'report' in entry ? [benchmarkOf(entry.report)] : []))];
	const mixed = versions.length > 1;
	const cis = (entry: SummaryEntry) => mixed ? ['report' in entry ? benchmarkOf(entry.report) : '-'] : [];
	const rows = [
		['host', ...(mixed ? ['cis'] : []), ...sectionColumns, 'total'],
		...entries.map((entry, index) => 'report' in entry ? [hostLabel(entry), ...cis(entry), ...counts[index]!.map(String)] : [safeText(entry.host), ...cis(entry), ...[...sectionColumns, 'total'].map(() => '-')]),
		['total', ...(mixed ? [''] : []), ...totals.map(String)],
	];
	const why = entries.flatMap(entry => 'report' in entry ? [] : [`${safeText(entry.host)}: not audited (exit ${entry.exitCode}): ${safeText(entry.reason)}`]);
	const title = versions.length === 0 ? 'WARN findings by CIS section' : `WARN findings by CIS section, CIS Docker Benchmark ${versions.map(version => `v${version}`).join(' and ')}`;
	return `${title}\n\n${alignTable(rows).join('\n')}\n${why.length > 0 ? `\n${why.join('\n')}\n` : ''}`;
}
