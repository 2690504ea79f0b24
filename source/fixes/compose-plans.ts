import type {Plan, PlanOutcome, Step} from '../model/plan.js';

type Write = Extract<Step, {kind: 'write'}>;
type Restart = Extract<Step, {kind: 'restart-daemon'}>;

/**
Merges several plans into one (a batch): commands run once each and in order, every file is written once with all
the plans' edits applied in turn, owners and modes are set, and the daemon restarts once, at the end.
Refuses when two plans write one file and one of them cannot be merged (it has no `edit`).
*/
export function composePlans(plans: readonly Plan[]): PlanOutcome {
	if (plans.length === 1) {
		return {ok: true, plan: plans[0]!};
	}

	const runs: Step[] = [];
	const writes = new Map<string, Write>();
	const others: Step[] = [];
	let restart: Restart | undefined;
	for (const step of plans.flatMap(plan => plan.steps)) {
		switch (step.kind) {
			case 'run': {
				if (!runs.some(run => run.kind === 'run' && run.argv.join('\0') === step.argv.join('\0'))) {
					runs.push(step);
				}

				break;
			}

			case 'write': {
				const merged = writes.get(step.path);
				if (!merged) {
					writes.set(step.path, step);
				} else if (step.edit) {
					const {edit} = step;
					writes.set(step.path, {...merged, after: edit(merged.after), edit: merged.edit && (text => edit(merged.edit!(text)))});
				} else {
					return {ok: false, code: 'not-applicable', reason: `two of these fixes write ${step.path} and cannot be merged: apply them one at a time`};
				}

				break;
			}

			case 'restart-daemon': {
				restart = restart ? {...restart, expectSecurityOption: restart.expectSecurityOption ?? step.expectSecurityOption} : step;
				break;
			}

			default: {
				others.push(step);
			}
		}
	}

	const steps = [...runs, ...writes.values(), ...others, ...(restart ? [restart] : [])];
	return {
		ok: true,
		plan: {
			checkIds: plans.flatMap(plan => plan.checkIds),
			...(plans[0]?.benchmark ? {benchmark: plans[0].benchmark} : {}),
			title: `Fix ${plans.flatMap(plan => plan.checkIds).join(', ')} in one go: ${plans.map(plan => plan.title).join('; ')}`,
			steps,
			warnings: [...new Set(plans.flatMap(plan => plan.warnings))],
			needsRoot: plans.some(plan => plan.needsRoot),
			verify: plans.some(plan => plan.verify === 'none') ? 'none' : 'checks-pass',
		},
	};
}
