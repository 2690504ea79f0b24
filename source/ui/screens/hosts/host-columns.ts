import type {Check, Section} from '../../../benchmark/types.js';
import {screenText} from '../../parts/wrap-text.js';
import {warnCounts, type HostRow} from './state.js';

/** Width of one section's WARN count, and of the total. */
const countWidth = 3;
const totalWidth = 6;
/** Width of the reachable column. */
const reachWidth = 14;

/** A text in a column of `width`, a space always after it: padded, or cut with `…`. */
function cell(text: string, width: number): string {
	return text.length < width ? text.padEnd(width) : `${text.slice(0, Math.max(0, width - 2))}… `;
}

/** Whether the host could be reached, in a few words: `yes`, `connecting…`, `auditing 40/117`, `no: why`. */
export function reachableText(row: HostRow, total: number): string {
	switch (row.phase) {
		case 'waiting': {
			return 'waiting';
		}

		case 'connecting': {
			return 'connecting…';
		}

		case 'auditing': {
			return `yes, ${Object.keys(row.results).length}/${total}`;
		}

		case 'audited': {
			return 'yes';
		}

		case 'failed': {
			return `no: ${row.reason ?? '?'}`;
		}
	}
}

/** The width of the host column in a row `width` wide (after the marker), with the given sections. */
export function hostWidth(width: number, sections: readonly Section[]): number {
	return Math.max(8, width - reachWidth - (sections.length * countWidth) - totalWidth);
}

/** The header row of the host list (after the marker's place): `host`, `reachable`, each section's id, `WARN` (the total), aligned with the rows. */
export function headerRow(width: number, sections: readonly Section[]): string {
	return `${cell('host', hostWidth(width, sections))}${cell('reachable', reachWidth)}${sections.map(section => section.id.padStart(countWidth)).join('')}${'WARN'.padStart(totalWidth)}`;
}

/**
One host's row (without its marker): the URL and the reachable column made safe and cut to their columns, then the WARN
count of each section and the total, like `summarize`; `-` before any result of the host is in.
*/
export function hostRow(row: HostRow, width: number, sections: readonly Section[], checks: readonly Check[]): string {
	const counts = warnCounts(row, sections, checks);
	const none = Object.keys(row.results).length === 0;
	const numbers = counts.map((count, index) => String(none ? '-' : count).padStart(index === sections.length ? totalWidth : countWidth)).join('');
	return `${cell(screenText(row.url, false), hostWidth(width, sections))}${cell(screenText(reachableText(row, checks.length), false), reachWidth)}${numbers}`;
}
