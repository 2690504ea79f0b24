import type {Result} from '../benchmark/types.js';

/** Why `f` cannot plan a fix for this check right now, or undefined when it can. */
export function fixRefusal(id: string, result: Result | undefined, pending: boolean): string | undefined {
	if (pending) {
		return `${id} is running: wait for its result, then press f.`;
	}

	if (result === undefined) {
		return `Run ${id} first (r): only a WARN with an automated fix can be fixed.`;
	}

	if (result.fixable) {
		return undefined;
	}

	if (result.status === 'warn') {
		return `${id} has no automated fix: see its Remediation.`;
	}

	return `${id} is ${result.status.toUpperCase()}: nothing to fix.`;
}
