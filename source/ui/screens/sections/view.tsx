import {Box, Text} from 'ink';
import {windowStart} from '../../parts/scroll.js';
import StatusCounts from '../../parts/status-counts.js';
import {sectionCheckIds, type ScreenContext} from '../transition.js';
import type {SectionsState} from './state.js';

/** A title in a column of `width`: padded, or cut with `…` so that two spaces always follow it. */
function column(title: string, width: number): string {
	return (title.length <= width - 2 ? title : `${title.slice(0, Math.max(0, width - 3))}…`).padEnd(width);
}

type Props = {
	readonly state: SectionsState;
	readonly context: ScreenContext;
};

/** The seven CIS sections with their counts once run; the selected one is marked. */
export default function SectionsView({state, context}: Props) {
	const {sections, checks, results, pending, height, width} = context;
	const titleWidth = Math.min(Math.max(...sections.map(section => section.title.length), 0) + 2, Math.max(10, width - 36));
	const start = windowStart(state.cursor, sections.length, height);
	return (
		<Box flexDirection="column">
			{sections.slice(start, start + height).map((section, index) => {
				const selected = start + index === state.cursor;
				const ids = sectionCheckIds(checks, section.id);
				const running = ids.some(id => pending[id] !== undefined);
				return (
					<Text key={section.id} wrap="truncate">
						<Text color="cyan" bold>{selected ? '› ' : '  '}</Text>
						<Text bold={selected} color={selected ? 'cyan' : undefined}>{section.id}  {column(section.title, titleWidth)}</Text>
						<StatusCounts ids={ids} results={results} />
						{running ? <Text color="cyan">  …</Text> : ''}
					</Text>
				);
			})}
		</Box>
	);
}
