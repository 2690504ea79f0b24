import {Text} from 'ink';
import {hintLine, type InputMode} from './keys.js';

type Props = {
	readonly mode: InputMode;
	readonly width: number;
};

/** The key hints of the current screen, from the key table, always on the bottom line. */
export default function HintLine({mode, width}: Props) {
	return <Text dimColor wrap="truncate">{hintLine(mode, width)}</Text>;
}
