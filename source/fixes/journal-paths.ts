/*
Where a journal entry keeps its backups, apart from journal.ts so that the journal's schema can check backup paths
without importing the journal that validates with it.
*/
import {stateDirectory} from '../host/state-directory.js';

/** The backups directory in a state directory. */
const backupDirectoryOf = (state: string): string => `${state}/backups`;

/** The backup path of a file for one entry. */
export function backupPath(id: string, path: string, state = stateDirectory): string {
	return `${backupDirectoryOf(state)}/${id}${path}`;
}

/** Where a copy of what a fix wrote is kept, to show what changed since. */
export function writtenPath(id: string, path: string, state = stateDirectory): string {
	return `${backupDirectoryOf(state)}/${id}/written${path}`;
}
