import {emptySessionRecord, type SessionRecord} from '../../report/session-record.js';
import {runUntilExit} from './run-until-exit.js';
import AppRoot from './app-root.js';
import type {Services} from '../services.js';

/** How a TUI session ended: the exit code, and what happened in it. */
export type AppOutcome = {
	/** 0 on `q`, 130 on Ctrl+C. */
	readonly code: number;
	/** Statuses first and last seen, fixes applied and undone, waivers added; empty when the app ended without quitting. */
	readonly record: SessionRecord;
};

/**
Runs the TUI on the process's terminal until the operator quits, and resolves with the exit code (0 on `q`, 130 on
Ctrl+C; running checks are aborted first) and the record of the session, for the summary printed after it.
Ink's own Ctrl+C handling is off so the app decides. Only the interactive path loads this module. `readOnly`
(--read-only): no fix, undo or waiver is offered.
*/
export async function renderApp(services: Services, readOnly = false): Promise<AppOutcome> {
	let outcome: AppOutcome = {code: 0, record: emptySessionRecord};
	await runUntilExit(<AppRoot services={services} readOnly={readOnly} onExit={(code, record) => {
		outcome = {code, record};
	}} />);

	return outcome;
}
