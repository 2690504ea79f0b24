import {Box, Text} from 'ink';
import {helpLines} from '../keys.js';
import {clamp, maxOffset} from '../parts/scroll.js';
import type {HelpState} from './help-state.js';

type Props = {
	readonly state: HelpState;
	readonly height: number;
	/** --read-only: the help leaves out fix, undo and waiver. */
	readonly readOnly?: boolean;
	/** In a fleet: the help also has the host list and the way back to it. */
	readonly fleet?: boolean;
};

/** Every key of the key table, grouped by screen, scrolled to fit. */
export default function HelpOverlay({state, height, readOnly = false, fleet = false}: Props) {
	const lines = helpLines(readOnly, fleet);
	const scroll = clamp(state.scroll, 0, maxOffset(lines.length, height));
	return (
		<Box flexDirection="column">
			{lines.slice(scroll, scroll + height).map((line, index) => (
				<Text
					key={scroll + index}
					wrap="truncate"
					bold={line.kind === 'heading'}
					color={line.kind === 'heading' ? 'cyan' : undefined}
				>
					{line.text === '' ? ' ' : line.text}
				</Text>
			))}
		</Box>
	);
}
