import {Text} from 'ink';
import Spinner from './spinner.js';
import {screenText} from './wrap-text.js';

type Props = {
	/** What is in progress (e.g. `3/17 checks`): shown after a spinner. */
	readonly busy?: string;
	/** What lasts on the shown screen, e.g. `2 selected (f fix, c clear)`; shown after the notice, which answers the last key. */
	readonly info?: string;
	/** A one-line message for the operator. */
	readonly notice?: string;
};

/**
The line under the header: a spinner with progress while work runs, what lasts on the screen, and the latest message.
Each is made safe on one line (screenText): a notice often quotes an error, a path or a daemon's answer.
*/
export default function StatusLine({busy, info, notice}: Props) {
	const gap = (before: boolean) => before ? '   ' : '';
	return (
		<Text wrap="truncate">
			{busy === undefined ? ' ' : <><Spinner /> {screenText(busy, false)}</>}
			{notice === undefined ? '' : <Text color="yellow">{gap(busy !== undefined)}{screenText(notice, false)}</Text>}
			{info === undefined ? '' : <Text color="cyan">{gap(busy !== undefined || notice !== undefined)}{screenText(info, false)}</Text>}
		</Text>
	);
}
