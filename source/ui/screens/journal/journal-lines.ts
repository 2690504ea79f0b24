import {entryChecks} from '../../../fixes/journal.js';
import type {BodyLine} from '../../parts/body-line.js';
import type {JournalSummary} from '../../services.js';
import {hardWrap, indentWrap, screenText, wrapText} from '../../parts/wrap-text.js';

const two = (value: number) => String(value).padStart(2, '0');

/** An ISO-8601 time as a short local time, `2025-11-29 06:48`; the text itself when it is not a time. */
export function shortTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) {
		return iso;
	}

	return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** What an entry is about in one line: when, which checks, and whether it was undone. */
export function entryMeta(entry: JournalSummary): string {
	return [shortTime(entry.time), entryChecks(entry), `entry ${entry.id}`].join(' · ');
}

/**
The body of a journal entry's detail, wrapped to `width`: what it was, whether it was undone (or, outside read-only
mode, that `u` undoes it), and every change it made.
*/
export function entryLines(entry: JournalSummary, width: number, readOnly = false): BodyLine[] {
	return [
		...wrapText(screenText(entry.title, false), width).map((text): BodyLine => ({kind: 'title', text})),
		...wrapText(entryMeta(entry), width).map((text): BodyLine => ({kind: 'meta', text})),
		...(entry.undoneAt === undefined
			? (readOnly ? [] : wrapText('u undoes it: the plan is shown for confirmation first', width).map((text): BodyLine => ({kind: 'hint', text})))
			: wrapText(`Undone on ${shortTime(entry.undoneAt)}: there is nothing left to undo.`, width).map((text): BodyLine => ({kind: 'warning', text}))),
		{kind: 'blank', text: ''},
		{kind: 'heading', text: 'Changes'},
		...(entry.changes.length === 0
			? [{kind: 'dim', text: '  (none recorded)'} as const]
			: entry.changes.flatMap(change => indentWrap(screenText(change, false), width, '  ').map((text): BodyLine => ({kind: 'text', text})))),
	];
}

/** How to draw one line of a difference: headers, added and removed lines in their colours, the rest as text. */
export function diffKind(line: string): 'diff-header' | 'diff-add' | 'diff-remove' | 'text' {
	if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('@@')) {
		return 'diff-header';
	}

	if (line.startsWith('+')) {
		return 'diff-add';
	}

	if (line.startsWith('-')) {
		return 'diff-remove';
	}

	return 'text';
}

/** The body of a refused undo, wrapped to `width`: the reason, the entry, then every line of the details (a diff is cut at the width, never shortened). */
export function refusalLines(entry: JournalSummary, reason: string, details: readonly string[], width: number): BodyLine[] {
	return [
		...wrapText(`Cannot undo: ${reason}`, width).map((text): BodyLine => ({kind: 'error', text})),
		...wrapText(screenText(`${entry.title} · ${entryMeta(entry)}`, false), width).map((text): BodyLine => ({kind: 'meta', text})),
		{kind: 'blank', text: ''},
		...details.flatMap(line => hardWrap(line, width).map((text): BodyLine => ({kind: diffKind(line), text}))),
		...(details.length === 0 ? [] : [{kind: 'blank', text: ''} as const]),
		...wrapText('U force undo: plan the undo anyway, overwriting what changed since (the plan is shown for confirmation first).', width)
			.map((text): BodyLine => ({kind: 'hint', text})),
	];
}
