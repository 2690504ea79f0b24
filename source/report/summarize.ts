import path from 'node:path';
import {safeText} from '../text/safe-text.js';
import type {Report} from './report.js';

/** A report and where it came from: a file name, or `-` for stdin. */
export type SourcedReport = {readonly source: string; readonly report: Report};

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

/**
A text table of WARN counts under a title line, ending in a newline: one row per report (host × sections 1 to 7 and the total),
then a row of totals. Waived checks (accepted risks) are not counted; a warn whose waiver expired is.
*/
export function summarizeReports(reports: readonly SourcedReport[]): string {
	const counts = reports.map(entry => warnCounts(entry.report));
	const totals = [...sectionColumns, 'total'].map((_, column) => counts.reduce((sum, row) => sum + row[column], 0));
	const rows = [
		['host', ...sectionColumns, 'total'],
		...reports.map((entry, index) => [hostLabel(entry), ...counts[index].map(String)]),
		['total', ...totals.map(String)],
	];
	return `WARN findings by CIS section\n\n${alignTable(rows).join('\n')}\n`;
}
