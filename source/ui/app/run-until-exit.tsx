import {render} from 'ink';
import type {ReactElement} from 'react';
import {firstFrameDrawn} from '../../startup/first-frame.js';

/**
Renders `element` on the process's terminal, with Ink's own Ctrl+C handling off so the app decides, marks the first
frame as drawn (Ink writes it as it renders), and resolves when the app exits, its terminal restored.
*/
export async function runUntilExit(element: ReactElement): Promise<void> {
	const instance = render(element, {exitOnCtrlC: false});
	firstFrameDrawn();
	try {
		await instance.waitUntilExit();
	} finally {
		instance.cleanup();
	}
}
