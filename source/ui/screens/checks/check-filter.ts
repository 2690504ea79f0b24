import {termsOf} from '../../../benchmark/text/search-terms.js';
import type {Check, Result, Status} from '../../../benchmark/types.js';
import {safeText} from '../../../text/safe-text.js';

/** The words of a filter, lower-cased; an empty or blank filter has none and matches every check. */
export function filterWords(filter: string): string[] {
	return filter.toLowerCase().split(/\s+/).filter(word => word !== '');
}

const wordCharacter = /[\p{L}\p{N}]/u;

/** Where the words of a text start: after the start, or after any character that is not a letter or a digit. */
function wordStarts(text: string): number[] {
	const starts: number[] = [];
	for (let index = 0; index < text.length; index++) {
		if (wordCharacter.test(text[index]!) && (index === 0 || !wordCharacter.test(text[index - 1]!))) {
			starts.push(index);
		}
	}

	return starts;
}

/**
Whether a typed word starts a word of `text` (lower-cased), or starts it outright or after a space (`--privileged`,
`/etc`). Only the places where the word occurs are looked at, so a long evidence list costs little.
*/
function startsAWord(text: string, word: string): boolean {
	for (let index = text.indexOf(word); index !== -1; index = text.indexOf(word, index + 1)) {
		const before = text[index - 1];
		if (before === undefined || before === ' ' || (wordCharacter.test(text[index]!) && !wordCharacter.test(before))) {
			return true;
		}
	}

	return false;
}

/** The lower-cased summary and evidence of each result, made once per result rather than at every key. */
const lowerEvidence = new WeakMap<Result, readonly string[]>();

function evidenceOf(result: Result): readonly string[] {
	let lines = lowerEvidence.get(result);
	if (lines === undefined) {
		lines = [result.summary, ...result.evidence].map(line => line.toLowerCase());
		lowerEvidence.set(result, lines);
	}

	return lines;
}

/** The statuses whose evidence blames something (a container, a file, a setting): a search by name finds them. */
const blamingStatuses: ReadonlySet<Status> = new Set(['warn', 'note', 'waived']);

/**
Why a check matched a filter, where it was not its id or its title: the search term (`userns-remap`), or the line of its
evidence (`cis-web: --privileged`). Evidence is host text: it passes through safeText (controls made visible, secrets
masked, one line) before it is kept here.
*/
export type MatchReason =
	| {readonly kind: 'term'; readonly text: string}
	| {readonly kind: 'evidence'; readonly text: string};

/** How a check matches a filter: not at all (undefined), or with the reasons of the words found outside its id and title. */
export type FilterMatch = {
	readonly reasons: readonly MatchReason[];
};

/**
Whether, and why, a check matches a filter, case-insensitive. Every typed word must be found in one of:
- the check's id, as a prefix (`1.1` finds 1.1.1 to 1.1.18);
- its title, at the start of a word (`namespace` finds "Enable user namespace support", `docker.serv` "… - docker.service");
- its search terms (source/benchmark/text/search-terms.ts), at the start of a term or of a word in it (`userns` finds
  `userns-remap` and `--userns=host`, `--privileged` finds `--privileged`);
- for a check that has run and blames something (WARN, NOTE, waived), its summary and evidence, at the start of a word
  (`cis-web` finds the checks whose evidence names that container).
*/
export function filterMatch(check: Check, filter: string, result?: Result): FilterMatch | undefined {
	const words = filterWords(filter);
	const reasons: MatchReason[] = [];
	if (words.length === 0) {
		return {reasons};
	}

	const id = check.id.toLowerCase();
	const title = check.title.toLowerCase();
	const titleStarts = wordStarts(title);
	const terms = termsOf(check.key);
	const blames = result !== undefined && blamingStatuses.has(result.status);
	const evidence = blames ? evidenceOf(result) : [];
	for (const word of words) {
		if (id.startsWith(word) || titleStarts.some(start => title.startsWith(word, start))) {
			continue;
		}

		const term = terms.find(candidate => startsAWord(candidate.toLowerCase(), word));
		if (term !== undefined) {
			reasons.push({kind: 'term', text: term});
			continue;
		}

		const line = evidence.findIndex(candidate => startsAWord(candidate, word));
		if (line === -1) {
			return undefined;
		}

		reasons.push({kind: 'evidence', text: safeText(line === 0 ? result!.summary : result!.evidence[line - 1]!)});
	}

	return {reasons: reasons.filter((reason, index) => reasons.findIndex(other => other.text === reason.text) === index)};
}

/** Whether a check matches a filter (see filterMatch); `result`, when it has run, lets its evidence match too. */
export function matchesFilter(check: Check, filter: string, result?: Result): boolean {
	return filterMatch(check, filter, result) !== undefined;
}

/** What the filter line says about why a check matched (`matches: userns-remap`), or undefined when its id or title did. */
export function matchReasonText(match: FilterMatch | undefined): string | undefined {
	if (match === undefined || match.reasons.length === 0) {
		return undefined;
	}

	const terms = match.reasons.filter(reason => reason.kind === 'term').map(reason => reason.text);
	const evidence = match.reasons.filter(reason => reason.kind === 'evidence').map(reason => `"${reason.text}"`);
	return [
		terms.length === 0 ? '' : `matches: ${terms.join(', ')}`,
		evidence.length === 0 ? '' : `evidence: ${evidence.join(', ')}`,
	].filter(Boolean).join('; ');
}
