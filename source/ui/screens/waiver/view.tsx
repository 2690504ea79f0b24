import {Box, Text} from 'ink';
import Spinner from '../../parts/spinner.js';
import TextField from '../../parts/text-field.js';
import {findCheck, type ScreenContext} from '../transition.js';
import type {WaiverField, WaiverState} from './state.js';
import {wrapText} from '../../parts/wrap-text.js';
import {recordedAsText} from '../detail/detail-lines.js';

type Props = {
	readonly state: WaiverState;
	readonly context: ScreenContext;
};

const labels: Readonly<Record<WaiverField, string>> = {
	reason: 'Reason (required): why is this WARN accepted?',
	expires: 'Expires (optional, YYYY-MM-DD): empty never expires',
};

/**
The waiver form of a WARN: the reason and the expiry day, the field being typed into marked, then why it was not saved
(or that it is being saved) and how to save or cancel. Written for the body's height: the spacing goes first.
*/
export default function WaiverView({state, context}: Props) {
	const check = findCheck(context.checks, state.checkId);
	const previous = context.results[state.checkId]?.waiver;
	const recorded = previous ? recordedAsText(previous) : undefined;
	const fieldWidth = Math.max(1, context.width - 2);
	const field = (name: WaiverField) => (
		<Box key={name} flexDirection="column">
			<Text bold={state.field === name} wrap="truncate">{labels[name]}</Text>
			<Text wrap="truncate">
				<Text color="cyan" bold>{state.field === name ? '› ' : '  '}</Text>
				<TextField value={state[name]} focused={state.field === name && !state.saving} width={fieldWidth} placeholder={name === 'expires' ? 'never' : ''} />
			</Text>
		</Box>
	);
	const roomy = context.height >= 13;
	const fixedLines = 7 + (roomy ? 2 : 0) + (state.saving ? 1 : 0) + (recorded ? 1 : 0);
	const error = state.error === undefined ? [] : wrapText(state.error, context.width).slice(0, Math.max(1, context.height - fixedLines));
	return (
		<Box flexDirection="column">
			<Text bold color="yellow" wrap="truncate">Waive {state.checkId}: accept this WARN, with a reason</Text>
			{check ? <Text dimColor wrap="truncate">  {check.title}</Text> : ''}
			{recorded ? <Text dimColor wrap="truncate">  replaces the waiver {recorded}</Text> : ''}
			{roomy ? <Text> </Text> : ''}
			{field('reason')}
			{field('expires')}
			{roomy ? <Text> </Text> : ''}
			{state.saving ? <Text wrap="truncate"><Spinner /> Saving the waiver…</Text> : ''}
			{error.map((line, index) => (
				<Text key={`error-${index}`} color="red" bold wrap="truncate">{line}</Text>
			))}
			<Text dimColor wrap="truncate">enter on Expires saves · tab other field · esc cancel (nothing written)</Text>
		</Box>
	);
}
