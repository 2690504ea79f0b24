import type {Check, Section} from '../../benchmark/types.js';
import {actionFor, helpLines} from '../keys.js';
import {hostsScreen} from '../screens/hosts/screen.js';
import {initialHostsState, type HostsAction, type HostsState} from '../screens/hosts/state.js';
import type {ScreenContext} from '../screens/transition.js';
import {helpReducer, initialHelpState, type HelpAction, type HelpState} from './help-state.js';
import {bodyHeight} from './layout.js';
import {moveActions} from '../parts/list-moves.js';

/** The fleet's TUI: the host list, which host's app is shown over it (if any), and which apps have been opened. */
export type FleetState = {
	readonly sections: readonly Section[];
	readonly checks: readonly Check[];
	readonly columns: number;
	readonly rows: number;
	readonly today: string;
	readonly readOnly: boolean;
	readonly hosts: HostsState;
	/** The host whose app is shown; undefined while the host list is. */
	readonly shown?: number;
	/** Hosts whose app has been opened: each keeps its state, hidden, while the list is shown. */
	readonly opened: readonly number[];
	readonly help: HelpState;
	/** A one-line message, cleared by the next key. */
	readonly notice?: string;
	/** Set once the operator quits from the host list. */
	readonly exitCode?: number;
};

/** What the fleet's TUI reacts to: keys on the host list, the terminal's size, the audit's reports, the way back from a host. */
export type FleetAction =
	| {readonly type: 'key'; readonly name: string}
	| {readonly type: 'resize'; readonly columns: number; readonly rows: number}
	| {readonly type: 'host'; readonly action: HostsAction}
	| {readonly type: 'host-list'};

/** What the fleet starts from. */
export type FleetSeed = Pick<FleetState, 'sections' | 'checks' | 'columns' | 'rows' | 'today' | 'readOnly'> & {readonly urls: readonly string[]};

/** The fleet as it opens: the host list, every host waiting. */
export function initialFleetState({urls, ...seed}: FleetSeed): FleetState {
	return {...seed, hosts: initialHostsState(urls), opened: [], help: initialHelpState};
}

/** The context the host list's reducer and view read. */
export function fleetContext(state: FleetState): ScreenContext {
	return {
		sections: state.sections,
		checks: state.checks,
		results: {},
		pending: {},
		width: Math.max(10, state.columns),
		height: bodyHeight(state.rows, state.columns),
		today: state.today,
		readOnly: state.readOnly,
	};
}

const helpTypes: ReadonlyArray<HelpAction['type']> = [...moveActions, 'help', 'back'];

function key(state: FleetState, name: string): FleetState {
	const mode = state.help.open ? 'help' : 'hosts';
	const action = actionFor(mode, name, state.readOnly);
	switch (action) {
		case undefined: {
			return state;
		}

		case 'interrupt': {
			return {...state, exitCode: 130};
		}

		case 'quit': {
			return {...state, exitCode: 0};
		}

		default: {
			if (state.help.open || action === 'help') {
				return (helpTypes as readonly string[]).includes(action)
					? {...state, help: helpReducer(state.help, {type: action} as HelpAction, bodyHeight(state.rows, state.columns), helpLines(state.readOnly, true).length)}
					: state;
			}

			if (!(hostsScreen.keys as readonly string[]).includes(action)) {
				return state;
			}

			const transition = hostsScreen.onKey!(state.hosts, {type: action} as HostsAction, fleetContext(state));
			let next: FleetState = {...state, hosts: transition.state};
			for (const request of transition.requests) {
				if (request.type === 'open-host') {
					next = {...next, shown: request.index, opened: next.opened.includes(request.index) ? next.opened : [...next.opened, request.index]};
				} else if (request.type === 'notice') {
					next = {...next, notice: request.text};
				}
			}

			return next;
		}
	}
}

/**
The fleet's reducer: keys on the host list (a host's app takes its own keys while it is shown), the audit's reports of
each host, and the way back from a host's sections to the list, which audits nothing again.
*/
export function fleetReducer(state: FleetState, action: FleetAction): FleetState {
	if (state.exitCode !== undefined) {
		return state;
	}

	switch (action.type) {
		case 'key': {
			return state.shown === undefined ? key({...state, notice: undefined}, action.name) : state;
		}

		case 'resize': {
			return action.columns === state.columns && action.rows === state.rows ? state : {...state, columns: action.columns, rows: action.rows};
		}

		case 'host': {
			return {...state, hosts: hostsScreen.onKey!(state.hosts, action.action, fleetContext(state)).state};
		}

		case 'host-list': {
			return {...state, shown: undefined};
		}
	}
}
