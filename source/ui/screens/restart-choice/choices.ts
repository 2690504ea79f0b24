import type {RestartQuestion} from '../../../model/plan.js';
import type {Choice} from '../../parts/choice-list.js';

/** What the operator can answer when dockwarden does not know how to restart dockerd. */
export type RestartChoiceValue = 'command' | 'later' | 'cancel';

/** A choice with what it does, in words the plan shown next bears out. */
export type RestartOption = Choice<RestartChoiceValue> & {
	/** Exactly what taking it does. */
	readonly does: string;
};

/**
The choices for a question, in order: restart with the --restart-command (when one was given), write now and restart
later, cancel. Each says what it does; the plan the first two lead to is shown before anything is written.
*/
export function restartOptions(question: RestartQuestion): RestartOption[] {
	const file = question.work === 'fix' ? 'daemon.json' : 'the files';
	const options: RestartOption[] = [];
	if (question.command !== undefined) {
		options.push({
			value: 'command',
			label: `Restart with your --restart-command: ${question.command}`,
			does: `Writes ${file}, then runs sh -c '${question.command}' to restart dockerd, waits for the API and runs the check again; if dockerd does not come back, the old file is restored and the command run again.`,
		});
	}

	options.push(
		question.work === 'fix'
			? {
				value: 'later',
				label: 'Write daemon.json now, restart dockerd yourself later',
				does: 'Writes daemon.json (backed up and journalled, so it can be undone) and restarts nothing: running containers go on, and the daemon keeps its current settings until you restart it yourself (a check judged on the running daemon stays WARN, pending, until then).',
			}
			: {
				value: 'later',
				label: 'Restore the files now, restart dockerd yourself later',
				does: 'Restores the files this fix wrote and restarts nothing: dockerd keeps the fix\'s setting until you restart it yourself.',
			},
		{value: 'cancel', label: 'Cancel: nothing is written', does: 'Goes back; nothing is written and nothing is restarted.'},
	);
	return options;
}
