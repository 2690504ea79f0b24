import {Box, Text} from 'ink';
import {shortTime} from './journal-lines.js';
import {windowStart} from '../../parts/scroll.js';
import type {ScreenContext} from '../transition.js';
import {journalRow, type JournalState} from './state.js';
import {screenText} from '../../parts/wrap-text.js';

type Props = {
	readonly state: JournalState;
	readonly context: ScreenContext;
};

/** The longest the checks column of the journal gets before it is cut. */
const maxIdsWidth = 24;

function cut(text: string, width: number): string {
	return text.length <= width ? text.padEnd(width) : `${text.slice(0, width - 1)}…`;
}

/**
The journal of applied fixes, newest first: local time, checks, `undone`, title; scrolled to keep the selection in view.
A journal file is host text: its checks, title and the error reading it are made safe (screenText) on one line.
*/
export default function JournalView({state, context}: Props) {
	const entries = state.entries ?? [];
	if (state.entries === undefined || entries.length === 0) {
		const text = state.error === undefined
			? (state.entries === undefined ? 'Reading the journal…' : 'The journal is empty: no fix has been applied yet.')
			: `Cannot read the journal: ${screenText(state.error, false)}`;
		return <Text dimColor={state.error === undefined} color={state.error === undefined ? undefined : 'red'} wrap="truncate">{text}</Text>;
	}

	const row = journalRow(state);
	const start = windowStart(row, entries.length, context.height);
	const idsWidth = Math.min(maxIdsWidth, Math.max(...entries.map(entry => screenText(entry.checkIds.join(', '), false).length)));
	const anyUndone = entries.some(entry => entry.undoneAt !== undefined);
	return (
		<Box flexDirection="column">
			{entries.slice(start, start + context.height).map((entry, index) => {
				const selected = start + index === row;
				const undone = entry.undoneAt !== undefined;
				return (
					<Text key={entry.id} wrap="truncate">
						<Text color="cyan" bold>{selected ? '› ' : '  '}</Text>
						<Text dimColor={undone}>{shortTime(entry.time)}  {cut(screenText(entry.checkIds.join(', '), false), idsWidth)}  </Text>
						{anyUndone ? <Text color="yellow">{undone ? 'undone  ' : '        '}</Text> : ''}
						<Text bold={selected} color={selected ? 'cyan' : undefined} dimColor={undone && !selected}>{screenText(entry.title, false)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
