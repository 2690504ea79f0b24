/*
Words the checks' summaries and evidence share: a count with its noun, a verb that agrees with it, a short list of
names. One copy of each, for every section.
*/

/** The count and the noun, in the plural (an `s`, or the form given) when the count is not one: `1 container`, `2 managers`. */
export const plural = (count: number, word: string, many = `${word}s`): string => `${count} ${count === 1 ? word : many}`;

/** The verb that agrees with count: `verb(1, 'runs', 'run')` is `runs`. */
export const verb = (count: number, one: string, many: string): string => count === 1 ? one : many;

/** "The image" for one, "All 3 images" for more. */
export const everyOne = (count: number, noun: string): string => count === 1 ? `The ${noun}` : `All ${count} ${noun}s`;

/** Names joined by commas, at most `max` of them (ten by default), then how many more there are. */
export function nameAtMost(names: readonly string[], max = 10): string {
	if (names.length <= max) {
		return names.join(', ');
	}

	return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
