import {describePlan, type PlanLine} from '../../../fixes/describe-plan.js';
import type {Plan} from '../../../model/plan.js';
import {hardWrap, wrapText} from '../../parts/wrap-text.js';

/** Lines of the confirm body that never scroll: the title above the plan and the prompt below it. */
export const confirmFixedLines = 2;

/** Commands and diff lines are cut exactly at the width, so every character can be read and copied; prose wraps at words under its own indent. */
function wrapPlanLine(line: PlanLine, width: number): string[] {
	if (line.kind !== 'warning' && line.kind !== 'text' && line.kind !== 'heading') {
		return hardWrap(line.text, width);
	}

	const indent = /^\s*(?:! )?/.exec(line.text)![0];
	const hanging = ' '.repeat(indent.length);
	return wrapText(line.text.slice(indent.length), width - indent.length).map((text, index) => `${index === 0 ? indent : hanging}${text}`);
}

/** The plan as the confirm screen shows it: every step, command and diff line, never truncated, within `width`. */
export function confirmLines(plan: Plan, width: number): PlanLine[] {
	return describePlan(plan).flatMap(line => wrapPlanLine(line, width).map(text => ({kind: line.kind, text})));
}
