import {Box, Text} from 'ink';
import {windowStart} from './scroll.js';
import StatusBadge from './status-badge.js';
import type {ScreenContext} from './transition.js';
import {selectedRow, visibleChecks, type ChecksState} from './use-checks-state.js';

type Props = {
	readonly state: ChecksState;
	readonly context: ScreenContext;
};

/** The checks of a section, `[STATUS] id title`, scrolled to keep the selection in view. */
export default function ChecksView({state, context}: Props) {
	const visible = visibleChecks(state, context);
	if (visible.length === 0) {
		return <Text dimColor>{state.warnOnly ? 'No WARN in this section: w shows every check.' : 'No checks in this section.'}</Text>;
	}

	const row = selectedRow(state, visible);
	const start = windowStart(row, visible.length, context.height);
	const idWidth = Math.max(...visible.map(check => check.id.length));
	return (
		<Box flexDirection="column">
			{visible.slice(start, start + context.height).map((check, index) => {
				const selected = start + index === row;
				const result = context.results[check.id];
				return (
					<Text key={check.id} wrap="truncate">
						<Text color="cyan" bold>{selected ? '› ' : '  '}</Text>
						<StatusBadge status={result?.status} pending={context.pending[check.id] !== undefined} />
						<Text bold={selected} color={selected ? 'cyan' : undefined}> {check.id.padEnd(idWidth)}  {check.title}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
