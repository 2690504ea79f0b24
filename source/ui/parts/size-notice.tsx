import {Text} from 'ink';

type Props = {
	readonly text: string;
};

/** The line at the very top of a terminal smaller than 80x24: it still works, but says it is best larger. */
export default function SizeNotice({text}: Props) {
	return <Text color="yellow" wrap="truncate">{text}</Text>;
}
