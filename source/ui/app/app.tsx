import {Box, Text, useApp, useStdout} from 'ink';
import {useEffect, useReducer, useRef, useState} from 'react';
import type {Result} from '../../benchmark/types.js';
import type {SessionRecord} from '../../report/session-record.js';
import HelpOverlay from './help-overlay.js';
import HintLine from '../parts/hint-line.js';
import ScreenView from './screen-view.js';
import type {Services} from '../services.js';
import SizeNotice from '../parts/size-notice.js';
import StatusLine from '../parts/status-line.js';
import {screenText} from '../parts/wrap-text.js';
import {appReducer} from './app-reducer.js';
import {currentScreen, initialAppState, inputMode} from './app-state.js';
import {busyText, headerText, statusInfo} from './chrome-text.js';
import {bodyHeight, screenContext, sizeNotice} from './layout.js';
import {useScreenInput} from './use-screen-input.js';
import {useServiceEffects} from './use-service-effects.js';
import {benchmarkVersions} from '../../model/benchmark-versions.js';
import {sizeOf, useTerminalSize} from './use-terminal-size.js';

type Props = {
	readonly services: Services;
	/**
	Called once just before the app exits, with the exit code (0 on `q`, 130 on Ctrl+C) and the record of the session:
	statuses first and last seen, fixes applied and undone, waivers added.
	*/
	readonly onExit?: (code: number, record: SessionRecord) => void;
	/** The local day (YYYY-MM-DD) that waiver expiry days are judged against; today's by default. */
	readonly today?: string;
	/** Switches to the demo sandbox (`d` when no Docker daemon answers); resolves with the reason when it cannot. */
	readonly onOpenDemo?: () => Promise<string | undefined>;
	/** --read-only: no fix, undo or waiver is offered; the header says READ-ONLY. */
	readonly readOnly?: boolean;
	/** One host of a fleet: esc on the sections calls this to go back to the host list (the app stays as it is). */
	readonly onHostList?: () => void;
	/** False while the app is hidden behind a fleet's host list: it reads no key. True by default. */
	readonly active?: boolean;
	/** Results known already (the fleet's audit of this host), shown at once. */
	readonly initialResults?: Readonly<Record<string, Result>>;
	/** Called when the results or the record of the session change (the fleet's host list counts them). */
	readonly onChange?: (results: Readonly<Record<string, Result>>, record: SessionRecord) => void;
};

/**
The dockwarden TUI: sections → checks of a section (or the search of every check) → check detail → fix confirm (or the
waiver form) → applying → fix result, and the journal of applied fixes → entry → undo confirm (or the refused undo and its
difference) → applying → result. One reducer holds every screen's state, the results of every check, the work in
progress and the record of the session; the frame is never taller than `rows - 1` lines nor wider than the terminal,
with a notice on top when the terminal is smaller than 80x24.
*/
export default function App({services, onExit, today, onOpenDemo, readOnly = false, onHostList, active = true, initialResults, onChange}: Props) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const [state, dispatch] = useReducer(appReducer, undefined, () => initialAppState({
		sections: services.sections,
		checks: services.checks,
		benchmark: services.benchmark,
		versionChecks: Object.fromEntries(benchmarkVersions.map(version => [version, version === services.benchmark ? services.checks : services.checksOf(version)])),
		...sizeOf(stdout),
		...(today === undefined ? {} : {today}),
		readOnly,
		fleet: onHostList !== undefined,
		...(initialResults === undefined ? {} : {results: initialResults}),
	}));
	const {columns, rows} = useTerminalSize();
	useEffect(() => {
		dispatch({type: 'resize', columns, rows});
	}, [columns, rows]);

	const mode = inputMode(state);
	useScreenInput(mode, dispatch, active && state.exitCode === undefined);
	useServiceEffects(state.effects, services, dispatch, code => {
		onExit?.(code, state.record);
		exit();
	}, onOpenDemo, onHostList);
	const changeRef = useRef(onChange);
	changeRef.current = onChange;
	useEffect(() => {
		changeRef.current?.(state.results, state.record);
	}, [state.results, state.record]);

	// The first frame does not wait for the Docker daemon: the banner says who it is once it has answered.
	const [banner, setBanner] = useState(services.banner);
	const canOpenDemo = onOpenDemo !== undefined;
	useEffect(() => {
		let current = true;
		void services.describeHost?.().then(({text, dockerReachable}) => {
			if (current) {
				setBanner(text);
				if (!dockerReachable) {
					dispatch({type: 'docker-unreachable', canOpenDemo});
				}
			}
		}, () => undefined);
		return () => {
			current = false;
		};
	}, [services, canOpenDemo]);

	const context = screenContext(state);
	const notice = sizeNotice(state.columns, state.rows);
	return (
		<Box flexDirection="column" width={state.columns} height={Math.max(1, state.rows - 1)}>
			{notice === undefined ? '' : <SizeNotice text={notice} />}
			<Box>
				<Box flexGrow={1} flexShrink={1}>
					<Text wrap="truncate">
						{services.demo ? <><Text bold inverse color="yellow"> DEMO </Text> </> : ''}
						{readOnly ? <><Text bold inverse color="magenta"> READ-ONLY </Text> </> : ''}
						<Text bold color="cyan">{screenText(headerText(state, banner), false)}</Text>
					</Text>
				</Box>
				{/* The version stays whole on the first line: the banner is cut before it. */}
				<Box flexShrink={0}>
					<Text color="gray"> CIS v{state.benchmark}</Text>
				</Box>
			</Box>
			<StatusLine busy={busyText(state)} info={statusInfo(state)} notice={state.notice} />
			<Box flexDirection="column" height={bodyHeight(state.rows, state.columns)} overflow="hidden">
				{state.help.open
					? <HelpOverlay state={state.help} height={context.height} readOnly={readOnly} fleet={state.fleet} />
					: <ScreenView screen={currentScreen(state)} context={context} />}
			</Box>
			<HintLine mode={mode} width={state.columns} readOnly={readOnly} fleet={state.fleet} />
		</Box>
	);
}
