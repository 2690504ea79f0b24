import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {exitCodes, type Fatal} from '../exit-codes.js';
import {mapConcurrent} from '../host/concurrency.js';
import {SshError} from '../host/ssh/ssh-connection.js';
import type {SshTarget} from '../host/ssh/ssh-target.js';
import type {Options} from '../options.js';
import type {SessionOptions} from '../session.js';
import {writeOperatorFile} from '../host/operator-file.js';
import type {FleetReport} from '../report/summarize.js';
import {safeText} from '../text/safe-text.js';
import {fail, notice, version, write} from './output.js';
import {report} from './report.js';
import {openTarget, remoteSession} from './remote.js';

/** How many hosts of a fleet are audited at once. */
export const fleetConcurrency = 8;

/** The outcome of one host of a fleet: its report file and exit code, or why it could not be audited. */
export type FleetOutcome = {readonly target: SshTarget; readonly file?: string; readonly code: number; readonly problem?: string};

/** The report file of a host: its name and port, nothing else of the URL, so that a host cannot name a path. */
export function reportFileName(target: SshTarget, format: Options['format']): string {
	const extensions: Partial<Record<Options['format'], string>> = {json: 'json', sarif: 'sarif', junit: 'xml', markdown: 'md', prometheus: 'prom'};
	const extension = extensions[format] ?? 'txt';
	return `${target.user === undefined ? '' : `${target.user}_at_`}${target.host.replace(/[^\w.-]/g, '_')}${target.port === undefined ? '' : `_${target.port}`}.${extension}`;
}

/** Whether the fleet's reports go into one combined JSON (to stdout, or --output FILE.json) rather than one file per host in --output DIR. */
function combinedOutput(parsed: Options): boolean {
	return parsed.format === 'json' && (parsed.output === undefined || (parsed.output.endsWith('.json') && !isDirectory(parsed.output)));
}

function isDirectory(file: string): boolean {
	try {
		return fs.statSync(file).isDirectory();
	} catch {
		return false;
	}
}

/**
A fleet in report mode (--host several times, or --hosts FILE): every host audited over SSH, a few at a time. In JSON
without --output, or with --output FILE.json, one combined report (every host in the order given, each with its report
or why it was not audited) that `dockwarden summarize` reads; else one report per host in --output DIR, then, for JSON
reports, the table of `dockwarden summarize` over them. A host that cannot be reached, or whose connection is lost, is
said in one line and does not stop the others. The exit code is the first failure's of a host that could not be
audited, else 1 when a report has a WARN (per --fail-on), else 0.
*/
export async function runFleet(parsed: Options, options: SessionOptions): Promise<number> {
	const combined = combinedOutput(parsed);
	if (!combined && !parsed.output) {
		return fail({message: 'a fleet writes one report per host: give --output DIR (created if missing), or --json for one combined report that dockwarden summarize reads', code: exitCodes.usage});
	}

	let directory: string;
	try {
		// The combined report is made of per-host reports in a private directory, read back and removed.
		directory = combined ? fs.mkdtempSync(path.join(os.tmpdir(), 'dockwarden-fleet-')) : parsed.output!;
		fs.mkdirSync(directory, {recursive: true, mode: 0o755});
	} catch (error) {
		return fail({message: `cannot make the report directory ${parsed.output}: ${(error as Error).message}`, code: exitCodes.usage});
	}

	try {
		const outcomes = await auditFleet(parsed, options, directory);
		return combined ? await writeCombined(parsed, outcomes) : writeSummary(parsed, outcomes);
	} finally {
		if (combined) {
			fs.rmSync(directory, {recursive: true, force: true});
		}
	}
}

/** Every host of the fleet audited, a few at a time, its report in `directory`. */
async function auditFleet(parsed: Options, options: SessionOptions, directory: string): Promise<FleetOutcome[]> {
	// A lost connection fails the reads of its host still in flight; that host's outcome says so, the others go on.
	const ignoreLost = (reason: unknown) => {
		if (!(reason instanceof SshError)) {
			throw reason;
		}
	};

	process.on('unhandledRejection', ignoreLost);
	try {
		return await mapConcurrent(parsed.hosts, fleetConcurrency, async (target): Promise<FleetOutcome> => {
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
	} finally {
		process.off('unhandledRejection', ignoreLost);
	}
}

/** The exit code of a fleet: the first failure's of a host that could not be audited, else 1 for a WARN, else the first other code. */
function fleetCode(outcomes: readonly FleetOutcome[]): number {
	const failed = outcomes.find(outcome => outcome.problem);
	if (failed) {
		return failed.code;
	}

	return outcomes.some(outcome => outcome.code === exitCodes.warn) ? exitCodes.warn : (outcomes.find(outcome => outcome.code !== exitCodes.ok)?.code ?? exitCodes.ok);
}

/** One report per host in --output DIR: the summary table for JSON reports, and a line for each host not audited. */
async function writeSummary(parsed: Options, outcomes: readonly FleetOutcome[]): Promise<number> {
	if (parsed.format === 'json') {
		const {parseReport, summarizeReports} = await import('../report/summarize.js');
		const reports = outcomes.flatMap(outcome => outcome.file ? [{source: outcome.file, report: parseReport(fs.readFileSync(outcome.file, 'utf8'), outcome.file)}] : []);
		write(summarizeReports(reports));
	}

	for (const outcome of outcomes.filter(outcome => outcome.problem)) {
		write(`${outcome.target.url}: not audited (exit ${outcome.code})\n`);
	}

	return fleetCode(outcomes);
}

/** The combined JSON of the fleet: to stdout, or to --output FILE.json followed by the summary table on stdout. */
async function writeCombined(parsed: Options, outcomes: readonly FleetOutcome[]): Promise<number> {
	const {parseReport, summarizeReports} = await import('../report/summarize.js');
	const fleet: FleetReport = {
		tool: {name: 'dockwarden', version},
		fleet: outcomes.map(outcome => outcome.file
			? {host: outcome.target.url, exitCode: outcome.code, report: parseReport(fs.readFileSync(outcome.file, 'utf8'), outcome.file)}
			: {host: outcome.target.url, exitCode: outcome.code, notAudited: safeText(outcome.problem ?? 'not audited')}),
	};
	const text = `${JSON.stringify(fleet, undefined, 2)}\n`;
	if (parsed.output === undefined) {
		write(text);
		return fleetCode(outcomes);
	}

	try {
		await writeOperatorFile(parsed.output, text);
	} catch (error) {
		return fail({message: `cannot write the fleet report to ${parsed.output}: ${(error as Error).message}`, code: exitCodes.usage});
	}

	write(summarizeReports(fleet.fleet.map(entry => entry.report ? {source: parsed.output!, report: entry.report} : {source: parsed.output!, host: entry.host, exitCode: entry.exitCode, reason: entry.notAudited!})));
	return fleetCode(outcomes);
}
