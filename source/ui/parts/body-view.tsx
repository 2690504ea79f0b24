import {Box} from 'ink';
import type {BodyLine} from './body-line.js';
import BodyLineView from './body-line-view.js';

type Props = {
	readonly lines: readonly BodyLine[];
	/** First line shown. */
	readonly scroll: number;
	readonly height: number;
};

/** A scrolled window of a text body: `height` lines from `scroll`. */
export default function BodyView({lines, scroll, height}: Props) {
	return (
		<Box flexDirection="column">
			{lines.slice(scroll, scroll + height).map((line, index) => (
				<BodyLineView key={scroll + index} line={line} />
			))}
		</Box>
	);
}
