import {execFileSync} from 'node:child_process';
import {setTimeout as delay} from 'node:timers/promises';

/** A program running in a real terminal (tmux), driven by keys and read from the screen, as an operator sees it. */
export type Terminal = {
	/** Sends tmux key names (e.g. 'Enter', 'Escape', 'j'). */
	keys(...keys: string[]): void;
	screen(): string;
	/** Waits until the screen matches, and returns it; fails with the last screen. */
	waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
	kill(): void;
};

/** Starts `command` in a detached tmux session of the given size. */
export function startTerminal(command: string, options: {columns?: number; rows?: number} = {}): Terminal {
	const name = `dw-${process.pid}-${Date.now()}`;
	// An operator's terminal: not CI (where dockwarden would write a report instead of opening the TUI).
	execFileSync('tmux', ['new-session', '-d', '-s', name, '-x', String(options.columns ?? 80), '-y', String(options.rows ?? 24), `env -u CI ${command}; echo EXIT=$?; sleep 30`], {env: {...process.env, TERM: 'xterm-256color'}});
	const screen = () => execFileSync('tmux', ['capture-pane', '-p', '-t', name], {encoding: 'utf8'});
	return {
		keys(...keys) {
			execFileSync('tmux', ['send-keys', '-t', name, ...keys]);
		},
		screen,
		async waitFor(pattern, timeoutMs = 20_000) {
			const deadline = Date.now() + timeoutMs;
			let last = '';
			while (Date.now() < deadline) {
				last = screen();
				if (pattern.test(last)) {
					return last;
				}
				await delay(100);
			}

			throw new Error(`the screen never matched ${pattern}; it shows:\n${last}`);
		},
		kill() {
			try {
				execFileSync('tmux', ['kill-session', '-t', name], {stdio: 'ignore'});
			} catch {}
		},
	};
}
