import {Text} from 'ink';
import TextField from './text-field.js';
import type {FilterState} from './use-filter-state.js';

type Props = {
	readonly filter: FilterState;
	/** How many checks the list shows, and of how many. */
	readonly matches: number;
	readonly total: number;
	readonly width: number;
};

/** The one-line filter at the bottom of a list of checks: the input with its cursor while open, else the filter kept. */
export default function FilterLine({filter, matches, total, width}: Props) {
	const count = `  ${matches} of ${total}`;
	if (!filter.open) {
		return (
			<Text wrap="truncate">
				<Text color="cyan">/ {filter.text}</Text>
				<Text dimColor>{count}  (/ edit, esc clear)</Text>
			</Text>
		);
	}

	return (
		<Text wrap="truncate">
			<Text color="cyan" bold>/ </Text>
			<TextField value={filter.text} focused width={Math.max(1, width - 2 - count.length)} placeholder="id or title words" />
			<Text dimColor>{count}</Text>
		</Text>
	);
}
