import fs from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

/** Waits until `file` exists, looking every 50 ms: true once it does, false when `timeoutMs` passed first. */
export async function waitForFile(file: string, timeoutMs = 10_000): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!fs.existsSync(file)) {
		if (Date.now() >= deadline) {
			return false;
		}

		await delay(50);
	}

	return true;
}
