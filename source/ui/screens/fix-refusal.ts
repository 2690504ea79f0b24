import type {Result} from '../../benchmark/types.js';

/** How a refusal ends, by what the operator tried. */
type Wording = {
	readonly wait: string;
	readonly only: string;
	readonly manual: string;
};

const fixWording: Wording = {wait: 'then press f', only: 'can be fixed', manual: 'see its Remediation'};
const selectWording: Wording = {wait: 'then select it', only: 'can be selected', manual: 'it cannot be selected'};

function refusal(id: string, result: Result | undefined, pending: boolean, wording: Wording): string | undefined {
	if (pending) {
		return `${id} is running: wait for its result, ${wording.wait}.`;
	}

	if (result === undefined) {
		return `Run ${id} first (r): only a WARN with an automated fix ${wording.only}.`;
	}

	if (result.fixable) {
		return undefined;
	}

	if (result.status === 'warn') {
		return `${id} has no automated fix: ${wording.manual}.`;
	}

	return `${id} is ${result.status.toUpperCase()}: nothing to fix.`;
}

/** Why `f` cannot plan a fix for this check right now, or undefined when it can. */
export function fixRefusal(id: string, result: Result | undefined, pending: boolean): string | undefined {
	return refusal(id, result, pending, fixWording);
}

/** Why `space` cannot select this check for a merged fix right now, or undefined when it can. */
export function selectRefusal(id: string, result: Result | undefined, pending: boolean): string | undefined {
	return refusal(id, result, pending, selectWording);
}

/** Why `x` cannot waive this check right now, or undefined when it can: only a WARN that has a result can be waived. */
export function waiveRefusal(id: string, result: Result | undefined, pending: boolean): string | undefined {
	if (pending) {
		return `${id} is running: wait for its result, then press x.`;
	}

	if (result === undefined) {
		return `Run ${id} first (r): only a WARN can be waived.`;
	}

	if (result.status === 'warn') {
		return undefined;
	}

	if (result.status === 'waived') {
		return `${id} is waived already${result.waiver ? `: ${result.waiver.reason}` : ''}.`;
	}

	return `${id} is ${result.status.toUpperCase()}: only a WARN can be waived.`;
}
