import {setTimeout as delay} from 'node:timers/promises';
import type Dockerode from 'dockerode';
import type {DockerInfo} from '../model/facts.js';
import {apiError} from './docker-api.js';

/**
Waits until the Docker API answers again and, if asked, until `docker info` shows a security option (e.g. `name=userns`).
*/
export async function waitForDaemon(client: Dockerode, options: {timeoutMs: number; expectSecurityOption?: string}): Promise<{ok: true} | {ok: false; reason: string}> {
	const deadline = Date.now() + options.timeoutMs;
	let last = 'no answer yet';
	while (Date.now() < deadline) {
		try {
			// eslint-disable-next-line no-await-in-loop -- polls until the deadline: each try asks the daemon as it is now
			const info = await client.info() as DockerInfo;
			if (!options.expectSecurityOption || info.SecurityOptions?.includes(options.expectSecurityOption)) {
				return {ok: true};
			}

			return {ok: false, reason: `the daemon is back but docker info does not show ${options.expectSecurityOption} (security options: ${info.SecurityOptions?.join(', ') || 'none'})`};
		} catch (error) {
			last = apiError(error);
		}

		// eslint-disable-next-line no-await-in-loop -- the pause between two polls
		await delay(250);
	}

	return {ok: false, reason: `the Docker daemon did not answer within ${Math.round(options.timeoutMs / 1000)} s after the restart (${last})`};
}
