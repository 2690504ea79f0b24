import type {AuditEvent} from './facts.js';

/** The outcome of a proof: what was touched and the newest event it made, or why there is none; or why nothing was tried. */
export type ProveOutcome =
	| {readonly ok: true; readonly touched: string; readonly event?: AuditEvent; readonly command: string; readonly why?: string}
	| {readonly ok: false; readonly reason: string};
