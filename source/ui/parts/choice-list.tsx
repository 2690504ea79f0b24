import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';

/** One choice of a short list: what it says, and the value the screen's reducer knows it by. */
export type Choice<V extends string> = {
	readonly value: V;
	readonly label: string;
};

type Props<V extends string> = {
	readonly choices: ReadonlyArray<Choice<V>>;
	/** The highlighted choice's index, held by the screen's reducer. */
	readonly selected: number;
};

type IndicatorProps = {readonly isSelected?: boolean};

/** The house's marker of the highlighted row, as on the section list: `›` (text, so it reads without colour). */
function ChoiceIndicator({isSelected = false}: IndicatorProps) {
	return <Text color="cyan" bold>{isSelected ? '› ' : '  '}</Text>;
}

type ItemProps = {readonly isSelected?: boolean; readonly label: string};

/** A choice's label on one line, bold and cyan when highlighted, cut at the width of the terminal. */
function ChoiceItem({isSelected = false, label}: ItemProps) {
	return (
		<Box flexGrow={1}>
			<Text wrap="truncate" bold={isSelected} color={isSelected ? 'cyan' : undefined}>{label}</Text>
		</Box>
	);
}

/**
A short list of choices (how to restart a dockerd, a benchmark version), drawn by ink-select-input in the house's style.
The highlighted row is the screen's state, moved by the key table's actions in its reducer: ink-select-input's own input
handler is never focused, since it reads only single keys (a chunk `jj` moves nothing), computes each move from the state
it closed over (two quick keys move one row) and bypasses the key table that writes the help.
*/
export default function ChoiceList<V extends string>({choices, selected}: Props<V>) {
	return (
		<SelectInput
			// A new highlighted row is a new list for ink-select-input, which takes the highlight only as it mounts.
			key={selected}
			items={choices.map(choice => ({key: choice.value, label: choice.label, value: choice.value}))}
			initialIndex={selected}
			isFocused={false}
			indicatorComponent={ChoiceIndicator}
			itemComponent={ChoiceItem}
		/>
	);
}
