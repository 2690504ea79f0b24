import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import {newestBenchmark, type BenchmarkVersion} from '../../../model/benchmark-versions.js';
import type {ScreenContext} from '../transition.js';
import {offeredVersions, versionNotes, type BenchmarkVersionState} from './state.js';

type Props = {
	readonly state: BenchmarkVersionState;
	readonly context: ScreenContext;
};

type ItemProps = {
	readonly isSelected?: boolean;
	readonly label: string;
};

/** The house's selection mark: a cyan `›`, as on the sections and checks lists. */
function Indicator({isSelected = false}: {readonly isSelected?: boolean}) {
	return <Text color="cyan" bold>{isSelected ? '› ' : '  '}</Text>;
}

/** One version, highlighted as the lists highlight (bold cyan), cut to the line. */
function Item({isSelected = false, label}: ItemProps) {
	return <Text wrap="truncate" bold={isSelected} color={isSelected ? 'cyan' : undefined}>{label}</Text>;
}

/** A version's line: `v1.8.0  in use, newest  adds 2.7 devicemapper; …`, cut to the width. */
function label(version: BenchmarkVersion, current: BenchmarkVersion, width: number): string {
	const marks = [version === current ? 'in use' : '', version === newestBenchmark ? 'newest' : ''].filter(Boolean).join(', ');
	const line = `v${version}  ${marks.padEnd(14)}${versionNotes[version]}`;
	return line.length <= width - 2 ? line : `${line.slice(0, Math.max(0, width - 3))}…`;
}

/**
The CIS Docker Benchmark versions, newest first, drawn by ink-select-input with the house's indicator and colours. The
highlight is the reducer's (`initialIndex`, remounted on each move): ink-select-input's own key handling closes over its
state and drops keys that arrive together, so it is not focused and the key table moves it instead.
*/
export default function BenchmarkVersionView({state, context}: Props) {
	const current = context.benchmark ?? newestBenchmark;
	const items = offeredVersions.map(version => ({key: version, value: version, label: label(version, current, context.width)}));
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">The CIS Docker Benchmark whose ids and titles to show:</Text>
			<Text> </Text>
			<SelectInput key={state.cursor} items={items} initialIndex={state.cursor} isFocused={false} indicatorComponent={Indicator} itemComponent={Item} />
			<Text> </Text>
			<Text wrap="truncate" dimColor>Ids and titles change with the version; what has run runs again.</Text>
		</Box>
	);
}
