/*
The floor of an audit (readme.md beside it): what every audit asks of the host, through dockwarden's own wrappers of
dockerode and execa, asked in the order the host's fact source asks it (dockerd first), and nothing else.
*/
import {connectDocker} from '../../../source/host/docker-api.js';
import {exec} from '../../../source/host/exec.js';
import {dockerHost} from './docker-host.js';

export {onFirstFrame} from '../../../source/startup/first-frame.js';

export function endsInTui(): boolean {
	return false;
}

export async function main(argv: readonly string[]): Promise<number> {
	const client = await connectDocker(dockerHost(argv));
	const answers = await Promise.all([client.info(), client.listContainers({all: true}), client.listImages(), exec(['auditctl', '-l']), exec(['auditctl', '-s'])]);
	process.stdout.write(`${JSON.stringify(answers)}\n`);
	return 0;
}
