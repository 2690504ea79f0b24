import type {Result} from '../benchmark/types.js';

/** A result's waiver as the report JSON carries it: `"waiver": {"reason": "…", "expires": "2027-01-31", "expired": true}`. */
export type ReportedWaiver = {
	readonly reason: string;
	/** YYYY-MM-DD, the last day the waiver applies. */
	readonly expires?: string;
	/** Set (true) when the waiver has expired and the check counts as a `warn` again. */
	readonly expired?: boolean;
	/** Set when the waiver was recorded under another benchmark version's id for the same check (v1.6.0's 2.9 for v1.8.0's 2.10). */
	readonly recordedAs?: {readonly id: string; readonly benchmark: string};
};

/** A result's waiver in the report's shape: the reason, the expiry day when there is one, `expired: true` when it has passed. */
export function reportedWaiver(waiver: NonNullable<Result['waiver']>): ReportedWaiver {
	return {
		reason: waiver.reason,
		...(waiver.expires === undefined ? {} : {expires: waiver.expires}),
		...(waiver.expired ? {expired: true} : {}),
		...(waiver.recordedAs ? {recordedAs: waiver.recordedAs} : {}),
	};
}

/** The evidence line a waived check starts with: `waived: REASON (until 2027-01-31)`. */
export function waivedLine(waiver: {readonly reason: string; readonly expires?: string}): string {
	return `waived: ${waiver.reason}${waiver.expires === undefined ? '' : ` (until ${waiver.expires})`}`;
}

/** The evidence line of a `warn` whose waiver has expired. */
export function expiredLine(waiver: {readonly expires?: string}): string {
	return `the waiver of ${waiver.expires ?? 'an earlier day'} has expired: this WARN counts again`;
}
