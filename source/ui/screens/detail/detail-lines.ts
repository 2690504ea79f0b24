import type {Check, Result} from '../../../benchmark/types.js';
import {badgeWidth, type BodyLine} from '../../parts/body-line.js';
import {indentWrap, screenText, wrapText} from '../../parts/wrap-text.js';

const indent = '  ';

function statusLines(result: Result | undefined, pending: boolean, width: number): BodyLine[] {
	if (pending) {
		return [{kind: 'status', pending: true, text: 'Running…'}];
	}

	if (result === undefined) {
		return [{kind: 'status', pending: false, text: 'Not run yet: press r to run it'}];
	}

	const [first = '', ...rest] = wrapText(screenText(result.summary, false), width - badgeWidth);
	return [
		{kind: 'status', status: result.status, pending: false, text: first},
		...rest.map((line): BodyLine => ({kind: 'text', text: `${' '.repeat(badgeWidth)}${line}`})),
	];
}

/** What a waiver says on the detail: why the WARN is accepted and until when, or that it has expired and counts again. */
export function waiverLines(result: Result | undefined, width: number): BodyLine[] {
	const waiver = result?.waiver;
	if (waiver === undefined) {
		return [];
	}

	const recorded = recordedAsLines(waiver, width);
	if (waiver.expired) {
		return [...wrapText(`waiver expired on ${waiver.expires ?? '?'}: this WARN counts again (it was waived: ${screenText(waiver.reason, false)})`, width)
			.map((text): BodyLine => ({kind: 'warning', text})), ...recorded];
	}

	return [...wrapText(`Waived: ${screenText(waiver.reason, false)}${waiver.expires === undefined ? '' : ` (until ${waiver.expires})`}`, width)
		.map((text): BodyLine => ({kind: 'waiver', text})), ...recorded];
}

/** The line of a waiver recorded under another version's id: `recorded for 2.9 of CIS v1.6.0, the same check`; none otherwise. */
export function recordedAsText(waiver: NonNullable<Result['waiver']>): string | undefined {
	return waiver.recordedAs ? `recorded for ${waiver.recordedAs.id} of CIS v${waiver.recordedAs.benchmark}, the same check` : undefined;
}

function recordedAsLines(waiver: NonNullable<Result['waiver']>, width: number): BodyLine[] {
	const text = recordedAsText(waiver);
	return text === undefined ? [] : wrapText(text, width).map((line): BodyLine => ({kind: 'waiver', text: line}));
}

/** What the operator can do about the result: fix it (`f`) or accept it (`x`); in read-only mode, neither. */
function actionHints(result: Result | undefined, pending: boolean, width: number, readOnly: boolean): BodyLine[] {
	if (pending || result === undefined) {
		return [];
	}

	if (readOnly) {
		return result.fixable ? [{kind: 'dim', text: 'fixable, outside read-only mode'}] : [];
	}

	if (result.fixable) {
		return wrapText(`fixable: press f to see the fix${result.status === 'warn' ? ', or x to waive it' : ''}`, width).map((text): BodyLine => ({kind: 'hint', text}));
	}

	return result.status === 'warn' ? wrapText('press x to waive it: accept this WARN, with a reason', width).map((text): BodyLine => ({kind: 'dim', text})) : [];
}

function evidenceLines(result: Result | undefined, pending: boolean, width: number): BodyLine[] {
	if (result === undefined) {
		return [{kind: 'dim', text: `${indent}${pending ? 'Running…' : 'Run the check (r) to see what it looks at.'}`}];
	}

	if (result.evidence.length === 0) {
		return [{kind: 'dim', text: `${indent}(none)`}];
	}

	// Each item is host text on one line: a newline in it shows as \n and never starts a line that looks like another item.
	return result.evidence.flatMap(item => indentWrap(screenText(item, false), width, indent).map((text): BodyLine => ({kind: 'text', text})));
}

function block(heading: string, text: string, width: number): BodyLine[] {
	return [
		{kind: 'blank', text: ''},
		{kind: 'heading', text: heading},
		...indentWrap(text, width, indent).map((line): BodyLine => ({kind: 'text', text: line})),
	];
}

/**
The whole body of a check's detail, wrapped to `width`: what it is, what it found (and its waiver), why it matters and
how to fix it; why it could not be fixed, when it could not; and the outcome of proving its audit rule (p), when it was.
*/
export function detailLines(check: Check, result: Result | undefined, pending: boolean, width: number, refusal?: string, proof?: string, readOnly = false): BodyLine[] {
	return [
		...wrapText(`${check.id}  ${check.title}`, width).map((text): BodyLine => ({kind: 'title', text})),
		{kind: 'meta', text: `Level ${check.level} · ${check.automated ? 'Automated' : 'Manual'} · Section ${check.section}`},
		{kind: 'blank', text: ''},
		...statusLines(result, pending, width),
		...(pending ? [] : waiverLines(result, width)),
		...actionHints(result, pending, width, readOnly),
		...(refusal === undefined ? [] : wrapText(`Cannot fix: ${refusal}`, width).map((text): BodyLine => ({kind: 'warning', text}))),
		...(proof === undefined ? [] : wrapText(proof, width).map((text): BodyLine => ({kind: 'hint', text}))),
		{kind: 'blank', text: ''},
		{kind: 'heading', text: 'Evidence'},
		...evidenceLines(result, pending, width),
		...block('Rationale', check.rationale, width),
		...block('Impact', check.impact, width),
		...block('Remediation', check.remediation, width),
	];
}
