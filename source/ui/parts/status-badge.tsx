import {Text} from 'ink';
import type {Status} from '../../benchmark/types.js';
import {statusColor, statusLabel} from './status-style.js';

type Props = {
	/** Absent until the check has run. */
	readonly status?: Status;
	/** The check is queued or running. */
	readonly pending?: boolean;
};

/** A check's status as a fixed-width badge: `[PASS]`, `[WARN]`, …, `[ .. ]` while running, `[ -- ]` before it has run. */
export default function StatusBadge({status, pending = false}: Props) {
	if (pending) {
		return <Text color="cyan">[ .. ]</Text>;
	}

	if (status === undefined) {
		return <Text dimColor>[ -- ]</Text>;
	}

	return <Text bold color={statusColor[status]}>[{statusLabel[status]}]</Text>;
}
