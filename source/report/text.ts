import type {Section, Status} from '../benchmark/types.js';
import type {Report} from './report.js';

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

/**
The text report: a `[STATUS] id - title` line per check (the lines people know from Docker Bench for Security), its evidence indented below, and a summary.
*/
export function formatText(report: Report, sections: readonly Section[], color: boolean): string {
	const tag = (status: Status) => color ? `${ansi[status]}${statusTag[status]}\u001B[0m` : statusTag[status];
	const lines: string[] = [
		`dockwarden ${report.tool.version} - CIS Docker Benchmark v${report.benchmark.version}`,
		`host ${report.host.hostname}${report.host.root === '/' ? '' : ` (root ${report.host.root})`} - Docker ${report.host.dockerVersion ?? 'unreachable'}`,
	];
	let section: string | undefined;
	for (const result of report.results) {
		if (result.section !== section) {
			section = result.section;
			lines.push('', `${section} - ${sections.find(candidate => candidate.id === section)?.title ?? ''}`);
		}

		lines.push(`${tag(result.status)} ${result.id} - ${result.title}${result.fixable ? '  (fixable: dockwarden fix ' + result.id + ')' : ''}`);
		for (const evidence of result.evidence) {
			lines.push(`       * ${evidence}`);
		}
	}

	const {summary} = report;
	lines.push('', `Summary: ${summary.pass} pass, ${summary.warn} warn, ${summary.info} info, ${summary.note} note, ${summary.skip} skip, ${summary.error} error (${report.results.length} checks in ${report.durationMs} ms)`);
	return `${lines.join('\n')}\n`;
}
