import type {Status} from '../../benchmark/types.js';

/** The four characters inside a status badge: the status is text as well as colour. */
export const statusLabel: Readonly<Record<Status, string>> = {
	pass: 'PASS',
	warn: 'WARN',
	info: 'INFO',
	note: 'NOTE',
	skip: 'SKIP',
	error: 'ERR ',
	waived: 'WAIV',
};

/** The colour of each status (Docker Bench for Security's habits). */
export const statusColor: Readonly<Record<Status, string>> = {
	pass: 'green',
	warn: 'red',
	info: 'blue',
	note: 'yellow',
	skip: 'gray',
	error: 'magenta',
	waived: 'cyan',
};

/** The order statuses are counted in. */
export const statusOrder: readonly Status[] = ['pass', 'warn', 'waived', 'info', 'note', 'skip', 'error'];

/** The short word used when counting a status. */
export const statusWord: Readonly<Record<Status, string>> = {
	pass: 'pass',
	warn: 'warn',
	info: 'info',
	note: 'note',
	skip: 'skip',
	error: 'err',
	waived: 'waived',
};
