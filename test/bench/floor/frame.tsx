/*
The floor of the TUI's first frame (readme.md beside it): Ink drawing the seven section titles in a round border, as
the sections screen does, through dockwarden's own runUntilExit. The titles are written out here: the catalogue that
holds them would bring every check with it.
*/
import {Box, Text, useApp, useInput} from 'ink';
import {runUntilExit} from '../../../source/ui/app/run-until-exit.js';

export {onFirstFrame} from '../../../source/startup/first-frame.js';

const titles = ['Host Configuration', 'Docker daemon configuration', 'Docker daemon configuration files', 'Container Images and Build File', 'Container Runtime', 'Docker Security Operations', 'Docker Swarm Configuration'];

function Floor() {
	const {exit} = useApp();
	useInput(input => {
		if (input === 'q') {
			exit();
		}
	});
	return (
		<Box flexDirection="column" borderStyle="round">
			{titles.map(title => <Text key={title}>{title}</Text>)}
		</Box>
	);
}

export function endsInTui(): boolean {
	return true;
}

export async function main(): Promise<number> {
	await runUntilExit(<Floor/>);
	return 0;
}
