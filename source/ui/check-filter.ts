import type {Check} from '../benchmark/types.js';

/** The words of a filter, lower-cased; an empty or blank filter has none and matches every check. */
export function filterWords(filter: string): string[] {
	return filter.toLowerCase().split(/\s+/).filter(word => word !== '');
}

/** Where the words of a title start: after the start, or after any character that is not a letter or a digit. */
function wordStarts(title: string): number[] {
	const starts: number[] = [];
	for (let index = 0; index < title.length; index++) {
		if (/[\p{L}\p{N}]/u.test(title[index]!) && (index === 0 || !/[\p{L}\p{N}]/u.test(title[index - 1]!))) {
			starts.push(index);
		}
	}

	return starts;
}

/**
Whether a check matches a filter, case-insensitive: every typed word must be a prefix of the check's id or start at a
word of its title (`namespace` finds "Enable user namespace support", `audit` "Ensure auditing is configured…", `1.1`
finds 1.1.1 to 1.1.18, `docker.serv` "… - docker.service").
*/
export function matchesFilter(check: Check, filter: string): boolean {
	const words = filterWords(filter);
	if (words.length === 0) {
		return true;
	}

	const id = check.id.toLowerCase();
	const title = check.title.toLowerCase();
	const starts = wordStarts(title);
	return words.every(word => id.startsWith(word) || starts.some(start => title.startsWith(word, start)));
}
