import {describePlan, type PlanLine} from '../fixes/describe-plan.js';
import type {Plan} from '../fixes/types.js';
import {hardWrap} from './wrap-text.js';

/** Lines of the confirm body that never scroll: the title above the plan and the prompt below it. */
export const confirmFixedLines = 2;

/** The plan as the confirm screen shows it: every step, command and diff line, cut (never truncated) to `width`. */
export function confirmLines(plan: Plan, width: number): PlanLine[] {
	const lines = describePlan(plan);
	if (plan.needsRoot) {
		lines.push({kind: 'warning', text: '! This fix needs root: it fails without root privileges.'});
	}

	return lines.flatMap(line => hardWrap(line.text, width).map(text => ({kind: line.kind, text})));
}
