/*
The floor of an audit without the stack's libraries (readme.md beside it): the same asks as audit.ts, with Node.js's own
http and child_process in place of dockerode and execa, to show what those two cost at start.
*/
import {execFile} from 'node:child_process';
import http from 'node:http';
import {dockerHost} from './docker-host.js';

export {onFirstFrame} from '../../../source/startup/first-frame.js';

export function endsInTui(): boolean {
	return false;
}

async function get(socketPath: string, path: string): Promise<unknown> {
	return new Promise((resolve, reject) => {
		http.get({socketPath, path}, response => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				body += chunk;
			});
			response.on('end', () => {
				resolve(JSON.parse(body));
			});
		}).on('error', reject);
	});
}

async function run(argv: readonly string[]): Promise<string> {
	return new Promise(resolve => {
		execFile(argv[0]!, argv.slice(1), {env: {...process.env, LC_ALL: 'C'}}, (_error, stdout) => {
			resolve(stdout);
		});
	});
}

export async function main(argv: readonly string[]): Promise<number> {
	const socket = dockerHost(argv).replace(/^unix:\/\//, '');
	const answers = await Promise.all([get(socket, '/info'), get(socket, '/containers/json?all=1'), get(socket, '/images/json'), run(['auditctl', '-l']), run(['auditctl', '-s'])]);
	process.stdout.write(`${JSON.stringify(answers)}\n`);
	return 0;
}
