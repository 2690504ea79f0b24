import fs from 'node:fs';
import {exitCodes} from '../exit-codes.js';
import type {Options} from '../options.js';
import {fail, write} from './output.js';

/** `dockwarden summarize REPORT.json…`: one table of warn counts, host × section; a fleet's combined report gives a row per host. */
export async function summarize(options: Options): Promise<number> {
	const {parseSummaryInput, summarizeReports} = await import('../report/summarize.js');
	const reports = [];
	for (const file of options.reportFiles) {
		try {
			reports.push(...parseSummaryInput(fs.readFileSync(file, 'utf8'), file));
		} catch (error) {
			return fail({message: (error as Error).message.startsWith(file) ? (error as Error).message : `${file}: ${(error as Error).message}`, code: exitCodes.usage});
		}
	}

	write(summarizeReports(reports));
	return exitCodes.ok;
}
