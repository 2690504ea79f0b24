import type {Report} from './report.js';

/** The report as JSON, one document, ending in a newline. */
export function formatJson(report: Report): string {
	return `${JSON.stringify(report, undefined, 2)}\n`;
}
