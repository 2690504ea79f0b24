import fs from 'node:fs';
import path from 'node:path';
import {exitCodes, type Fatal} from '../exit-codes.js';
import {mapConcurrent} from '../host/concurrency.js';
import {SshError} from '../host/ssh/ssh-connection.js';
import type {SshTarget} from '../host/ssh/ssh-target.js';
import type {Options} from '../options.js';
import type {SessionOptions} from '../session.js';
import {fail, notice, write} from './output.js';
import {report} from './report.js';
import {openTarget, remoteSession} from './remote.js';

/** How many hosts of a fleet are audited at once. */
const fleetConcurrency = 8;

/** The outcome of one host of a fleet: its report file and exit code, or why it could not be audited. */
export type FleetOutcome = {readonly target: SshTarget; readonly file?: string; readonly code: number; readonly problem?: string};

/** The report file of a host: its name and port, nothing else of the URL, so that a host cannot name a path. */
export function reportFileName(target: SshTarget, format: Options['format']): string {
	const extensions: Partial<Record<Options['format'], string>> = {json: 'json', sarif: 'sarif', junit: 'xml', markdown: 'md', prometheus: 'prom'};
	const extension = extensions[format] ?? 'txt';
	return `${target.user === undefined ? '' : `${target.user}_at_`}${target.host.replace(/[^\w.-]/g, '_')}${target.port === undefined ? '' : `_${target.port}`}.${extension}`;
}

/**
A fleet in report mode (--host several times, or --hosts FILE): every host audited over SSH, a few at a time, one
report per host in --output DIR. A host that cannot be reached, or whose connection is lost, is said in one line and
does not stop the others. Then, for JSON reports, the table of `dockwarden summarize` over them. The exit code is the
first failure's of a host that could not be audited, else 1 when a report has a WARN (per --fail-on), else 0.
*/
export async function runFleet(parsed: Options, options: SessionOptions): Promise<number> {
	if (!parsed.output) {
		return fail({message: 'a fleet writes one report per host: give --output DIR (created if missing)', code: exitCodes.usage});
	}

	const directory = parsed.output;
	try {
		fs.mkdirSync(directory, {recursive: true, mode: 0o755});
	} catch (error) {
		return fail({message: `cannot make the report directory ${directory}: ${(error as Error).message}`, code: exitCodes.usage});
	}

	// A lost connection fails the reads of its host still in flight; that host's outcome says so, the others go on.
	const ignoreLost = (reason: unknown) => {
		if (!(reason instanceof SshError)) {
			throw reason;
		}
	};

	process.on('unhandledRejection', ignoreLost);
	const outcomes = await mapConcurrent(parsed.hosts, fleetConcurrency, async (target): Promise<FleetOutcome> => {
		const host = await openTarget(parsed, target);
		if ('message' in host) {
			notice(host.message);
			return {target, code: host.code, problem: host.message};
		}

		let lost: Fatal | undefined;
		host.connection.onLost(fatal => {
			lost = fatal;
		});
		const file = path.join(directory, reportFileName(target, parsed.format));
		try {
			if (host.notice) {
				notice(host.notice);
			}

			const code = await report({...parsed, output: file}, remoteSession(options, host));
			if (lost) {
				// A report of half the facts is no report: it goes, and the line says why.
				fs.rmSync(file, {force: true});
				notice(lost.message);
				return {target, code: lost.code, problem: lost.message};
			}

			return {target, file, code};
		} finally {
			await host.close();
		}
	});

	process.off('unhandledRejection', ignoreLost);
	if (parsed.format === 'json') {
		const {parseReport, summarizeReports} = await import('../report/summarize.js');
		const reports = outcomes.flatMap(outcome => outcome.file ? [{source: outcome.file, report: parseReport(fs.readFileSync(outcome.file, 'utf8'), outcome.file)}] : []);
		write(summarizeReports(reports));
	}

	for (const outcome of outcomes.filter(outcome => outcome.problem)) {
		write(`${outcome.target.url}: not audited (exit ${outcome.code})\n`);
	}

	const failed = outcomes.find(outcome => outcome.problem);
	if (failed) {
		return failed.code;
	}

	return outcomes.some(outcome => outcome.code === exitCodes.warn) ? exitCodes.warn : (outcomes.find(outcome => outcome.code !== exitCodes.ok)?.code ?? exitCodes.ok);
}
