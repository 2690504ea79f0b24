import type {Check, Result, Section} from '../../../benchmark/types.js';
import {isMove, moveListCursor, type MoveAction} from '../../parts/list-moves.js';
import {go, stay, type ScreenContext, type Transition} from '../transition.js';

/** Where a host of the fleet is: waiting for its turn, connecting, being audited, audited, or not audited (and why). */
export type HostPhase = 'waiting' | 'connecting' | 'auditing' | 'audited' | 'failed';

/** One host of the fleet as the host list shows it. */
export type HostRow = {
	/** The SSH URL as given (host text: made safe where it is drawn). */
	readonly url: string;
	readonly phase: HostPhase;
	/** Why it was not audited: unreachable, login refused, unknown host key, the connection lost. */
	readonly reason?: string;
	/** What the connection said worth knowing, e.g. that sudo wants a password there (the checks that need root say so). */
	readonly note?: string;
	/** The latest result of each check on that host. */
	readonly results: Readonly<Record<string, Result>>;
};

/** The host list: the hosts in the order given, and which one is selected. */
export type HostsState = {
	readonly cursor: number;
	readonly hosts: readonly HostRow[];
};

/** What the operator can do on the host list. */
export type HostsKeyAction = MoveAction | {readonly type: 'open'};

/** What can happen on the host list: keys, and the fleet's audit reporting on a host as it goes. */
export type HostsAction =
	| HostsKeyAction
	| {readonly type: 'connecting'; readonly index: number}
	| {readonly type: 'auditing'; readonly index: number; readonly note?: string}
	| {readonly type: 'result'; readonly index: number; readonly result: Result}
	| {readonly type: 'audited'; readonly index: number}
	| {readonly type: 'failed'; readonly index: number; readonly reason: string}
	/** The host's own app has results of its own since (a fix, a run): the list counts those. */
	| {readonly type: 'results'; readonly index: number; readonly results: Readonly<Record<string, Result>>};

/** The host list as the fleet opens: every host waiting for its turn. */
export function initialHostsState(urls: readonly string[]): HostsState {
	return {cursor: 0, hosts: urls.map(url => ({url, phase: 'waiting', results: {}}))};
}

/** The WARN count of a host per section, in the order of `sections`, then the total; a waived WARN is not counted (as in summarize). */
export function warnCounts(row: HostRow, sections: readonly Section[], checks: readonly Check[]): number[] {
	const sectionOf = new Map(checks.map(check => [check.id, check.section]));
	const warns = Object.values(row.results).filter(result => result.status === 'warn');
	const perSection = sections.map(section => warns.filter(result => sectionOf.get(result.id) === section.id).length);
	return [...perSection, warns.length];
}

/** How many hosts are audited, not audited, and still in the works. */
export function fleetProgress(state: HostsState): {readonly audited: number; readonly failed: number; readonly busy: number} {
	const count = (phases: readonly HostPhase[]) => state.hosts.filter(host => phases.includes(host.phase)).length;
	return {audited: count(['audited']), failed: count(['failed']), busy: count(['waiting', 'connecting', 'auditing'])};
}

function update(state: HostsState, index: number, change: (row: HostRow) => HostRow): HostsState {
	return {...state, hosts: state.hosts.map((row, at) => at === index ? change(row) : row)};
}

/** Why `enter` cannot open this host yet, or undefined when it can (it has been audited). */
export function openRefusal(row: HostRow, total: number): string | undefined {
	switch (row.phase) {
		case 'audited': {
			return undefined;
		}

		case 'failed': {
			return `${row.url} was not audited: ${row.reason ?? 'unknown reason'}`;
		}

		case 'auditing': {
			return `${row.url}: audit under way (${Object.keys(row.results).length}/${total})`;
		}

		default: {
			return `${row.url} is waiting for its turn to be audited`;
		}
	}
}

/**
The host list's reducer: moves the selection, opens an audited host (`open-host`; the others say why not), and records
what the fleet's audit reports of each host.
*/
export function hostsReducer(state: HostsState, action: HostsAction, context: ScreenContext): Transition<HostsState> {
	if (isMove(action)) {
		return stay({...state, cursor: moveListCursor(state.cursor, action, state.hosts.length, context.height)});
	}

	switch (action.type) {
		case 'open': {
			const row = state.hosts[state.cursor];
			if (!row) {
				return stay(state);
			}

			const refusal = openRefusal(row, context.checks.length);
			return refusal === undefined ? go(state, {type: 'open-host', index: state.cursor}) : go(state, {type: 'notice', text: refusal});
		}

		case 'connecting': {
			return stay(update(state, action.index, row => ({...row, phase: 'connecting'})));
		}

		case 'auditing': {
			return stay(update(state, action.index, row => ({...row, phase: 'auditing', ...(action.note === undefined ? {} : {note: action.note})})));
		}

		case 'result': {
			return stay(update(state, action.index, row => ({...row, results: {...row.results, [action.result.id]: action.result}})));
		}

		case 'audited': {
			return stay(update(state, action.index, row => row.phase === 'failed' ? row : {...row, phase: 'audited'}));
		}

		case 'failed': {
			return stay(update(state, action.index, row => ({...row, phase: 'failed', reason: action.reason})));
		}

		case 'results': {
			return stay(update(state, action.index, row => ({...row, results: action.results})));
		}
	}
}
