import {Text} from 'ink';
import Spinner from './spinner.js';

type Props = {
	/** What is in progress (e.g. `3/17 checks`): shown after a spinner. */
	readonly busy?: string;
	/** A one-line message for the operator. */
	readonly notice?: string;
};

/** The line under the header: a spinner with progress while work runs, and the latest message. */
export default function StatusLine({busy, notice}: Props) {
	return (
		<Text wrap="truncate">
			{busy === undefined ? ' ' : <><Spinner /> {busy}</>}
			{notice === undefined ? '' : <Text color="yellow">{busy === undefined ? '' : '   '}{notice}</Text>}
		</Text>
	);
}
