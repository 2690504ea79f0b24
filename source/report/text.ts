import type {Section, Status} from '../benchmark/types.js';
import {waivedLine, type ReportedWaiver} from '../waivers/reported-waiver.js';
import type {Report} from './report.js';

/** A report result, with the waiver buildReport carries for a waived check (or an expired waiver). */
type ReportResult = Report['results'][number] & {readonly waiver?: ReportedWaiver};

/** The fixed-width status tag, the same in every output. */
export const statusTag: Readonly<Record<Status, string>> = {
	pass: '[PASS]',
	warn: '[WARN]',
	info: '[INFO]',
	note: '[NOTE]',
	skip: '[SKIP]',
	error: '[ERR ]',
	waived: '[WAIV]',
};

const ansi: Readonly<Record<Status, string>> = {
	pass: '\u001B[32m',
	warn: '\u001B[31m',
	info: '\u001B[34m',
	note: '\u001B[33m',
	skip: '\u001B[90m',
	error: '\u001B[35m',
	waived: '\u001B[36m',
};

/** A result's evidence lines; a waived check's start with `waived: REASON (until DAY)`, added here if the result does not have it yet. */
function evidenceOf(result: ReportResult): readonly string[] {
	const {waiver, evidence} = result;
	if (result.status !== 'waived' || waiver === undefined || evidence[0] === waivedLine(waiver)) {
		return evidence;
	}

	return [waivedLine(waiver), ...evidence];
}

/** The summary line: counts of each status, waived right after warn. */
function summaryLine(report: Report): string {
	const {summary} = report;
	return `Summary: ${summary.pass} pass, ${summary.warn} warn, ${summary.waived} waived, ${summary.info} info, ${summary.note} note, ${summary.skip} skip, ${summary.error} error (${report.results.length} checks in ${report.durationMs} ms)`;
}

/**
The text report: a `[STATUS] id - title` line per check (the lines people know from Docker Bench for Security), its evidence indented below, and a summary.
A waived check is `[WAIV] id - title` with its reason as the first evidence line.
*/
export function formatText(report: Report, sections: readonly Section[], color: boolean): string {
	const tag = (status: Status) => color ? `${ansi[status]}${statusTag[status]}\u001B[0m` : statusTag[status];
	const lines: string[] = [
		`dockwarden ${report.tool.version} - CIS Docker Benchmark v${report.benchmark.version}`,
		`host ${report.host.hostname}${report.host.via ? ` via ${report.host.via}` : ''}${report.host.demo ? ' (demo: the sample host, in a sandbox)' : (report.host.root === '/' ? '' : ` (root ${report.host.root})`)} - Docker ${report.host.dockerVersion ?? 'unreachable'}`,
	];
	let section: string | undefined;
	for (const result of report.results) {
		if (result.section !== section) {
			section = result.section;
			lines.push('', `${section} - ${sections.find(candidate => candidate.id === section)?.title ?? ''}`);
		}

		lines.push(`${tag(result.status)} ${result.id} - ${result.title}${result.fixable ? '  (fixable: dockwarden fix ' + result.id + ')' : ''}`);
		for (const evidence of evidenceOf(result)) {
			lines.push(`       * ${evidence}`);
		}
	}

	lines.push('', summaryLine(report));
	return `${lines.join('\n')}\n`;
}
