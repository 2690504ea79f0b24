import {Box, Text, useApp, useInput, useStdout} from 'ink';
import {useEffect, useReducer, useRef} from 'react';
import type {SessionRecord} from '../../report/session-record.js';
import {keyNames} from '../keys.js';
import HintLine from '../parts/hint-line.js';
import SizeNotice from '../parts/size-notice.js';
import StatusLine from '../parts/status-line.js';
import {screenText} from '../parts/wrap-text.js';
import {hostsScreen} from '../screens/hosts/screen.js';
import {localDay} from '../screens/waiver/expiry-day.js';
import type {FleetServices, Services} from '../services.js';
import App from './app.js';
import {fleetContext, fleetReducer, initialFleetState} from './fleet-state.js';
import HelpOverlay from './help-overlay.js';
import {bodyHeight, sizeNotice} from './layout.js';
import {sizeOf, useTerminalSize} from './use-terminal-size.js';

/** What happened on one host of the fleet in this session. */
export type HostRecord = {
	readonly url: string;
	readonly record: SessionRecord;
};

/** The records of the hosts opened, in the fleet's order. */
function hostRecords(records: ReadonlyMap<number, SessionRecord>, urls: readonly string[]): HostRecord[] {
	return [...records.entries()].sort(([a], [b]) => a - b).map(([index, record]) => ({url: urls[index]!, record}));
}

type Props = {
	readonly fleet: FleetServices;
	/** Called once as the TUI ends (q, Ctrl+C, on the list or in a host's app), with the record of every host opened. */
	readonly onExit?: (code: number, records: readonly HostRecord[]) => void;
	/** --read-only: no fix, undo or waiver on any host. */
	readonly readOnly?: boolean;
	/** The local day (YYYY-MM-DD) that waiver expiry days are judged against. */
	readonly today?: string;
};

/**
The TUI of a fleet (several --host): it opens on the host list, which fills in as the hosts are audited (a few at a time,
by the fleet's services); `enter` on an audited host shows that host's own app (sections with the counts of the audit,
checks, fixes: everything as for one host), and `esc` on its sections comes back to the list. Each app opened stays
mounted, hidden and deaf, while the list is shown, so coming back to a host finds it as it was left, audited once.
*/
export default function FleetApp({fleet, onExit, readOnly = false, today}: Props) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const [state, dispatch] = useReducer(fleetReducer, undefined, () => initialFleetState({
		sections: fleet.sections,
		checks: fleet.checks,
		...sizeOf(stdout),
		today: today ?? localDay(new Date()),
		readOnly,
		urls: fleet.hosts,
	}));
	const {columns, rows} = useTerminalSize();
	useEffect(() => {
		dispatch({type: 'resize', columns, rows});
	}, [columns, rows]);

	// The hosts' services, as their connections open; read when a host's app is first shown.
	const services = useRef(new Map<number, Services>());
	const records = useRef(new Map<number, SessionRecord>());
	const recordsList = (): HostRecord[] => hostRecords(records.current, fleet.hosts);
	const exitRef = useRef(onExit);
	exitRef.current = onExit;

	useEffect(() => {
		const controller = new AbortController();
		void fleet.audit(event => {
			if (controller.signal.aborted) {
				return;
			}

			if (event.type === 'connected') {
				services.current.set(event.index, event.services);
				dispatch({type: 'host', action: {type: 'auditing', index: event.index, ...(event.note === undefined ? {} : {note: event.note})}});
				return;
			}

			dispatch({type: 'host', action: event});
		}, controller.signal).catch(() => undefined);
		return () => {
			controller.abort();
		};
	}, [fleet]);

	useInput((input, key) => {
		for (const name of keyNames(input, key)) {
			dispatch({type: 'key', name});
		}
	}, {isActive: state.shown === undefined && state.exitCode === undefined});

	useEffect(() => {
		if (state.exitCode !== undefined) {
			exitRef.current?.(state.exitCode, hostRecords(records.current, fleet.hosts));
			exit();
		}
	}, [state.exitCode, exit, fleet.hosts]);

	const context = fleetContext(state);
	const notice = sizeNotice(state.columns, state.rows);
	const busy = hostsScreen.busy?.(state.hosts, {quitting: false});
	return (
		<>
			{state.opened.map(index => {
				const hostServices = services.current.get(index);
				return hostServices ? (
					<Box key={index} display={state.shown === index ? 'flex' : 'none'}>
						<App
							services={hostServices}
							readOnly={readOnly}
							{...(today === undefined ? {} : {today})}
							active={state.shown === index}
							initialResults={state.hosts.hosts[index]?.results}
							onHostList={() => {
								dispatch({type: 'host-list'});
							}}
							onChange={(results, record) => {
								records.current.set(index, record);
								dispatch({type: 'host', action: {type: 'results', index, results}});
							}}
							onExit={(code, record) => {
								records.current.set(index, record);
								exitRef.current?.(code, recordsList());
							}}
						/>
					</Box>
				) : '';
			})}
			{state.shown === undefined ? (
				<Box flexDirection="column" width={state.columns} height={Math.max(1, state.rows - 1)}>
					{notice === undefined ? '' : <SizeNotice text={notice} />}
					<Text wrap="truncate">
						{readOnly ? <><Text bold inverse color="magenta"> READ-ONLY </Text> </> : ''}
						<Text bold color="cyan">{screenText(hostsScreen.header(state.hosts, context, ''), false)}</Text>
					</Text>
					<StatusLine busy={busy} notice={state.notice} />
					<Box flexDirection="column" height={bodyHeight(state.rows, state.columns)} overflow="hidden">
						{state.help.open
							? <HelpOverlay fleet state={state.help} height={context.height} readOnly={readOnly} />
							: <hostsScreen.View state={state.hosts} context={context} />}
					</Box>
					<HintLine mode={state.help.open ? 'help' : 'hosts'} width={state.columns} readOnly={readOnly} />
				</Box>
			) : ''}
		</>
	);
}
