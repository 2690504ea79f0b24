import type {Result, Status, Waiver} from '../benchmark/types.js';
import {expiredLine, waivedLine} from './reported-waiver.js';

/** A day as YYYY-MM-DD in local time: what `today` means to applyWaivers. */
export function localDay(date: Date = new Date()): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** True when the waiver has an expiry day and `today` (YYYY-MM-DD) is after it. A waiver still applies on its expiry day. */
export function isExpired(waiver: Waiver, today: string): boolean {
	return waiver.expires !== undefined && waiver.expires < today;
}

/** The evidence line of a check that has a waiver but is not a `warn`: the waiver changes nothing. */
function unusedLine(status: Status, waiver: Waiver): string {
	return status === 'pass'
		? `a waiver is on file (${waiver.reason}), but the check passes now: the waiver is not needed`
		: `a waiver is on file (${waiver.reason}), but the check is ${status.toUpperCase()} now, not WARN: the waiver does not apply`;
}

/** One result with its check's waiver applied. */
function applyWaiver(result: Result, waiver: Waiver, today: string): Result {
	if (result.status === 'waived' || result.waiver !== undefined) {
		return result;
	}

	if (result.status !== 'warn') {
		return {...result, evidence: [...result.evidence, unusedLine(result.status, waiver)]};
	}

	if (isExpired(waiver, today)) {
		return {...result, waiver: {...waiver, expired: true}, evidence: [expiredLine(waiver), ...result.evidence]};
	}

	return {...result, status: 'waived', waiver, evidence: [waivedLine(waiver), ...result.evidence]};
}

/**
The results with the waivers applied, on `today` (YYYY-MM-DD, see localDay):
- a `warn` with a live waiver becomes `waived`, with `waiver` set and `waived: REASON (until DAY)` as its first evidence line;
- a `warn` whose waiver has expired stays `warn`, with `waiver: {…, expired: true}` and a first evidence line saying it counts again;
- any other result with a waiver (it passes now, or is not a warn) only gets an evidence line saying the waiver is not used.
Results without a waiver, and results already waived, are returned as they are. The summary is never changed.
*/
export function applyWaivers(results: readonly Result[], waivers: readonly Waiver[], today: string): Result[] {
	const byId = new Map(waivers.map(waiver => [waiver.id, waiver]));
	return results.map(result => {
		const waiver = byId.get(result.id);
		return waiver === undefined ? result : applyWaiver(result, waiver, today);
	});
}

/** The waivers that have expired by `today` (YYYY-MM-DD), in file order: for the CLI to name on stderr. */
export function expiredWaivers(waivers: readonly Waiver[], today: string): Waiver[] {
	return waivers.filter(waiver => isExpired(waiver, today));
}

/** One stderr line for an expired waiver: `the waiver for 2.9 (REASON) expired after 2027-01-31: a WARN of 2.9 counts again`. */
export function expiredNotice(waiver: Waiver): string {
	return `the waiver for ${waiver.id} (${waiver.reason}) expired after ${waiver.expires ?? 'its last day'}: a WARN of ${waiver.id} counts again`;
}
