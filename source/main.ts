import fs from 'node:fs';
import readline from 'node:readline/promises';
import {sections} from './benchmark/catalogue.js';
import {runChecks} from './benchmark/runner.js';
import {applyWaivers, expiredNotice, expiredWaivers, localDay} from './waivers/apply-waivers.js';
import {exitCodes, type Fatal} from './exit-codes.js';
import type {PlanOutcome, RefusalCode} from './fixes/types.js';
import {parseOptions, type Options} from './options.js';
import {formatJson} from './report/json.js';
import {buildReport, type Report} from './report/report.js';
import {formatText, statusTag} from './report/text.js';
import {sessionChanged, type SessionRecord} from './report/session-record.js';
import {createSession, describeChange, type Session} from './session.js';

/** The version in package.json. */
export const version: string = (JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;

function fail(fatal: Fatal): number {
	process.stderr.write(`dockwarden: ${fatal.message}\n`);
	return fatal.code;
}

/** Writes to stdout; a reader that went away (`| head`) is not an error. */
function write(text: string): void {
	process.stdout.write(text);
}

process.stdout.on('error', error => {
	if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
		process.exit(process.exitCode ?? 0);
	}

	throw error;
});

/** The report in the format asked for; the writers other than text and JSON are loaded only when used. */
async function formatReport(options: Options, report: Report): Promise<string> {
	switch (options.format) {
		case 'json': {
			return formatJson(report);
		}

		case 'sarif': {
			return (await import('./report/sarif.js')).formatSarif(report, options.checks);
		}

		case 'junit': {
			return (await import('./report/junit.js')).formatJunit(report);
		}

		case 'markdown': {
			return (await import('./report/markdown.js')).formatMarkdown(report);
		}

		case 'text': {
			return formatText(report, sections, options.color && !options.output && process.stdout.isTTY === true);
		}
	}
}

/** `dockwarden summarize REPORT.json…`: one table of warn counts, host × section. */
async function summarize(options: Options): Promise<number> {
	const {parseReport, summarizeReports} = await import('./report/summarize.js');
	const reports = [];
	for (const file of options.reportFiles) {
		try {
			reports.push({source: file, report: parseReport(fs.readFileSync(file, 'utf8'), file)});
		} catch (error) {
			return fail({message: (error as Error).message.startsWith(file) ? (error as Error).message : `${file}: ${(error as Error).message}`, code: exitCodes.usage});
		}
	}

	write(summarizeReports(reports));
	return exitCodes.ok;
}

/** Runs the checks and prints the report. */
async function report(options: Options, session: Session): Promise<number> {
	const startedAt = new Date();
	const source = session.freshFacts();
	let inForce;
	try {
		inForce = await session.waivers();
	} catch (error) {
		return fail({message: (error as Error).message, code: exitCodes.usage});
	}

	const today = localDay();
	for (const waiver of expiredWaivers(inForce, today)) {
		process.stderr.write(`dockwarden: ${expiredNotice(waiver)}\n`);
	}

	const results = applyWaivers(await runChecks(options.checks, source), inForce, today);
	const [host, docker] = await Promise.all([source.get('host'), source.get('docker')]);
	const built = buildReport({
		version,
		hostname: host.hostname,
		dockerVersion: docker.reachable ? docker.info.ServerVersion : undefined,
		root: host.root,
		startedAt,
		durationMs: Date.now() - startedAt.getTime(),
		checks: options.checks,
		results,
	});
	const text = await formatReport(options, built);
	if (options.output) {
		try {
			fs.writeFileSync(options.output, text);
		} catch (error) {
			return fail({message: `cannot write the report to ${options.output}: ${(error as Error).message}`, code: exitCodes.usage});
		}
	} else {
		write(text);
	}
	if (!host.isRoot) {
		process.stderr.write('dockwarden: not running as root: live audit rules and root-only files could not be read (run it with sudo for a complete audit)\n');
	}

	if (!docker.reachable && options.checks.some(check => check.needs.includes('docker'))) {
		return fail({message: `cannot reach the Docker daemon at ${docker.host}: ${docker.error}; the checks that need it are reported as error`, code: exitCodes.dockerUnreachable});
	}

	const failing = options.failOn === 'none' ? 0 : built.summary.warn + (options.failOn === 'note' ? built.summary.note : 0);
	return failing > 0 ? exitCodes.warn : exitCodes.ok;
}

const refusalExit: Readonly<Record<RefusalCode, number>> = {
	'not-applicable': exitCodes.fixRefused,
	'malformed-config': exitCodes.fixRefused,
	'flag-conflict': exitCodes.fixRefused,
	'invalid-config': exitCodes.fixRefused,
	'changed-since': exitCodes.fixRefused,
	'docker-unreachable': exitCodes.dockerUnreachable,
	'auditctl-missing': exitCodes.auditctlMissing,
	'nothing-to-do': exitCodes.ok,
};

async function confirm(question: string): Promise<boolean> {
	const prompt = readline.createInterface({input: process.stdin, output: process.stdout});
	try {
		return /^y(es)?$/i.test((await prompt.question(question)).trim());
	} finally {
		prompt.close();
	}
}

/** What a planned change is called in messages ("the fix of 1.1.3"), and the line that ends it. */
type Change = {readonly name: string; readonly done: string};

/** Shows a plan, then applies it with --yes or after a y at the prompt; never without. */
async function showAndApply(options: Options, session: Session, change: Change, outcome: PlanOutcome, heading = ''): Promise<number> {
	if (!outcome.ok) {
		if (outcome.code === 'nothing-to-do') {
			write(`${heading}${outcome.reason}\n`);
			return exitCodes.ok;
		}

		for (const line of outcome.details ?? []) {
			process.stderr.write(`${line}\n`);
		}

		return fail({message: `cannot apply ${change.name}: ${outcome.reason}`, code: refusalExit[outcome.code]});
	}

	const {plan} = outcome;
	const {describePlan} = await import('./fixes/describe-plan.js');
	write(`${heading}\nPlan:\n${describePlan(plan).map(line => line.text).join('\n')}\n\n`);
	if (options.dryRun) {
		write('Dry run: nothing was changed.\n');
		return exitCodes.ok;
	}

	if (!options.yes) {
		if (!process.stdin.isTTY) {
			write('Not applied: pass --yes to apply without a prompt.\n');
			return exitCodes.ok;
		}

		if (!await confirm('Apply? [y/N] ')) {
			write('Not applied: nothing was written.\n');
			return exitCodes.ok;
		}
	}

	const applied = await session.apply(plan, line => {
		write(`  ${line}\n`);
	});
	if (!applied.ok && (applied.busy || applied.readOnly)) {
		return fail({message: `${change.name} was not attempted: ${applied.error}`, code: applied.busy ? exitCodes.busy : exitCodes.fixRefused});
	}

	if (!applied.ok) {
		return fail({message: `${change.name} failed: ${applied.error}; ${applied.rolledBack ? 'everything it did was rolled back' : 'the rollback was incomplete, see the lines above'}`, code: exitCodes.fixFailed});
	}

	write(`\n${change.done}\n`);
	return exitCodes.ok;
}

/** Refuses a change of the host when not root, naming the command to run with sudo. */
function needRoot(options: Options, command: string): number | undefined {
	if (!options.dryRun && process.getuid?.() !== 0) {
		return fail({message: `${command} changes the host and needs root: run sudo dockwarden ${command}${options.yes ? ' --yes' : ''}`, code: exitCodes.notRoot});
	}

	return undefined;
}

/** `dockwarden fix ID[,ID…]`: one fix, or several merged into one plan. */
async function fix(options: Options, session: Session): Promise<number> {
	const ids = options.fixIds;
	const label = ids.join(',');
	const refused = needRoot(options, `fix ${label}`);
	if (refused !== undefined) {
		return refused;
	}

	if (ids.length > 1) {
		return showAndApply(options, session, {name: `the fix of ${label}`, done: `${statusTag.pass} ${label} - fixed and verified`}, await session.planBatch(ids));
	}

	const [id] = ids as [string];
	const {result, outcome} = await session.planFix(id);
	const tag = result ? `${statusTag[result.status]} ${id} - ` : '';
	const heading = outcome.ok ? `${tag}${result?.summary ?? ''}\n` : tag;
	return showAndApply(options, session, {name: `the fix of ${id}`, done: `${statusTag.pass} ${id} - fixed and verified`}, outcome, heading);
}

/** `dockwarden undo [ENTRY]`: revert the newest fix not undone yet, or ENTRY; or restore an interrupted fix. */
async function undo(options: Options, session: Session): Promise<number> {
	const entry = options.undoEntry;
	const refused = needRoot(options, `undo${entry ? ` ${entry}` : ''}`);
	if (refused !== undefined) {
		return refused;
	}

	const interrupted = entry === undefined ? undefined : (await session.interrupted()).find(pending => pending.id === entry);
	const outcome = interrupted ? await session.planRecovery(interrupted.id) : await session.planUndo(entry, options.force);
	const name = outcome.ok && outcome.plan.undoes ? outcome.plan.undoes : entry ?? 'the last fix';
	return showAndApply(options, session, {name: `the undo of ${name}`, done: `Undone: ${name}`}, outcome);
}

/** `dockwarden journal`: the applied fixes, newest first. */
async function listJournal(session: Session): Promise<number> {
	const entries = await session.journal();
	if (entries.length === 0) {
		write('The journal is empty: no fix has been applied on this host.\n');
		return exitCodes.ok;
	}

	for (const entry of entries) {
		write(`${entry.id}${entry.undoneAt ? `  (undone ${entry.undoneAt})` : ''}\n  ${entry.title}\n`);
		for (const change of entry.changes) {
			write(`    ${describeChange(change)}\n`);
		}
	}

	return exitCodes.ok;
}

/** Says on stderr when a fix was interrupted half-way, and how to restore what it had changed. */
async function warnInterrupted(session: Session): Promise<void> {
	for (const pending of await session.interrupted()) {
		process.stderr.write(`dockwarden: a fix was interrupted at ${pending.time} (${pending.title}): run dockwarden undo ${pending.id} to restore what it had changed\n`);
	}
}

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

/** After the TUI: the before/after summary when anything changed, and the Markdown one with --summary FILE. */
async function endSession(options: Options, record: SessionRecord, code: number): Promise<number> {
	const {formatSessionSummary} = await import('./report/session-summary.js');
	if (sessionChanged(record)) {
		write(formatSessionSummary(record, options.checks, false));
	}

	if (options.summaryFile) {
		try {
			fs.writeFileSync(options.summaryFile, formatSessionSummary(record, options.checks, true));
		} catch (error) {
			return fail({message: `cannot write the session summary to ${options.summaryFile}: ${(error as Error).message}`, code: exitCodes.usage});
		}
	}

	return code;
}
