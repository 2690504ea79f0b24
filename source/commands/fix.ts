import readline from 'node:readline/promises';
import {exitCodes} from '../exit-codes.js';
import type {PlanOutcome, RefusalCode} from '../model/plan.js';
import type {Options} from '../options.js';
import {statusTag} from '../report/text.js';
import type {Session} from '../session.js';
import {safeText} from '../text/safe-text.js';
import {fail, write} from './output.js';

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
			write(`${heading}${safeText(outcome.reason)}\n`);
			return exitCodes.ok;
		}

		for (const line of outcome.details ?? []) {
			process.stderr.write(`${safeText(line)}\n`);
		}

		return fail({message: `cannot apply ${change.name}: ${outcome.reason}`, code: refusalExit[outcome.code]});
	}

	const {plan} = outcome;
	const {describePlan} = await import('../fixes/describe-plan.js');
	write(`${heading}\nPlan:\n${describePlan(plan).map(line => safeText(line.text)).join('\n')}\n\n`);
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
		write(`  ${safeText(line)}\n`);
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

/**
Refuses a change of the host when not root, naming the command to run with sudo; a planned change that needs no root (the daemon.json
of the user's own rootless daemon, and its undo) goes ahead.
*/
function needRoot(options: Options, session: Session, command: string, outcome: PlanOutcome): number | undefined {
	if (!options.dryRun && !session.access.isRoot && !(outcome.ok && !outcome.plan.needsRoot)) {
		const remote = session.access.remote?.via;
		return fail({message: remote ? `${command} changes ${remote} and needs root there: allow the SSH user sudo without a password (sudo -n, e.g. NOPASSWD) on that host` : `${command} changes the host and needs root: run sudo dockwarden ${command}${options.yes ? ' --yes' : ''}`, code: exitCodes.notRoot});
	}

	return undefined;
}

/** Plans; without root, a plan that cannot even be made (a state directory or file the user cannot read) is a plan that needs root. */
async function planAs<Planned>(session: Session, plan: () => Promise<Planned>, refused: PlanOutcome): Promise<Planned | PlanOutcome> {
	if (session.access.isRoot) {
		return plan();
	}

	return plan().catch(() => refused);
}

const cannotPlan: PlanOutcome = {ok: false, code: 'not-applicable', reason: 'it cannot be planned without root'};

/** `dockwarden fix ID[,ID…]`: one fix, or several merged into one plan. */
export async function fix(options: Options, session: Session): Promise<number> {
	const ids = options.fixIds;
	const label = ids.join(',');
	if (ids.length > 1) {
		// A check of the batch that passes already is said in the plan; the line at the end names what was fixed.
		const outcome = await planAs(session, async () => session.planBatch(ids), cannotPlan);
		const fixed = outcome.ok ? outcome.plan.checkIds.join(',') : label;
		return needRoot(options, session, `fix ${label}`, outcome) ?? showAndApply(options, session, {name: `the fix of ${label}`, done: `${statusTag.pass} ${fixed} - fixed and verified`}, outcome);
	}

	const [id] = ids as [string];
	const planned = await planAs(session, async () => session.planFix(id), cannotPlan);
	const {result, outcome} = 'outcome' in planned ? planned : {result: undefined, outcome: planned};
	const refused = needRoot(options, session, `fix ${label}`, outcome);
	if (refused !== undefined) {
		return refused;
	}

	const tag = result ? `${statusTag[result.status]} ${id} - ` : '';
	const heading = outcome.ok ? `${tag}${safeText(result?.summary ?? '')}\n` : tag;
	return showAndApply(options, session, {name: `the fix of ${id}`, done: `${statusTag.pass} ${id} - fixed and verified`}, outcome, heading);
}

/** `dockwarden undo [ENTRY]`: revert the newest fix not undone yet, or ENTRY; or restore an interrupted fix. */
export async function undo(options: Options, session: Session): Promise<number> {
	const entry = options.undoEntry;
	const outcome = await planAs(session, async () => {
		const interrupted = entry === undefined ? undefined : (await session.interrupted()).find(pending => pending.id === entry);
		return interrupted ? session.planRecovery(interrupted.id) : session.planUndo(entry, options.force);
	}, cannotPlan);
	const refused = needRoot(options, session, `undo${entry ? ` ${entry}` : ''}`, outcome);
	if (refused !== undefined) {
		return refused;
	}

	const name = outcome.ok && outcome.plan.undoes ? outcome.plan.undoes : entry ?? 'the last fix';
	return showAndApply(options, session, {name: `the undo of ${name}`, done: `Undone: ${name}`}, outcome);
}
