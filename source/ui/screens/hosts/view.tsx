import {Box, Text} from 'ink';
import {windowStart} from '../../parts/scroll.js';
import {wrapText} from '../../parts/wrap-text.js';
import type {ScreenContext} from '../transition.js';
import {headerRow, hostRow} from './host-columns.js';
import type {HostsState} from './state.js';

type Props = {
	readonly state: HostsState;
	readonly context: ScreenContext;
};

/** Lines under the list for what the selected host's row cannot hold: why it was not audited, or what its connection said. */
const aboutLines = 3;

/**
The fleet's hosts: each with whether it could be reached (or why not) and its WARN count per section, filling in as the
results arrive; the selected one is marked, and what its row cannot hold (the whole reason) is written under the list.
*/
export default function HostsView({state, context}: Props) {
	const {sections, checks, width} = context;
	const selected = state.hosts[state.cursor];
	const about = selected?.phase === 'failed' ? `${selected.url}: not audited: ${selected.reason ?? '?'}` : (selected?.note === undefined ? undefined : `${selected.url}: ${selected.note}`);
	const aboutText = about === undefined ? [] : wrapText(about, width).slice(0, aboutLines);
	const height = Math.max(1, context.height - 1 - (aboutText.length > 0 ? aboutText.length + 1 : 0));
	const start = windowStart(state.cursor, state.hosts.length, height);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate">{'  '}{headerRow(width - 2, sections)}</Text>
			{state.hosts.slice(start, start + height).map((row, index) => {
				const isSelected = start + index === state.cursor;
				return (
					<Text key={start + index} wrap="truncate">
						<Text color="cyan" bold>{isSelected ? '› ' : '  '}</Text>
						<Text bold={isSelected} color={row.phase === 'failed' ? 'red' : (isSelected ? 'cyan' : undefined)}>{hostRow(row, width - 2, sections, checks)}</Text>
					</Text>
				);
			})}
			{aboutText.length > 0 ? <Text> </Text> : ''}
			{aboutText.map((line, index) => <Text key={`about-${index}`} dimColor wrap="truncate">{line}</Text>)}
		</Box>
	);
}
