import type {Section, Status} from '../benchmark/types.js';
import {sections as catalogueSections} from '../benchmark/catalogue.js';
import type {ReportedWaiver} from '../waivers/reported-waiver.js';
import {escapeLineStart, escapeMarkdown} from './markdown-text.js';
import type {Report} from './report.js';

export {escapeMarkdown} from './markdown-text.js';

/** A report result, with the waiver buildReport carries for a waived check (or an expired waiver). */
type ReportResult = Report['results'][number] & {readonly waiver?: ReportedWaiver};

/** Statuses in the order the tables list them: a waived warn right after the warns. */
const tableStatuses: readonly Status[] = ['pass', 'warn', 'waived', 'note', 'skip', 'info', 'error'];

/** A finding's heading tag: `[WARN]`, `[ERROR]`. */
const findingTag: Readonly<Partial<Record<Status, string>>> = {warn: '[WARN]', error: '[ERROR]'};

/** A Markdown table. */
function table(header: readonly string[], align: readonly ('left' | 'right')[], rows: ReadonlyArray<readonly string[]>): string[] {
	const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(align.map(side => side === 'left' ? '---' : '---:')), ...rows.map(row => line(row))];
}

/** Counts of each status among results. */
function countsOf(results: readonly ReportResult[]): Record<Status, number> {
	const counts: Record<Status, number> = {pass: 0, warn: 0, info: 0, note: 0, skip: 0, error: 0, waived: 0};
	for (const result of results) {
		counts[result.status]++;
	}

	return counts;
}

/** The title and the line under it. */
function heading(report: Report): string[] {
	const {host, tool, benchmark} = report;
	return [
		`# dockwarden report: ${escapeMarkdown(host.hostname)}, ${report.startedAt.slice(0, 10)}`,
		'',
		[
			`${benchmark.name} v${benchmark.version}`,
			`dockwarden ${escapeMarkdown(tool.version)}`,
			`Docker ${escapeMarkdown(host.dockerVersion ?? 'unreachable')}`,
			...(host.via ? [`reached over SSH: ${escapeMarkdown(host.via)}`] : []),
			...(host.demo ? ['demo: the sample host, in a sandbox'] : (host.root === '/' ? [] : [`root ${escapeMarkdown(host.root)}`])),
			`started ${report.startedAt}`,
			`${report.results.length} checks in ${report.durationMs} ms`,
		].join(' · '),
	];
}

/** Status × count. */
function summaryTable(report: Report): string[] {
	const counts = countsOf(report.results);
	return ['## Summary', '', ...table(['Status', 'Count'], ['left', 'right'], tableStatuses.map(status => [status.toUpperCase(), String(counts[status])]))];
}

/** Section × status, with a total row. */
function sectionTable(report: Report, sections: readonly Section[]): string[] {
	const ids = [...new Set(report.results.map(result => result.section))];
	const row = (label: string, results: readonly ReportResult[]) => {
		const counts = countsOf(results);
		return [label, ...tableStatuses.map(status => String(counts[status]))];
	};

	const rows = ids.map(id => {
		const title = sections.find(section => section.id === id)?.title;
		return row(escapeMarkdown(title === undefined ? id : `${id} - ${title}`), report.results.filter(result => result.section === id));
	});
	const header = ['Section', ...tableStatuses.map(status => status[0].toUpperCase() + status.slice(1))];
	return ['## By section', '', ...table(header, ['left', ...tableStatuses.map(() => 'right' as const)], [...rows, row('**Total**', report.results)])];
}

/** Evidence as a bullet list, indented by `indent`. */
function bullets(evidence: readonly string[], indent = ''): string[] {
	return evidence.map(line => `${indent}- ${escapeLineStart(escapeMarkdown(line))}`);
}

/** One warn or error: a heading, the summary, the evidence, and how to fix it when dockwarden can. */
function finding(result: ReportResult): string[] {
	return [
		`### ${findingTag[result.status]} ${result.id} - ${escapeMarkdown(result.title)}`,
		'',
		escapeLineStart(escapeMarkdown(result.summary)),
		...(result.evidence.length > 0 ? ['', ...bullets(result.evidence)] : []),
		...(result.fixable ? ['', `Fix: \`dockwarden fix ${result.id}\``] : []),
		'',
	];
}

/** Every warn and error, in report order. */
function findings(report: Report): string[] {
	const found = report.results.filter(result => result.status in findingTag);
	return ['## Findings', '', ...(found.length > 0 ? found.flatMap(result => finding(result)) : ['No warnings.', ''])];
}

/** One waived check as a list item: the check, then the reason and until when. */
function waivedItem(result: ReportResult): string {
	const {waiver} = result;
	const until = waiver?.expires === undefined ? '' : ` (until ${waiver.expires})`;
	return `- **${result.id} - ${escapeMarkdown(result.title)}**: ${escapeMarkdown(waiver?.reason ?? result.summary)}${until}`;
}

/** The waived checks, each with the reason it was accepted; nothing when there are none. */
function waived(report: Report): string[] {
	const accepted = report.results.filter(result => result.status === 'waived');
	return accepted.length === 0 ? [] : ['## Waived', '', ...accepted.map(result => waivedItem(result)), ''];
}

/** The manual checks, collapsed. */
function notes(report: Report): string[] {
	const noted = report.results.filter(result => result.status === 'note');
	if (noted.length === 0) {
		return [];
	}

	return [
		'<details>',
		`<summary>${noted.length} ${noted.length === 1 ? 'note' : 'notes'}: manual checks to review</summary>`,
		'',
		...noted.flatMap(result => [
			`- **${result.id} - ${escapeMarkdown(result.title)}**: ${escapeMarkdown(result.summary)}`,
			...bullets(result.evidence, '  '),
		]),
		'',
		'</details>',
		'',
	];
}

/**
The report as a Markdown document to paste into a ticket, ending in a newline: a title with the host and date, a status summary table,
a table per section, then every `warn` and `error` with its evidence, then the waived checks with their reasons, then the notes in a
collapsed `<details>`.
`sections` names the sections; it defaults to the catalogue's.
*/
export function formatMarkdown(report: Report, sections: readonly Section[] = catalogueSections): string {
	const lines = [
		...heading(report),
		'',
		...summaryTable(report),
		'',
		...sectionTable(report, sections),
		'',
		...findings(report),
		...waived(report),
		...notes(report),
	];
	return `${lines.join('\n').trimEnd()}\n`;
}
