import {Box, Text} from 'ink';
import {windowStart} from './scroll.js';
import StatusBadge from './status-badge.js';
import type {ScreenContext} from './transition.js';
import {selectedRow, visibleChecks, type ChecksState} from './use-checks-state.js';
import {wrapText} from './wrap-text.js';

type Props = {
	readonly state: ChecksState;
	readonly context: ScreenContext;
};

/** The most lines a refused merged fix takes under the list. */
const maxRefusalLines = 3;

/**
The checks of a section, `[STATUS] id title`, scrolled to keep the selection in view. While checks are selected for one
merged fix, each row starts with `[x]` (selected) or `[ ]` (can be selected); a refused merged fix is shown under the list.
*/
export default function ChecksView({state, context}: Props) {
	const visible = visibleChecks(state, context);
	if (visible.length === 0) {
		return <Text dimColor>{state.warnOnly ? 'No WARN in this section: w shows every check.' : 'No checks in this section.'}</Text>;
	}

	const refusal = state.refusal === undefined
		? []
		: wrapText(`Cannot fix ${state.selection.join(', ')} together: ${state.refusal}`, context.width).slice(0, maxRefusalLines);
	const height = Math.max(1, context.height - refusal.length);
	const row = selectedRow(state, visible);
	const start = windowStart(row, visible.length, height);
	const idWidth = Math.max(...visible.map(check => check.id.length));
	const marking = state.selection.length > 0;
	return (
		<Box flexDirection="column">
			{visible.slice(start, start + height).map((check, index) => {
				const selected = start + index === row;
				const result = context.results[check.id];
				const pending = context.pending[check.id] !== undefined;
				const marked = state.selection.includes(check.id);
				const mark = marked ? '[x] ' : (result?.fixable && !pending ? '[ ] ' : '    ');
				return (
					<Text key={check.id} wrap="truncate">
						<Text color="cyan" bold>{selected ? '› ' : '  '}</Text>
						{marking ? <Text color={marked ? 'cyan' : undefined} bold={marked} dimColor={!marked}>{mark}</Text> : ''}
						<StatusBadge status={result?.status} pending={pending} />
						<Text bold={selected} color={selected ? 'cyan' : undefined}> {check.id.padEnd(idWidth)}  {check.title}</Text>
					</Text>
				);
			})}
			{refusal.map((line, index) => (
				<Text key={`refusal-${index}`} color="yellow" wrap="truncate">{line}</Text>
			))}
		</Box>
	);
}
