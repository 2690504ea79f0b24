import fs from 'node:fs';
import {exitCodes} from '../exit-codes.js';
import type {Options} from '../options.js';
import {fail, write} from './output.js';

/** `dockwarden summarize REPORT.json…`: one table of warn counts, host × section. */
export async function summarize(options: Options): Promise<number> {
	const {parseReport, summarizeReports} = await import('../report/summarize.js');
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
