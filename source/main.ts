import {fix, undo} from './commands/fix.js';
import {listJournal, warnInterrupted} from './commands/journal.js';
import {fail} from './commands/output.js';
import {report} from './commands/report.js';
import {endSession} from './commands/session-end.js';
import {summarize} from './commands/summarize.js';
import {parseOptions} from './options.js';
import {createSession} from './session.js';

export {version} from './commands/output.js';

/** Runs dockwarden with these arguments and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseOptions(argv, process.env, Boolean(process.stdin.isTTY && process.stdout.isTTY));
	if ('message' in parsed) {
		return fail(parsed);
	}

	if (parsed.mode === 'summarize') {
		return summarize(parsed);
	}

	const session = createSession({
		root: parsed.root,
		dockerHost: parsed.dockerHost,
		auditKey: parsed.auditKey,
		restartCommand: parsed.restartCommand,
		restartTimeoutMs: parsed.restartTimeoutMs,
		waiversFile: parsed.waiversFile,
	});
	await warnInterrupted(session);
	if (parsed.mode === 'fix') {
		return fix(parsed, session);
	}

	if (parsed.mode === 'undo') {
		return undo(parsed, session);
	}

	if (parsed.mode === 'journal') {
		return listJournal(session);
	}

	if (parsed.mode === 'report') {
		return report(parsed, session);
	}

	const [{renderApp}, {createServices}] = await Promise.all([import('./ui/render-app.js'), import('./session.js')]);
	const {code, record} = await renderApp(await createServices(session, parsed.checks));
	return endSession(parsed, record, code);
}
