import {render} from 'ink';
import App from '../app.js';
import type {Services} from './services.js';

/**
Runs the TUI on the process's terminal until the operator quits, and resolves with the exit code:
0 on `q`, 130 on Ctrl+C (running checks are aborted first). Ink's own Ctrl+C handling is off so the app decides.
Only the interactive path loads this module.
*/
export async function renderApp(services: Services): Promise<number> {
	let code = 0;
	const instance = render(<App services={services} onExit={exitCode => {
		code = exitCode;
	}} />, {exitOnCtrlC: false});
	try {
		await instance.waitUntilExit();
	} finally {
		instance.cleanup();
	}

	return code;
}
