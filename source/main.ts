import {fix, undo} from './commands/fix.js';
import {listJournal, warnInterrupted} from './commands/journal.js';
import {fail, write} from './commands/output.js';
import {report} from './commands/report.js';
import {endSession} from './commands/session-end.js';
import {summarize} from './commands/summarize.js';
import {exitCodes, type Fatal} from './exit-codes.js';
import {parseOptions, type Options} from './options.js';
import {createServices, createSession, type Session, type SessionOptions} from './session.js';
import type {Services} from './ui/services.js';

export {version} from './commands/output.js';

/** Runs dockwarden with these arguments and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	// ps and top show dockwarden rather than node, as they did when meow named the process after package.json's bin.
	process.title = 'dockwarden';
	const parsed = parseOptions(argv, process.env, Boolean(process.stdin.isTTY && process.stdout.isTTY));
	if ('print' in parsed) {
		write(parsed.print);
		return exitCodes.ok;
	}

	if ('message' in parsed) {
		return fail(parsed);
	}

	if (parsed.readOnly && (parsed.mode === 'fix' || parsed.mode === 'undo')) {
		return fail(readOnlyRefusal(parsed.mode, argv));
	}

	if (parsed.mode === 'summarize') {
		return summarize(parsed);
	}

	if (parsed.demo) {
		return runDemo(parsed);
	}

	if (parsed.hosts.length > 1 && parsed.mode === 'tui') {
		const {runFleetTui} = await import('./commands/fleet-tui.js');
		return runFleetTui(parsed, sessionOptions(parsed));
	}

	if (parsed.hosts.length > 1) {
		const {runFleet} = await import('./commands/fleet.js');
		return runFleet(parsed, sessionOptions(parsed));
	}

	if (parsed.hosts.length > 0) {
		const {runOnRemote} = await import('./commands/remote.js');
		return runOnRemote(parsed, sessionOptions(parsed), async session => runSession(parsed, session));
	}

	return runSession(parsed, createSession(sessionOptions(parsed)));
}

/**
Whether main, given these arguments, ends in a TUI (the host's, the fleet's or the demo's) rather than in output: what
dist/cli.js asks of dist/command.cjs, which has no TUI, before it runs a command line that hold-keys.ts's quick table did not
see as one. Its cases follow main's.
*/
export function endsInTui(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdin.isTTY && process.stdout.isTTY)): boolean {
	// Without a terminal, or in CI, there is no TUI (parseOptions' interactive), and no second parse: --hosts reads a file.
	if (!isTty || environment.CI) {
		return false;
	}

	const parsed = parseOptions(argv, environment, isTty);
	// The demo takes no command other than summarize (parseOptions says so): its TUI too is mode tui.
	return !('print' in parsed || 'message' in parsed) && parsed.mode === 'tui';
}

/** The mode of the command line over a session of this host or of a remote one: fix, undo, journal, a report or the TUI. */
async function runSession(parsed: Options, session: Session): Promise<number> {
	const warned = warnInterrupted(session);
	if (parsed.mode === 'report') {
		// The audit does not wait for the journal's look: over SSH, their first reads share a round trip.
		const [code] = await Promise.all([report(parsed, session), warned]);
		return code;
	}

	await warned;
	if (parsed.mode === 'fix') {
		return fix(parsed, session);
	}

	if (parsed.mode === 'undo') {
		return undo(parsed, session);
	}

	if (parsed.mode === 'journal') {
		return listJournal(session);
	}

	const services = await createServices(session, parsed.checks, {
		async openDemo() {
			const {openDemo} = await import('./demo/demo-services.js');
			return openDemo({auditKey: parsed.auditKey, benchmark: parsed.benchmark}, parsed.checks);
		},
	});
	return runTui(parsed, services, async () => services.dispose?.());
}

/** The TUI over these services until the operator quits, then the session's summary; `release` runs however it ends. */
async function runTui(parsed: Options, services: Services, release: () => Promise<void>): Promise<number> {
	try {
		const {renderApp} = await import('./ui/app/render-app.js');
		const {code, record} = await renderApp(services, parsed.readOnly);
		return await endSession(parsed, record, code);
	} finally {
		await release();
	}
}

/**
`fix` and `undo` in read-only mode (--read-only, DOCKWARDEN_READ_ONLY): refused before a session is made, so nothing is
planned, locked, read for recovery or written; `--dry-run` too, as read-only mode offers no fix at all.
*/
function readOnlyRefusal(mode: 'fix' | 'undo', argv: readonly string[]): Fatal {
	const source = argv.includes('--read-only') ? '--read-only' : 'DOCKWARDEN_READ_ONLY';
	return {message: `refused: read-only mode (${source}): ${mode} changes the host, and nothing was attempted`, code: exitCodes.readOnly};
}

function sessionOptions(parsed: Options): SessionOptions {
	return {
		root: parsed.root,
		dockerHost: parsed.dockerHost,
		auditKey: parsed.auditKey,
		restartCommand: parsed.restartCommand,
		restartTimeoutMs: parsed.restartTimeoutMs,
		waiversFile: parsed.waiversFile,
		benchmark: parsed.benchmark,
	};
}

/** `--demo`: the TUI or a report on the sample host, in a sandbox removed at the end. */
async function runDemo(parsed: Options): Promise<number> {
	if (parsed.mode === 'report') {
		const [{openSandbox}, {demoSession}] = await Promise.all([import('./demo/sandbox.js'), import('./demo/demo-services.js')]);
		const sandbox = await openSandbox({restartDelayMs: 0});
		try {
			return await report(parsed, demoSession(sandbox, {auditKey: parsed.auditKey, benchmark: parsed.benchmark}));
		} finally {
			await sandbox.dispose();
		}
	}

	const {openDemo} = await import('./demo/demo-services.js');
	const demo = await openDemo({auditKey: parsed.auditKey, benchmark: parsed.benchmark}, parsed.checks);
	return runTui(parsed, demo.services, demo.dispose);
}
