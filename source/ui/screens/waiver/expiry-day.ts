const two = (value: number) => String(value).padStart(2, '0');

/** A date's local day, `YYYY-MM-DD`. */
export function localDay(date: Date): string {
	return `${String(date.getFullYear()).padStart(4, '0')}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
Why a waiver's expiry day cannot be used, or undefined when it can: it must be written `YYYY-MM-DD`, be a real day
(no 2027-02-30) and come after `today` (a waiver applies up to and including its expiry day).
*/
export function expiryProblem(text: string, today: string): string | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
	if (!match) {
		return `Expires "${text}" is not a day: write it as YYYY-MM-DD, e.g. 2027-01-31.`;
	}

	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
		return `Expires ${text} is not a real day.`;
	}

	if (text <= today) {
		return `Expires ${text} is not in the future (today is ${today}).`;
	}

	return undefined;
}
