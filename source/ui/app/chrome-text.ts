import {currentScreen, runProgress, type AppState} from './app-state.js';
import {screenContext} from './layout.js';
import {moduleOf} from './registry.js';

/** The top line of the frame, as the shown screen's module writes it: the banner on the sections screen, where you are everywhere else. */
export function headerText(state: AppState, banner: string): string {
	const screen = currentScreen(state);
	return moduleOf(screen).header(screen.state, screenContext(state), banner);
}

/** What is busy right now, for the spinner on the status line: the runs in progress, then what the shown screen waits for; undefined when nothing is. */
export function busyText(state: AppState): string | undefined {
	const parts: string[] = [];
	const progress = runProgress(state);
	if (progress) {
		parts.push(`${progress.done}/${progress.total} checks`);
	}

	const screen = currentScreen(state);
	const busy = moduleOf(screen).busy?.(screen.state, {quitting: state.quitAfterApply});
	if (busy !== undefined) {
		parts.push(busy);
	}

	return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** What the status line says about the shown screen that lasts (the checks selected for one fix), or undefined; nothing under the help. */
export function statusInfo(state: AppState): string | undefined {
	if (state.help.open) {
		return undefined;
	}

	const screen = currentScreen(state);
	return moduleOf(screen).status?.(screen.state, screenContext(state));
}
