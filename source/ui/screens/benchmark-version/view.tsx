import {Box, Text} from 'ink';
import {newestBenchmark, type BenchmarkVersion} from '../../../model/benchmark-versions.js';
import ChoiceList from '../../parts/choice-list.js';
import type {ScreenContext} from '../transition.js';
import {offeredVersions, versionNotes, type BenchmarkVersionState} from './state.js';

type Props = {
	readonly state: BenchmarkVersionState;
	readonly context: ScreenContext;
};

/** A version's line: `v1.8.0  in use, newest  adds 2.7 devicemapper; …`, cut to the width. */
function label(version: BenchmarkVersion, current: BenchmarkVersion, width: number): string {
	const marks = [version === current ? 'in use' : '', version === newestBenchmark ? 'newest' : ''].filter(Boolean).join(', ');
	const line = `v${version}  ${marks.padEnd(14)}${versionNotes[version]}`;
	return line.length <= width - 2 ? line : `${line.slice(0, Math.max(0, width - 3))}…`;
}

/**
The CIS Docker Benchmark versions, newest first, on the house's short list of choices (ink-select-input, see
parts/choice-list.tsx): the highlight is the reducer's, moved by the key table.
*/
export default function BenchmarkVersionView({state, context}: Props) {
	const current = context.benchmark ?? newestBenchmark;
	const choices = offeredVersions.map(version => ({value: version, label: label(version, current, context.width)}));
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">The CIS Docker Benchmark whose ids and titles to show:</Text>
			<Text> </Text>
			<ChoiceList choices={choices} selected={state.cursor} />
			<Text> </Text>
			<Text wrap="truncate" dimColor>Ids and titles change with the version; what has run runs again.</Text>
		</Box>
	);
}
