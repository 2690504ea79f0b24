import {Text} from 'ink';
import type {Result, Status} from '../../benchmark/types.js';
import {statusColor, statusOrder, statusWord} from './status-style.js';

type Props = {
	readonly ids: readonly string[];
	readonly results: Readonly<Record<string, Result>>;
};

/** How many results of each status these checks have. */
export function countStatuses(ids: readonly string[], results: Readonly<Record<string, Result>>): Record<Status, number> {
	const counts: Record<Status, number> = {pass: 0, warn: 0, info: 0, note: 0, skip: 0, error: 0, waived: 0};
	for (const id of ids) {
		const result = results[id];
		if (result) {
			counts[result.status]++;
		}
	}

	return counts;
}

/** Counts of a group of checks, `3 pass  12 warn  2 skip`: pass and warn always, the others when there are any; `17 checks` before any has run. */
export default function StatusCounts({ids, results}: Props) {
	const counts = countStatuses(ids, results);
	const run = statusOrder.reduce((sum, status) => sum + counts[status], 0);
	if (run === 0) {
		return <Text dimColor>{ids.length} {ids.length === 1 ? 'check' : 'checks'}</Text>;
	}

	const shown = statusOrder.filter(status => status === 'pass' || status === 'warn' || counts[status] > 0);
	return (
		<Text>
			{shown.map((status, index) => (
				<Text key={status} color={counts[status] > 0 ? statusColor[status] : undefined} dimColor={counts[status] === 0}>
					{index > 0 ? '  ' : ''}{counts[status]} {statusWord[status]}
				</Text>
			))}
			{run < ids.length ? <Text dimColor>  ({run}/{ids.length})</Text> : ''}
		</Text>
	);
}
