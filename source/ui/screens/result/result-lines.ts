import type {Result} from '../../../benchmark/types.js';
import type {ApplyOutcome, Plan} from '../../../model/plan.js';
import {badgeWidth, type BodyLine} from '../../parts/body-line.js';
import {indentWrap, screenText, wrapText} from '../../parts/wrap-text.js';

function recheckLines(ids: readonly string[], results: Readonly<Record<string, Result>>, pending: Readonly<Record<string, number>>, width: number): BodyLine[] {
	return ids.flatMap((id): BodyLine[] => {
		const result = results[id];
		if (pending[id] !== undefined) {
			return [{kind: 'status', pending: true, text: `${id}  re-running the check…`}];
		}

		if (result === undefined) {
			return [{kind: 'status', pending: false, text: `${id}  not re-run`}];
		}

		const [first = '', ...rest] = wrapText(`${id}  ${screenText(result.summary, false)}`, width - badgeWidth);
		return [
			{kind: 'status', status: result.status, pending: false, text: first},
			...rest.map((text): BodyLine => ({kind: 'text', text: `${' '.repeat(badgeWidth)}${text}`})),
		];
	});
}

/** What applying a fix (or an undo) did: the outcome, the re-run status of the checks, then the log, wrapped to `width`. */
export function resultLines(plan: Plan, outcome: ApplyOutcome, results: Readonly<Record<string, Result>>, pending: Readonly<Record<string, number>>, width: number): BodyLine[] {
	const lines: BodyLine[] = [];
	if (outcome.ok) {
		lines.push(...wrapText(`${plan.undoes === undefined ? 'Fixed' : 'Undone'}: ${plan.title}`, width).map((text): BodyLine => ({kind: 'ok', text})));
	} else {
		lines.push(
			...wrapText(`Failed: ${outcome.error}`, width).map((text): BodyLine => ({kind: 'error', text})),
			...wrapText(outcome.rolledBack
				? 'Rolled back: every step done before the failure was reverted.'
				: 'NOT rolled back: steps done before the failure may still be in place; see the log.', width)
				.map((text): BodyLine => ({kind: outcome.rolledBack ? 'text' : 'warning', text})),
		);
	}

	lines.push(...recheckLines(plan.checkIds, results, pending, width));
	if (outcome.ok && outcome.journalEntry) {
		lines.push(...wrapText(`Journal: ${outcome.journalEntry}`, width).map((text): BodyLine => ({kind: 'dim', text})));
	}

	lines.push({kind: 'blank', text: ''}, {kind: 'heading', text: 'Log'});
	if (outcome.log.length === 0) {
		lines.push({kind: 'dim', text: '  (nothing was done)'});
	}

	for (const entry of outcome.log) {
		lines.push(...indentWrap(screenText(entry, false), width, '  ').map((text): BodyLine => ({kind: 'text', text})));
	}

	return lines;
}
