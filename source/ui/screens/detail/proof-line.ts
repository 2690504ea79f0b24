import type {ProveOutcome} from '../../../model/prove-outcome.js';

/**
One line for a proof's outcome: `touched: CMD → event TIME PROGRAM by USER syscall=NAME (ausearch …)`, why no event
appeared, or why nothing was touched.
*/
export function proofLine(checkId: string, outcome: ProveOutcome): string {
	if (!outcome.ok) {
		return `Cannot prove ${checkId}: ${outcome.reason}`;
	}

	const {event} = outcome;
	const found = event ? `event ${event.time} ${event.program} by ${event.user} syscall=${event.syscall}` : `no new event: ${outcome.why ?? 'none appeared'}`;
	return `touched: ${outcome.touched} → ${found} (${outcome.command})`;
}
