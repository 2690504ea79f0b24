import {act, createElement, type ReactElement} from 'react';
import {render} from 'ink-testing-library';
import App from '../../source/ui/app/app.js';
import type {SessionRecord} from '../../source/report/session-record.js';
import type {Services} from '../../source/ui/services.js';
import {fakeToday} from './fake-services.js';

/** Lets pending promises, timers of zero and Ink's deferred lone-Esc flush run. */
export async function tick(times = 3): Promise<void> {
	for (let index = 0; index < times; index++) {
		// One macrotask after another.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}
}

/** Keys as a terminal sends them. */
export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	enter: '\r',
	escape: '\u001B',
	backspace: '\u007F',
	ctrlC: '\u0003',
	tab: '\t',
} as const;

/** A rendered TUI driven like a terminal of a given size, every step wrapped in act(). */
export type Tui = {
	/** The last frame Ink wrote. */
	frame(): string;
	/** Writes each argument to stdin as one chunk, letting the app settle after each. */
	press(...chunks: string[]): Promise<void>;
	/** Lets pending work (runs, plans, fixes) settle; with `ms`, also waits that long for real work, inside act(). */
	settle(ms?: number): Promise<void>;
	unmount(): Promise<void>;
};

/** Renders an element with ink-testing-library in a terminal of `columns` x `rows` (80x24 by default). */
export async function renderTui(element: ReactElement, {columns = 80, rows = 24} = {}): Promise<Tui> {
	let instance!: ReturnType<typeof render>;
	await act(async () => {
		instance = render(element);
		Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
		instance.stdout.emit('resize');
		await tick();
	});

	return {
		frame: () => instance.lastFrame() ?? '',
		async press(...chunks) {
			for (const chunk of chunks) {
				// Keys arrive one chunk after another.
				await act(async () => {
					instance.stdin.write(chunk);
					await tick();
				});
			}
		},
		async settle(ms = 0) {
			await act(async () => {
				if (ms > 0) {
					await new Promise(resolve => {
						setTimeout(resolve, ms);
					});
				}

				await tick();
			});
		},
		async unmount() {
			await act(async () => {
				instance.unmount();
			});
		},
	};
}

/** A rendered App over fake services, with the exit codes and session records it reported. */
export type AppTui = Tui & {readonly exits: number[]; readonly records: SessionRecord[]};

/** Renders the dockwarden App over these services in a terminal of `columns` x `rows`, on `today` (fakeToday by default). */
export async function renderDockwarden(services: Services, {today = fakeToday, ...size}: {columns?: number; rows?: number; today?: string} = {}): Promise<AppTui> {
	const exits: number[] = [];
	const records: SessionRecord[] = [];
	const tui = await renderTui(createElement(App, {
		services,
		today,
		onExit(code: number, record: SessionRecord) {
			exits.push(code);
			records.push(record);
		},
	}), size);
	return {...tui, exits, records};
}

/** The lines of a frame. */
export function lines(frame: string): string[] {
	return frame.split('\n');
}

/** Lets the app settle until its frame matches `pattern` (real services take real time), or fails after `timeoutMs`. */
export async function waitForFrame(tui: Tui, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// Settle first, inside act(), so that the frame matched has its effects (the input hook of its screen) in place.
		// Poll the frame until the work behind it is done.
		await tui.settle();
		if (pattern.test(tui.frame())) {
			return tui.frame();
		}

		if (Date.now() > deadline) {
			throw new Error(`the frame never matched ${String(pattern)}; last frame:\n${tui.frame()}`);
		}
		await tui.settle(20);
	}
}
