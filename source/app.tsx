import {Box, Text, useApp, useStdout} from 'ink';
import {useEffect, useReducer} from 'react';
import HelpOverlay from './ui/help-overlay.js';
import HintLine from './ui/hint-line.js';
import ScreenView from './ui/screen-view.js';
import type {Services} from './ui/services.js';
import StatusLine from './ui/status-line.js';
import {
	appReducer,
	bodyHeight,
	busyText,
	currentScreen,
	headerText,
	initialAppState,
	inputMode,
	screenContext,
	statusInfo,
} from './ui/use-app-state.js';
import {useScreenInput} from './ui/use-screen-input.js';
import {useServiceEffects} from './ui/use-service-effects.js';
import {sizeOf, useTerminalSize} from './ui/use-terminal-size.js';

type Props = {
	readonly services: Services;
	/** Called once with the exit code (0 on `q`, 130 on Ctrl+C) just before the app exits. */
	readonly onExit?: (code: number) => void;
};

/**
The dockwarden TUI: sections → checks of a section → check detail → fix confirm → applying → fix result, and the
journal of applied fixes → entry → undo confirm (or the refused undo and its difference) → applying → result.
One reducer holds every screen's state, the results of every check and the work in progress; the frame is never taller than `rows - 1` lines.
*/
export default function App({services, onExit}: Props) {
	const {exit} = useApp();
	const {stdout} = useStdout();
	const [state, dispatch] = useReducer(appReducer, undefined, () => initialAppState({
		sections: services.sections,
		checks: services.checks,
		...sizeOf(stdout),
	}));
	const {columns, rows} = useTerminalSize();
	useEffect(() => {
		dispatch({type: 'resize', columns, rows});
	}, [columns, rows]);

	const mode = inputMode(state);
	useScreenInput(mode, dispatch, state.exitCode === undefined);
	useServiceEffects(state.effects, services, dispatch, code => {
		onExit?.(code);
		exit();
	});

	const context = screenContext(state);
	return (
		<Box flexDirection="column" width={state.columns} height={Math.max(1, state.rows - 1)}>
			<Text bold color="cyan" wrap="truncate">{headerText(state, services.banner)}</Text>
			<StatusLine busy={busyText(state)} info={statusInfo(state)} notice={state.notice} />
			<Box flexDirection="column" height={bodyHeight(state.rows)} overflow="hidden">
				{state.help.open
					? <HelpOverlay state={state.help} height={context.height} />
					: <ScreenView screen={currentScreen(state)} context={context} />}
			</Box>
			<HintLine mode={mode} width={state.columns} />
		</Box>
	);
}
