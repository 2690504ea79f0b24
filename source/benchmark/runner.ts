import type {Check, Finding, Result} from './types.js';
import type {FactName, FactSource, Facts} from '../model/facts.js';
import {errorMessage} from '../model/error-message.js';

/** What happens to a check that this version does not evaluate yet. */
const notEvaluated: Finding = {
	status: 'info',
	summary: 'Not evaluated by this version of dockwarden yet',
	evidence: ['dockwarden lists this check but does not inspect it yet: review it by hand with the remediation below'],
};

/**
Gives a check only the facts it declared. Reading an undeclared fact is a bug in the check, reported as its error.
*/
export function onlyDeclared(id: string, needs: readonly FactName[], facts: Partial<Facts>): Facts {
	return new Proxy(facts, {
		get(target, name) {
			if (typeof name === 'string' && !needs.includes(name as FactName)) {
				throw new Error(`check ${id} read the fact "${name}" without declaring it in needs`);
			}

			return target[name as FactName];
		},
	}) as Facts;
}

/** Gathers what the check needs and evaluates it. Never throws: a failing check becomes `error`. */
export async function evaluateCheck(check: Check, source: FactSource): Promise<Result> {
	const started = performance.now();
	let finding: Finding;
	try {
		if (check.audit) {
			const values = await Promise.all(check.needs.map(async name => source.get(name)));
			const gathered: Partial<Record<FactName, unknown>> = {};
			for (const [index, name] of check.needs.entries()) {
				gathered[name] = values[index];
			}

			finding = check.audit(onlyDeclared(check.id, check.needs, gathered as Partial<Facts>));
		} else {
			finding = notEvaluated;
		}
	} catch (error) {
		finding = {status: 'error', summary: 'Could not be evaluated', evidence: [errorMessage(error)]};
	}

	return {
		id: check.id,
		...finding,
		fixable: finding.status === 'warn' && check.planFix !== undefined,
		durationMs: Math.round(performance.now() - started),
	};
}

export type RunOptions = {
	/** Called as each check finishes, in finishing order. */
	readonly onResult?: (result: Result) => void;
	readonly signal?: AbortSignal;
};

/**
Runs checks against one fact source, concurrently: facts are gathered once and shared.
Resolves with the results in the order of `checks`.
*/
export async function runChecks(checks: readonly Check[], source: FactSource, options: RunOptions = {}): Promise<Result[]> {
	await source.start?.(new Set(checks.flatMap(check => check.audit ? check.needs : [])));
	return Promise.all(checks.map(async check => {
		options.signal?.throwIfAborted();
		const result = await evaluateCheck(check, source);
		options.signal?.throwIfAborted();
		options.onResult?.(result);
		return result;
	}));
}
