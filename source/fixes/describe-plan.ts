import {createTwoFilesPatch} from 'diff';
import type {Plan, Step} from '../model/plan.js';
import {commandLine, octal} from '../model/command-line.js';

export {commandLine, octal, shellQuote} from '../model/command-line.js';

/** A line of a described plan; `kind` tells the view how to colour it. */
export type PlanLine = {
	readonly kind: 'heading' | 'command' | 'diff-add' | 'diff-remove' | 'diff-context' | 'diff-header' | 'warning' | 'text';
	readonly text: string;
};

/** The unified diff of a write step. */
export function unifiedDiff(step: Extract<Step, {kind: 'write'}>): string {
	const before = step.before ?? '';
	return createTwoFilesPatch(
		step.before === undefined ? '/dev/null' : step.path,
		step.path,
		before,
		step.after,
		step.before === undefined ? '(new file)' : '(current)',
		'(after the fix)',
		{context: 3},
	);
}

function describeStep(step: Step, index: number): PlanLine[] {
	const number = `${index + 1}.`;
	switch (step.kind) {
		case 'run': {
			return [{kind: 'command', text: `${number} run: ${commandLine(step.argv)}`}];
		}

		case 'write': {
			const lines: PlanLine[] = [{kind: 'command', text: `${number} write ${step.path}${step.before === undefined ? ` (new file, mode ${step.mode.toString(8)})` : ''}`}];
			const diff = unifiedDiff(step).split('\n').filter(line => !line.startsWith('===') && !line.startsWith('Index:'));
			for (const line of diff) {
				if (line === '' || line.startsWith('\\')) {
					continue;
				}

				if (line.startsWith('---') || line.startsWith('+++') || line.startsWith('@@')) {
					lines.push({kind: 'diff-header', text: `   ${line}`});
				} else if (line.startsWith('+')) {
					lines.push({kind: 'diff-add', text: `   ${line}`});
				} else if (line.startsWith('-')) {
					lines.push({kind: 'diff-remove', text: `   ${line}`});
				} else {
					lines.push({kind: 'diff-context', text: `   ${line}`});
				}
			}

			return lines;
		}

		case 'remove': {
			return [{kind: 'command', text: `${number} remove ${step.path} (dockwarden created it)`}, ...step.before.split('\n').filter(Boolean).map(line => ({kind: 'diff-remove' as const, text: `   -${line}`}))];
		}

		case 'chown': {
			return [{kind: 'command', text: `${number} chown ${step.owner} ${step.path}   (now uid ${step.before.uid}, gid ${step.before.gid})`}];
		}

		case 'chmod': {
			return [{kind: 'command', text: `${number} chmod ${octal(step.mode)} ${step.path}   (now ${octal(step.before)})`}];
		}

		case 'restart-daemon': {
			const lines: PlanLine[] = [{kind: 'command', text: `${number} restart the Docker daemon: ${commandLine(step.method.argv)}`}];
			lines.push({kind: 'text', text: `   then wait for the API to answer${step.expectSecurityOption ? ` and docker info to show ${step.expectSecurityOption}` : ''}; if it does not, restore the previous file and restart again`});
			return lines;
		}
	}
}

/** The whole plan as lines: steps with their commands and diffs, then the impact warnings. */
export function describePlan(plan: Plan): PlanLine[] {
	const lines: PlanLine[] = [{kind: 'heading', text: plan.title}];
	for (const {reason} of plan.skipped ?? []) {
		lines.push({kind: 'text', text: reason});
	}

	for (const [index, step] of plan.steps.entries()) {
		lines.push(...describeStep(step, index));
	}

	if (plan.warnings.length > 0) {
		lines.push({kind: 'heading', text: 'Impact'});
		for (const warning of plan.warnings) {
			lines.push({kind: 'warning', text: `! ${warning}`});
		}
	}

	return lines;
}
