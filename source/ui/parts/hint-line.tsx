import {Text} from 'ink';
import {hintLine, type InputMode} from '../keys.js';

type Props = {
	readonly mode: InputMode;
	readonly width: number;
	/** --read-only: the hints leave out fix, undo and waiver. */
	readonly readOnly?: boolean;
	/** One host of a fleet: the hints include the way back to the host list. */
	readonly fleet?: boolean;
};

/** The key hints of the current screen, from the key table, always on the bottom line. */
export default function HintLine({mode, width, readOnly = false, fleet = false}: Props) {
	return <Text dimColor wrap="truncate">{hintLine(mode, width, readOnly, fleet)}</Text>;
}
