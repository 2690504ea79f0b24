import type {Result} from '../../benchmark/types.js';
import type {ApplyOutcome, Plan} from '../../model/plan.js';
import type {SessionRecord} from '../../report/session-record.js';

/** The record with a check's status seen: its first status stays, its last is this one. */
export function recordStatus(record: SessionRecord, result: Result): SessionRecord {
	return {
		...record,
		first: record.first[result.id] === undefined ? {...record.first, [result.id]: result.status} : record.first,
		last: {...record.last, [result.id]: result.status},
	};
}

/**
The record after a plan was applied: a fix (its title, checks and journal entry), or an undo (its title and the entry it
reverted: `undoes` of the plan, else the entry the operator asked to undo). A failed apply changes nothing.
*/
export function recordApplied(record: SessionRecord, plan: Plan, outcome: ApplyOutcome, undoneEntry?: string): SessionRecord {
	if (!outcome.ok) {
		return record;
	}

	const entry = plan.undoes ?? undoneEntry;
	if (entry !== undefined) {
		return {...record, fixesUndone: [...record.fixesUndone, {title: plan.title, entry}]};
	}

	return {
		...record,
		fixesApplied: [...record.fixesApplied, {
			title: plan.title,
			checkIds: [...plan.checkIds],
			...(outcome.journalEntry === undefined ? {} : {journalEntry: outcome.journalEntry}),
		}],
	};
}

/** The record with a waiver added, and the check's status as it now reads. */
export function recordWaiver(record: SessionRecord, result: Result, reason: string, expires?: string): SessionRecord {
	const next = recordStatus(record, result);
	return {...next, waiversAdded: [...next.waiversAdded, {id: result.id, reason, ...(expires === undefined ? {} : {expires})}]};
}
