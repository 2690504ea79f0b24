import {Box, Text} from 'ink';
import type {PlanLine} from '../../../fixes/describe-plan.js';
import {confirmLines} from './confirm-lines.js';
import {confirmPrompt, confirmQuestion} from '../fix-origin.js';
import type {ScreenContext} from '../transition.js';
import {confirmScroll, confirmViewport, type ConfirmState} from './state.js';

type Props = {
	readonly state: ConfirmState;
	readonly context: ScreenContext;
};

const lineColor: Partial<Record<PlanLine['kind'], string>> = {
	'diff-add': 'green',
	'diff-remove': 'red',
	'diff-header': 'cyan',
	warning: 'yellow',
};

/** The whole plan of a fix or an undo (commands, diffs, warnings), scrolled, above the `Apply? [y/N]` (`Undo? [y/N]`) prompt. */
export default function ConfirmView({state, context}: Props) {
	const lines = confirmLines(state.plan, context.width);
	const height = confirmViewport(context);
	const scroll = confirmScroll(state, context);
	const more = lines.length > height ? `  (lines ${scroll + 1}-${Math.min(lines.length, scroll + height)} of ${lines.length}: ↑↓ scroll)` : '';
	return (
		<Box flexDirection="column">
			<Text bold color="yellow" wrap="truncate">{confirmQuestion(state.origin, state.plan)}</Text>
			<Box flexDirection="column" height={height}>
				{lines.slice(scroll, scroll + height).map((line, index) => (
					<Text
						key={scroll + index}
						wrap="truncate"
						bold={line.kind === 'command' || line.kind === 'heading'}
						color={lineColor[line.kind]}
						dimColor={line.kind === 'diff-context'}
					>
						{line.text}
					</Text>
				))}
			</Box>
			<Text wrap="truncate"><Text bold>{confirmPrompt(state.origin, state.plan)}</Text><Text dimColor>{more}</Text></Text>
		</Box>
	);
}
