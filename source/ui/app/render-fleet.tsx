import {runUntilExit} from './run-until-exit.js';
import type {FleetServices} from '../services.js';
import FleetApp, {type HostRecord} from './fleet-app.js';

/** How a fleet's TUI ended: the exit code, and what happened on each host opened. */
export type FleetOutcome = {
	/** 0 on `q`, 130 on Ctrl+C. */
	readonly code: number;
	readonly records: readonly HostRecord[];
};

/**
Runs the fleet's TUI (the host list, and each host's app) on the process's terminal until the operator quits, and
resolves with the exit code and the record of every host opened. Ink's own Ctrl+C handling is off, as for one host.
*/
export async function renderFleet(fleet: FleetServices, readOnly = false): Promise<FleetOutcome> {
	let outcome: FleetOutcome = {code: 0, records: []};
	await runUntilExit(<FleetApp fleet={fleet} readOnly={readOnly} onExit={(code, records) => {
		outcome = {code, records};
	}} />);

	return outcome;
}
