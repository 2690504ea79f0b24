import {Text} from 'ink';
import TextField, {fieldHead} from '../../parts/text-field.js';
import type {FilterState} from './filter-state.js';

type Props = {
	readonly filter: FilterState;
	/** How many checks the list shows, and of how many. */
	readonly matches: number;
	readonly total: number;
	readonly width: number;
	/** Why the selected check matched, when its id and title did not: `matches: userns-remap`. */
	readonly reason?: string;
};

/** The fewest columns worth giving to the reason of a match; with fewer, it is left out. */
const minReason = 12;

const length = (text: string) => [...text].length;

/** The reason of a match, after two spaces, cut with `…` to `columns`; empty when it does not fit or there is none. */
export function reasonPart(reason: string | undefined, columns: number): string {
	if (reason === undefined || columns < minReason) {
		return '';
	}

	return `  ${fieldHead(reason, columns - 2)}`;
}

/**
The one-line filter at the bottom of a list of checks: the input with its cursor while open, else the filter kept; the
count of matches; and why the selected check matched when it was not by its id or title words. Never wider than `width`.
*/
export default function FilterLine({filter, matches, total, width, reason}: Props) {
	const count = `  ${matches} of ${total}`;
	if (!filter.open) {
		const hint = '  (/ edit, esc clear)';
		const room = width - length(`/ ${filter.text}`) - length(count);
		const why = reasonPart(reason, room - (room - length(hint) >= minReason ? length(hint) : 0));
		return (
			<Text wrap="truncate">
				<Text color="cyan">/ {filter.text}</Text>
				<Text dimColor>{count}</Text>
				{why === '' ? '' : <Text color="yellow">{why}</Text>}
				<Text dimColor>{why === '' || room - length(why) >= length(hint) ? hint : ''}</Text>
			</Text>
		);
	}

	const fieldRoom = width - 2 - length(count);
	const why = reasonPart(reason, fieldRoom - length(filter.text) - 1);
	return (
		<Text wrap="truncate">
			<Text color="cyan" bold>/ </Text>
			<TextField value={filter.text} focused width={Math.max(1, fieldRoom - length(why))} placeholder="id, title, flag, key, path or name" />
			<Text dimColor>{count}</Text>
			{why === '' ? '' : <Text color="yellow">{why}</Text>}
		</Text>
	);
}
