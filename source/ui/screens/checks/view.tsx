import {Box, Text} from 'ink';
import {filterMatch, matchReasonText} from './check-filter.js';
import FilterLine from './filter-line.js';
import {fitTitle} from '../../parts/fit-title.js';
import {windowStart} from '../../parts/scroll.js';
import StatusBadge from '../../parts/status-badge.js';
import type {ScreenContext} from '../transition.js';
import {scopeChecks, selectedRow, visibleChecks, type ChecksState} from './state.js';
import {filterShown} from './filter-state.js';
import {wrapText} from '../../parts/wrap-text.js';

type Props = {
	readonly state: ChecksState;
	readonly context: ScreenContext;
};

/** The most lines a refused merged fix takes under the list. */
const maxRefusalLines = 3;

function emptyText(state: ChecksState): string {
	if (filterShown(state.filter) && state.filter.text.trim() !== '') {
		return `No ${state.warnOnly ? 'WARN' : 'check'} matches "${state.filter.text.trim()}": esc clears the filter.`;
	}

	const where = state.section === undefined ? 'among the checks' : 'in this section';
	return state.warnOnly ? `No WARN ${where}: w shows every check.` : `No checks ${where}.`;
}

/**
A list of checks (a section's, or the matches of a search), `[STATUS] id title`, scrolled to keep the selection in
view. While checks are selected for one merged fix, each row starts with `[x]` (selected) or `[ ]` (can be selected);
a refused merged fix is shown under the list, and the filter (`/`) on the last line.
*/
export default function ChecksView({state, context}: Props) {
	const visible = visibleChecks(state, context);
	const shown = visible[selectedRow(state, visible)];
	const reason = shown && matchReasonText(filterMatch(shown, state.filter.text, context.results[shown.id]));
	const filterLine = filterShown(state.filter)
		? <FilterLine filter={state.filter} matches={visible.length} total={scopeChecks(state, context).length} width={context.width} reason={reason} />
		: undefined;
	const listHeight = Math.max(1, context.height - (filterLine ? 1 : 0));
	if (visible.length === 0) {
		return (
			<Box flexDirection="column" height={context.height}>
				<Box flexDirection="column" height={listHeight}>
					<Text dimColor wrap="truncate">{emptyText(state)}</Text>
				</Box>
				{filterLine}
			</Box>
		);
	}

	const refusal = state.refusal === undefined
		? []
		: wrapText(`Cannot fix ${state.selection.join(', ')} together: ${state.refusal}`, context.width).slice(0, Math.min(maxRefusalLines, listHeight - 1));
	const height = Math.max(1, listHeight - refusal.length);
	const row = selectedRow(state, visible);
	const start = windowStart(row, visible.length, height);
	const idWidth = Math.max(...visible.map(check => check.id.length));
	const marking = state.selection.length > 0;
	// The selection arrow, the [x] mark, the [STATUS] badge, the id and the spaces around them.
	const titleWidth = context.width - 2 - (marking ? 4 : 0) - 6 - 1 - idWidth - 2;
	return (
		<Box flexDirection="column" height={filterLine ? context.height : undefined}>
			<Box flexDirection="column" height={filterLine ? listHeight : undefined}>
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
							<Text bold={selected} color={selected ? 'cyan' : undefined}> {check.id.padEnd(idWidth)}  {fitTitle(check.title, titleWidth)}</Text>
						</Text>
					);
				})}
				{refusal.map((line, index) => (
					<Text key={`refusal-${index}`} color="yellow" wrap="truncate">{line}</Text>
				))}
			</Box>
			{filterLine}
		</Box>
	);
}
