import {spawn} from 'node:child_process';
import type {SshResult} from './ssh-connection.js';

/**
The loop a long-lived shell on the target runs: one script per line of its stdin, in base64, run in a subshell (its
variables, positional parameters and EXIT trap its own) with stdin from /dev/null, then `@@DONE STATUS`. A script is
sent only once the answer to the one before is back, so `head -n 1` never reads past its line. No script's output line
starts with `@@` (every answer line starts with its kind, a path or base64), so the end of an answer cannot be forged.
*/
export const shellLoop = 'while s=$(head -n 1) && [ -n "$s" ]; do (eval "$(printf %s "$s" | base64 -d)") < /dev/null; echo "@@DONE $?"; done';

/** A shell on the target kept open over the master connection: one SSH session (and one sudo) for many scripts. */
export type RemoteShell = {
	/** Runs one script; resolves with its output up to its end line, or with a failure when the shell went away or timed out. */
	run(script: string, timeoutMs: number): Promise<SshResult>;
	/** Whether it can take another script. */
	alive(): boolean;
	/** Ends the shell (its stdin closed, so the loop ends; the session goes with the master anyway). */
	close(): void;
};

/** Starts `COMMAND ARGS…` that runs shellLoop: `ssh … HOST 'exec sudo -n sh -c LOOP'` (or `sh -c LOOP` here, in the tests). */
export function startRemoteShell(command: string, args: readonly string[]): RemoteShell {
	const child = spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe'], env: {...process.env, LC_ALL: 'C'}});
	let stdout = '';
	let stderr = '';
	let searched = 0;
	let ended: string | undefined;
	let pending: {resolve(result: SshResult): void; timer: NodeJS.Timeout} | undefined;

	const finish = (result: SshResult) => {
		const waiting = pending;
		pending = undefined;
		if (waiting) {
			clearTimeout(waiting.timer);
			waiting.resolve(result);
		}
	};

	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		stdout += chunk;
		const marker = /(?:^|\n)@@DONE (\d+)\n/g;
		marker.lastIndex = Math.max(0, searched - 1);
		const done = marker.exec(stdout);
		if (!done) {
			searched = Math.max(0, stdout.length - 16);
			return;
		}

		const answer = stdout.slice(0, done.index + (done[0].startsWith('\n') ? 1 : 0));
		stdout = stdout.slice(done.index + done[0].length);
		searched = 0;
		finish({exitCode: Number(done[1]), stdout: answer, stderr});
	});
	child.stderr.on('data', (chunk: string) => {
		stderr += chunk;
	});
	// A write after the shell has gone (EPIPE) is told by 'close' below.
	child.stdin.on('error', () => undefined);
	child.on('error', error => {
		ended ??= error.message;
		finish({exitCode: -1, stdout: '', stderr, failure: ended});
	});
	child.on('close', code => {
		ended ??= `ssh exited with ${code ?? 'a signal'}`;
		// What the shell printed before it went, and why (sudo's complaint, ssh's): the batcher says the connection was lost.
		finish({exitCode: code ?? -1, stdout, stderr});
	});

	return {
		async run(script, timeoutMs) {
			if (ended !== undefined || pending) {
				return {exitCode: -1, stdout: '', stderr, failure: ended ?? 'the shell is busy'};
			}

			stderr = '';
			return new Promise<SshResult>(resolve => {
				const timer = setTimeout(() => {
					ended = `no answer within ${Math.round(timeoutMs / 1000)} s`;
					child.kill('SIGKILL');
					finish({exitCode: -1, stdout: '', stderr, failure: ended});
				}, timeoutMs);
				pending = {resolve, timer};
				child.stdin.write(`${Buffer.from(script).toString('base64')}\n`);
			});
		},
		alive: () => ended === undefined && pending === undefined,
		close() {
			ended ??= 'closed';
			child.stdin.end();
		},
	};
}

/** Shells that `start` opens as they are needed, for scripts that may run at the same time. */
export type ShellPool = {
	/** Runs a script in an idle shell, or a new one; a shell whose script failed or did not end with 0 is closed and dropped. */
	run(script: string, timeoutMs: number): Promise<SshResult>;
	close(): void;
};

export function createShellPool(start: () => RemoteShell): ShellPool {
	const shells: RemoteShell[] = [];
	return {
		async run(script, timeoutMs) {
			let shell = shells.find(candidate => candidate.alive());
			if (!shell) {
				shell = start();
				shells.push(shell);
			}

			const result = await shell.run(script, timeoutMs);
			if (result.failure !== undefined || result.exitCode !== 0) {
				shells.splice(shells.indexOf(shell), 1);
				shell.close();
			}

			return result;
		},
		close() {
			for (const shell of shells) {
				shell.close();
			}
		},
	};
}
