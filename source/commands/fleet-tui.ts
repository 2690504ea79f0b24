import {SshError} from '../host/ssh/ssh-connection.js';
import type {RemoteHost} from '../host/ssh/remote-host.js';
import {mapConcurrent} from '../host/concurrency.js';
import type {Options} from '../options.js';
import {sessionChanged} from '../report/session-record.js';
import {createServices, type SessionOptions} from '../session.js';
import {sections} from '../benchmark/catalogue.js';
import {safeText} from '../text/safe-text.js';
import type {FleetServices} from '../ui/services.js';
import {endSession} from './session-end.js';
import {fleetConcurrency} from './fleet.js';
import {write} from './output.js';
import {openTarget, remoteSession} from './remote.js';

/** A host's one-line error without the URL it starts with: the host list names the host in its own column. */
function withoutUrl(message: string, url: string): string {
	return message.startsWith(`${url}: `) ? message.slice(url.length + 2) : message;
}

/**
The audit of a fleet for its host list: every host opened over SSH and audited with the checks of the command line, at
most `fleetConcurrency` at a time, each step reported as it goes. A host that cannot be reached, or whose connection is
lost, is reported failed with its one line and does not stop the others. The connections stay open for the host's app
until `close`.
*/
export function fleetServices(parsed: Options, options: SessionOptions): FleetServices & {close(): Promise<void>} {
	const opened: RemoteHost[] = [];
	return {
		sections,
		checks: parsed.checks,
		hosts: parsed.hosts.map(target => target.url),
		async audit(onEvent, signal) {
			await mapConcurrent(parsed.hosts.map((target, index) => ({target, index})), fleetConcurrency, async ({target, index}) => {
				if (signal.aborted) {
					return;
				}

				onEvent({type: 'connecting', index});
				const host = await openTarget(parsed, target);
				if ('message' in host) {
					onEvent({type: 'failed', index, reason: withoutUrl(host.message, target.url)});
					return;
				}

				opened.push(host);
				let lost = false;
				host.connection.onLost(fatal => {
					lost = true;
					onEvent({type: 'failed', index, reason: withoutUrl(fatal.message, target.url)});
				});
				const session = remoteSession(options, host);
				const services = await createServices(session, parsed.checks);
				onEvent({type: 'connected', index, services, ...(host.notice === undefined ? {} : {note: host.notice})});
				try {
					await session.run(parsed.checks.map(check => check.id), result => {
						onEvent({type: 'result', index, result});
					}, signal);
					if (!lost && !signal.aborted) {
						onEvent({type: 'audited', index});
					}
				} catch (error) {
					if (!lost && !signal.aborted) {
						onEvent({type: 'failed', index, reason: error instanceof Error ? error.message : String(error)});
					}
				}
			});
		},
		async close() {
			await Promise.all(opened.splice(0).map(async host => host.close()));
		},
	};
}

/**
Several --host in a terminal: the TUI opens on the host list of the fleet. When it ends, the summary of every host the
operator changed anything on, each under its URL.
*/
export async function runFleetTui(parsed: Options, options: SessionOptions): Promise<number> {
	const fleet = fleetServices(parsed, options);
	// A lost connection fails the reads of its host still in flight; its row says so, the others go on.
	const ignoreLost = (reason: unknown) => {
		if (!(reason instanceof SshError)) {
			throw reason;
		}
	};

	process.on('unhandledRejection', ignoreLost);
	try {
		const {renderFleet} = await import('../ui/app/render-fleet.js');
		const {code, records} = await renderFleet(fleet, parsed.readOnly);
		let exit = code;
		for (const {url, record} of records) {
			if (sessionChanged(record)) {
				write(`${safeText(url)}:\n`);
			}

			// eslint-disable-next-line no-await-in-loop -- one host's summary after the other
			exit = await endSession({...parsed, summaryFile: undefined}, record, exit);
		}

		return exit;
	} finally {
		await fleet.close();
		process.off('unhandledRejection', ignoreLost);
	}
}
