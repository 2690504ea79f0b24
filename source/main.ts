import fs from 'node:fs';
import readline from 'node:readline/promises';
import {sections} from './benchmark/catalogue.js';
import {runChecks} from './benchmark/runner.js';
import {exitCodes, type Fatal} from './exit-codes.js';
import type {PlanOutcome, RefusalCode} from './fixes/types.js';
import {parseOptions, type Options} from './options.js';
import {formatJson} from './report/json.js';
import {buildReport} from './report/report.js';
import {formatText, statusTag} from './report/text.js';
import {createSession, type Session} from './session.js';

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

/** Runs the checks and prints the report. */
async function report(options: Options, session: Session): Promise<number> {
	const startedAt = new Date();
	const source = session.freshFacts();
	const results = await runChecks(options.checks, source);
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
	write(options.format === 'json' ? formatJson(built) : formatText(built, sections, options.color && process.stdout.isTTY === true));
	if (!host.isRoot) {
		process.stderr.write('dockwarden: not running as root: live audit rules and root-only files could not be read (run it with sudo for a complete audit)\n');
	}

	if (!docker.reachable && options.checks.some(check => check.needs.includes('docker'))) {
		return fail({message: `cannot reach the Docker daemon at ${docker.host}: ${docker.error}; the checks that need it are reported as error`, code: exitCodes.dockerUnreachable});
	}

	return built.summary.warn > 0 ? exitCodes.warn : exitCodes.ok;
}

const refusalExit: Readonly<Record<RefusalCode, number>> = {
	'not-applicable': exitCodes.fixRefused,
	'malformed-config': exitCodes.fixRefused,
	'flag-conflict': exitCodes.fixRefused,
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

/** `dockwarden fix ID`: show the plan, and apply it with --yes or after a y at the prompt. */
async function fix(options: Options, session: Session): Promise<number> {
	const id = options.fixId!;
	const isRoot = process.getuid?.() === 0;
	if (!options.dryRun && !isRoot) {
		return fail({message: `fixing ${id} changes the host and needs root: run sudo dockwarden fix ${id}${options.yes ? ' --yes' : ''}`, code: exitCodes.notRoot});
	}

	const {result, outcome}: {result?: {status: string; summary: string}; outcome: PlanOutcome} = await session.planFix(id);
	if (!outcome.ok) {
		if (outcome.code === 'nothing-to-do') {
			write(`${result ? `${statusTag[result.status as 'pass']} ${id} - ` : ''}${outcome.reason}\n`);
			return exitCodes.ok;
		}

		return fail({message: `cannot fix ${id}: ${outcome.reason}`, code: refusalExit[outcome.code]});
	}

	const {plan} = outcome;
	const {describePlan} = await import('./fixes/describe-plan.js');
	write(`${statusTag.warn} ${id} - ${result?.summary ?? ''}\n\nPlan:\n${describePlan(plan).map(line => line.text).join('\n')}\n\n`);
	if (options.dryRun) {
		write('Dry run: nothing was changed.\n');
		return exitCodes.ok;
	}

	if (!options.yes) {
		if (!process.stdin.isTTY) {
			write('Not applied: pass --yes to apply without a prompt.\n');
			return exitCodes.ok;
		}

		if (!await confirm('Apply this fix? [y/N] ')) {
			write('Not applied: nothing was written.\n');
			return exitCodes.ok;
		}
	}

	const applied = await session.apply(plan, line => {
		write(`  ${line}\n`);
	});
	if (!applied.ok) {
		return fail({message: `the fix of ${id} failed: ${applied.error}; ${applied.rolledBack ? 'everything it did was rolled back' : 'the rollback was incomplete, see the lines above'}`, code: exitCodes.fixFailed});
	}

	write(`\n${statusTag.pass} ${id} - fixed and verified\n`);
	return exitCodes.ok;
}

/** Runs dockwarden with these arguments and resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseOptions(argv, process.env, Boolean(process.stdin.isTTY && process.stdout.isTTY));
	if ('message' in parsed) {
		return fail(parsed);
	}

	const session = createSession({
		root: parsed.root,
		dockerHost: parsed.dockerHost,
		auditKey: parsed.auditKey,
		restartCommand: parsed.restartCommand,
	});
	if (parsed.mode === 'fix') {
		return fix(parsed, session);
	}

	if (parsed.mode === 'report') {
		return report(parsed, session);
	}

	const [{renderApp}, {createServices}] = await Promise.all([import('./ui/render-app.js'), import('./session.js')]);
	return renderApp(await createServices(session, parsed.checks));
}
