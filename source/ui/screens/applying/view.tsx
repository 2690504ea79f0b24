import {Box, Text} from 'ink';
import {isUndo} from '../fix-origin.js';
import Spinner from '../../parts/spinner.js';
import type {ScreenContext} from '../transition.js';
import type {ApplyingState} from './state.js';
import {screenText} from '../../parts/wrap-text.js';

type Props = {
	readonly state: ApplyingState;
	readonly context: ScreenContext;
};

/** A fix (or an undo) being applied: a spinner, then each step as the engine reports it (the latest ones when they do not all fit), made safe. */
export default function ApplyingView({state, context}: Props) {
	const room = Math.max(0, context.height - 2);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate"><Spinner /> {isUndo(state.origin, state.plan) ? 'Undoing' : 'Applying'}: {screenText(state.plan.title, false)}</Text>
			<Text dimColor wrap="truncate">Do not interrupt: a failing step rolls back the steps already done.</Text>
			{state.steps.slice(-room).map((line, index, shown) => (
				<Text key={state.steps.length - shown.length + index} wrap="truncate">  {screenText(line, false)}</Text>
			))}
		</Box>
	);
}
