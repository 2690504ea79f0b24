import {openRemoteHost, fatalOf, type RemoteHost} from '../host/ssh/remote-host.js';
import {sshSettingsFrom} from '../host/ssh/ssh-connection.js';
import type {SshTarget} from '../host/ssh/ssh-target.js';
import type {Fatal} from '../exit-codes.js';
import type {Options} from '../options.js';
import {createSession, type Session, type SessionOptions} from '../session.js';
import {fail, notice} from './output.js';

/** Opens one host of --host over SSH, or says in one line why it cannot be (its own exit code). */
export async function openTarget(parsed: Options, target: SshTarget): Promise<RemoteHost | Fatal> {
	try {
		return await openRemoteHost(target, {root: parsed.root, dockerHost: parsed.remoteDockerHost, settings: sshSettingsFrom(process.env)});
	} catch (error) {
		const fatal = fatalOf(error);
		if (fatal) {
			return fatal;
		}

		throw error;
	}
}

/** A session over a host reached over SSH, with the options of the command line (its --root and Docker host are the target's). */
export function remoteSession(options: SessionOptions, host: RemoteHost): Session {
	return createSession({...options, root: host.access.fs.root, dockerHost: host.access.options.dockerHost}, host.access);
}

/**
Runs one command (the TUI, a report, fix, undo, journal) against the host of --host: opens the connection, runs, closes
it. A connection lost half-way ends the run at once with one line and its exit code: what the target holds is what it
held before the interrupted step (every write there is whole or absent), and nothing more can be asked of it.
*/
export async function runOnRemote(parsed: Options, options: SessionOptions, run: (session: Session) => Promise<number>): Promise<number> {
	const host = await openTarget(parsed, parsed.hosts[0]!);
	if ('message' in host) {
		return fail(host);
	}

	host.connection.onLost(fatal => {
		// At once: the reads still in flight fail with this error too, and nothing half-gathered may be reported.
		// The master went with the connection; the private directory is removed at exit.
		process.exit(fail(fatal));
	});
	if (host.notice) {
		notice(host.notice);
	}

	try {
		return await run(remoteSession(options, host));
	} finally {
		await host.close();
	}
}
