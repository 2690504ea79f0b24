import {Box, Text} from 'ink';
import ChoiceList from '../../parts/choice-list.js';
import {screenText, wrapText} from '../../parts/wrap-text.js';
import type {ScreenContext} from '../transition.js';
import {restartOptions} from './choices.js';
import type {RestartChoiceState} from './state.js';

type Props = {
	readonly state: RestartChoiceState;
	readonly context: ScreenContext;
};

/**
Why dockwarden asks (it does not know how to restart this dockerd), the choices, and what the highlighted one does; the
plan it leads to is shown next, on the confirm screen. Fits 80x24: the reason and the description are cut to their lines.
*/
export default function RestartChoiceView({state, context}: Props) {
	const options = restartOptions(state.question);
	const width = context.width;
	const highlighted = options[state.cursor] ?? options[0]!;
	// The choices and their question take options + 2 lines; what is left goes to the reason and the description.
	const spare = Math.max(2, context.height - options.length - 4);
	const reason = wrapText(state.reason, width).slice(0, Math.max(1, Math.floor(spare / 2)));
	const does = wrapText(highlighted.does, width - 2).slice(0, Math.max(1, spare - reason.length));
	return (
		<Box flexDirection="column">
			{reason.map((line, index) => <Text key={`reason-${index}`} wrap="truncate">{line}</Text>)}
			<Text> </Text>
			<Text bold color="yellow" wrap="truncate">{state.question.work === 'fix' ? 'How should this fix take effect?' : 'How should this undo take effect?'}</Text>
			<ChoiceList choices={options.map(option => ({...option, label: screenText(option.label, false)}))} selected={state.cursor} />
			<Text> </Text>
			{does.map((line, index) => <Text key={`does-${index}`} dimColor wrap="truncate">  {line}</Text>)}
			{state.refusal === undefined ? '' : <Text color="red" wrap="truncate">{screenText(`refused: ${state.refusal}`, false)}</Text>}
		</Box>
	);
}
