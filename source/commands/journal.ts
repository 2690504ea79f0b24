import {exitCodes} from '../exit-codes.js';
import {describeInvalid, entryChecks} from '../fixes/journal.js';
import {describeChange, type Session} from '../session.js';
import {safeText} from '../text/safe-text.js';
import {notice, write} from './output.js';

/** `dockwarden journal`: the applied fixes, newest first. */
export async function listJournal(session: Session): Promise<number> {
	const {entries, invalid} = await session.journalFiles();
	// A journal file that fails validation is not listed: one line on stderr names it and says what is wrong.
	for (const file of invalid) {
		notice(describeInvalid(file));
	}

	if (entries.length === 0) {
		write('The journal is empty: no fix has been applied on this host.\n');
		return exitCodes.ok;
	}

	for (const entry of entries) {
		write(`${safeText(entry.id)}${entry.undoneAt ? `  (undone ${safeText(entry.undoneAt)})` : ''}\n  ${safeText(entry.title)}\n  ${safeText(entryChecks(entry))}\n`);
		for (const change of entry.changes) {
			write(`    ${safeText(describeChange(change))}\n`);
		}
	}

	return exitCodes.ok;
}

/** Says on stderr when a fix was interrupted half-way, and how to restore what it had changed. */
export async function warnInterrupted(session: Session): Promise<void> {
	// A warning only: a journal this user cannot read (an ordinary user's state directory under another's HOME) holds nothing to warn of here.
	for (const pending of await session.interrupted().catch(() => [])) {
		notice(`a fix was interrupted at ${pending.time} (${pending.title}): run dockwarden undo ${pending.id} to restore what it had changed`);
	}
}
