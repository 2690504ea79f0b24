import type {Check, Result} from '../benchmark/types.js';
import {badgeWidth, type BodyLine} from './body-line.js';
import {indentWrap, wrapText} from './wrap-text.js';

const indent = '  ';

function statusLines(result: Result | undefined, pending: boolean, width: number): BodyLine[] {
	if (pending) {
		return [{kind: 'status', pending: true, text: 'Running…'}];
	}

	if (result === undefined) {
		return [{kind: 'status', pending: false, text: 'Not run yet: press r to run it'}];
	}

	const [first = '', ...rest] = wrapText(result.summary, width - badgeWidth);
	return [
		{kind: 'status', status: result.status, pending: false, text: first},
		...rest.map((line): BodyLine => ({kind: 'text', text: `${' '.repeat(badgeWidth)}${line}`})),
	];
}

function evidenceLines(result: Result | undefined, pending: boolean, width: number): BodyLine[] {
	if (result === undefined) {
		return [{kind: 'dim', text: `${indent}${pending ? 'Running…' : 'Run the check (r) to see what it looks at.'}`}];
	}

	if (result.evidence.length === 0) {
		return [{kind: 'dim', text: `${indent}(none)`}];
	}

	return result.evidence.flatMap(item => indentWrap(item, width, indent).map((text): BodyLine => ({kind: 'text', text})));
}

function block(heading: string, text: string, width: number): BodyLine[] {
	return [
		{kind: 'blank', text: ''},
		{kind: 'heading', text: heading},
		...indentWrap(text, width, indent).map((line): BodyLine => ({kind: 'text', text: line})),
	];
}

/** The whole body of a check's detail, wrapped to `width`: what it is, what it found, why it matters and how to fix it; and why it could not be fixed, when it could not. */
export function detailLines(check: Check, result: Result | undefined, pending: boolean, width: number, refusal?: string): BodyLine[] {
	return [
		...wrapText(`${check.id}  ${check.title}`, width).map((text): BodyLine => ({kind: 'title', text})),
		{kind: 'meta', text: `Level ${check.level} · ${check.automated ? 'Automated' : 'Manual'} · Section ${check.section}`},
		{kind: 'blank', text: ''},
		...statusLines(result, pending, width),
		...(result?.fixable && !pending ? [{kind: 'hint', text: 'fixable: press f to see the fix'} as const] : []),
		...(refusal === undefined ? [] : wrapText(`Cannot fix: ${refusal}`, width).map((text): BodyLine => ({kind: 'warning', text}))),
		{kind: 'blank', text: ''},
		{kind: 'heading', text: 'Evidence'},
		...evidenceLines(result, pending, width),
		...block('Rationale', check.rationale, width),
		...block('Impact', check.impact, width),
		...block('Remediation', check.remediation, width),
	];
}
