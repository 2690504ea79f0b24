import {writeOperatorFile} from '../host/operator-file.js';
import {exitCodes} from '../exit-codes.js';
import type {Options} from '../options.js';
import {sessionChanged, type SessionRecord} from '../report/session-record.js';
import {fail, write} from './output.js';

/** After the TUI: the before/after summary when anything changed, and the Markdown one with --summary FILE. */
export async function endSession(options: Options, record: SessionRecord, code: number): Promise<number> {
	const {formatSessionSummary} = await import('../report/session-summary.js');
	if (sessionChanged(record)) {
		write(formatSessionSummary(record, options.checks, false));
	}

	if (options.summaryFile) {
		try {
			await writeOperatorFile(options.summaryFile, formatSessionSummary(record, options.checks, true));
		} catch (error) {
			return fail({message: `cannot write the session summary to ${options.summaryFile}: ${(error as Error).message}`, code: exitCodes.usage});
		}
	}

	return code;
}
