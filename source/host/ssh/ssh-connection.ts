import {spawnSync} from 'node:child_process';
import {rmSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {exitCodes, type Fatal} from '../../exit-codes.js';
import {shellQuote} from './remote-script.js';
import {createShellPool, shellLoop, startRemoteShell} from './remote-shell.js';
import type {SshTarget} from './ssh-target.js';

/** What one ssh invocation gave back. */
export type SshResult = {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
	/** Set when ssh itself failed (could not start, timed out, or the connection went away). */
	readonly failure?: string;
};

/** One master connection to a target; every command, and the forwarded Docker socket, goes through it. */
export type SshConnection = {
	readonly target: SshTarget;
	/** A private directory of this machine (mode 0700): the control socket and the forwarded Docker socket live here. */
	readonly directory: string;
	/** How many times dockwarden has gone to the target and back so far (the master's login included). */
	roundTrips(): number;
	/** Runs a shell command line on the target with `input` on its stdin. */
	run(command: string, input?: string, options?: {timeoutMs?: number}): Promise<SshResult>;
	/**
	Runs a script in a shell kept open on the target (as root through `sudo -n` with `sudo`): one SSH session and one
	sudo for many scripts, where `run` takes a session (and a sudo) each time. Counted as a round trip like `run`.
	*/
	runScript(script: string, options: {sudo: boolean; timeoutMs?: number}): Promise<SshResult>;
	/** Forwards a unix socket of the target to a local one, over the master. */
	forwardSocket(local: string, remote: string): Promise<SshResult>;
	/** Ends the master and removes the private directory. */
	close(): Promise<void>;
	/** Records that the connection is gone (a batch came back cut short) and tells the listener once. */
	lose(fatal: Fatal): void;
	/** The error of a lost connection, or undefined while it holds. */
	lost(): Fatal | undefined;
	/** Called once when the connection is lost. */
	onLost(listener: (fatal: Fatal) => void): void;
};

/** Where ssh reads its configuration: the operator's as for `ssh`, unless DOCKWARDEN_SSH_CONFIG names a file (the tests use their own). */
export type SshSettings = {
	/** `ssh -F FILE`. */
	readonly configFile?: string;
	/** How long the login may take. */
	readonly connectTimeoutS?: number;
	/** DOCKWARDEN_SSH_TRACE: one line on stderr per round trip (what it asked, how long it took). */
	readonly trace?: boolean;
};

/** The settings of this environment: DOCKWARDEN_SSH_CONFIG names an ssh_config file to use instead of ~/.ssh/config. */
export function sshSettingsFrom(environment: NodeJS.ProcessEnv): SshSettings {
	return {configFile: environment.DOCKWARDEN_SSH_CONFIG || undefined, trace: Boolean(environment.DOCKWARDEN_SSH_TRACE)};
}

/** The ssh arguments that say where to go and how, before the destination. */
function baseArguments(target: SshTarget, settings: SshSettings, controlPath: string): string[] {
	return [
		...(settings.configFile ? ['-F', settings.configFile] : []),
		// No prompt ever: a password, a passphrase or an unknown host key is an error that says how to fix access.
		'-o', 'BatchMode=yes',
		'-o', `ControlPath=${controlPath}`,
		'-o', 'ServerAliveInterval=5',
		'-o', 'ServerAliveCountMax=3',
		...(target.port === undefined ? [] : ['-p', String(target.port)]),
		...(target.user === undefined ? [] : ['-l', target.user]),
	];
}

/** The first line of ssh's complaint that says what went wrong, without the warnings it also prints. */
function sshComplaint(stderr: string): string {
	const lines = stderr.split('\n').map(line => line.trim()).filter(line => line !== '' && !/^Warning: Permanently added/.test(line) && !line.startsWith('@'));
	return lines.find(line => /denied|refused|verification|not known|resolve|timed out|No route|closed|reset|host key|Could not|unreachable/i.test(line)) ?? lines[0] ?? 'ssh failed without saying why';
}

/** ssh's failure to log in, as a one-line error with its own exit code that says how to fix access. */
export function loginError(target: SshTarget, stderr: string): Fatal {
	const complaint = sshComplaint(stderr);
	const who = `${target.user ? `${target.user}@` : ''}${target.host}`;
	if (/Host key verification failed|No .*host key is known|HOST IDENTIFICATION HAS CHANGED|host key .* (?:changed|mismatch)/i.test(stderr)) {
		return {message: `${target.url}: the host key of ${target.host} is not in known_hosts, or has changed (${complaint}): check it, then accept it once with ssh ${who}, or add it with ssh-keyscan; dockwarden never accepts a host key by itself`, code: exitCodes.sshHostKey};
	}

	if (/Permission denied|Too many authentication failures|no matching .* method/i.test(stderr)) {
		return {message: `${target.url}: the login was refused (${complaint}): add your public key to ~${target.user ?? ''}/.ssh/authorized_keys on ${target.host}, or load it into ssh-agent; dockwarden asks for no password (test with ssh -o BatchMode=yes ${who} true)`, code: exitCodes.sshRefused};
	}

	return {message: `${target.url}: cannot reach ${target.host} (${complaint}): check the name, the port and that sshd runs there (test with ssh -o BatchMode=yes ${who} true)`, code: exitCodes.sshUnreachable};
}

/** The one-line error of a connection lost during the run. */
export function lostError(target: SshTarget, detail: string): Fatal {
	return {message: `${target.url}: the SSH connection was lost (${detail}); what dockwarden writes on a host is written whole or not at all, so nothing was left half-written: run it again`, code: exitCodes.sshLost};
}

/** An Error that carries a Fatal, so it can cross the code that does not know about SSH and end the run with its exit code. */
export class SshError extends Error {
	constructor(readonly fatal: Fatal) {
		super(fatal.message);
	}
}

/**
Opens the master connection (ControlMaster, ControlPersist) in a private temporary directory. The operator's
~/.ssh/config, agent, jump hosts and known_hosts apply as they do for `ssh`. Throws an SshError with a one-line,
actionable message when the login fails.
*/
export async function openSshConnection(target: SshTarget, settings: SshSettings = {}): Promise<SshConnection> {
	const {execa} = await import('execa');
	const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'dockwarden-ssh-'));
	await fs.chmod(directory, 0o700);
	const controlPath = path.join(directory, 'master');
	const base = baseArguments(target, settings, controlPath);
	let trips = 0;
	let closed = false;
	let mastered = false;
	let lostWith: Fatal | undefined;
	const listeners: Array<(fatal: Fatal) => void> = [];
	const removeDirectory = () => {
		// At exit (process.exit after a lost connection, an error): the master goes too, never left persisting.
		if (mastered && !closed) {
			spawnSync('ssh', [...base, '-O', 'exit', target.host], {stdio: 'ignore', timeout: 3000});
		}

		rmSync(directory, {recursive: true, force: true});
	};

	const ssh = async (args: readonly string[], input: string | undefined, timeoutMs: number): Promise<SshResult> => {
		trips++;
		const result = await execa('ssh', [...base, ...args], {reject: false, input, stdin: input === undefined ? 'ignore' : undefined, timeout: timeoutMs, env: {LC_ALL: 'C'}, stripFinalNewline: false});
		const failure = result.timedOut ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (result.exitCode === undefined ? result.shortMessage : undefined);
		return {exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), failure};
	};

	const exitMaster = async () => {
		const {execa: run} = await import('execa');
		await run('ssh', [...base, '-O', 'exit', target.host], {reject: false, stdin: 'ignore', timeout: 5000});
	};

	process.once('exit', removeDirectory);
	// The master stays in the background (ControlPersist) once logged in; -N: no command of its own.
	const timeoutS = settings.connectTimeoutS ?? 10;
	const master = await ssh(['-o', 'ControlMaster=yes', '-o', 'ControlPersist=yes', '-o', `ConnectTimeout=${timeoutS}`, '-N', '-f', target.host], undefined, (timeoutS + 10) * 1000);
	if (master.exitCode !== 0 || master.failure) {
		process.off('exit', removeDirectory);
		await exitMaster().catch(() => undefined);
		removeDirectory();
		throw new SshError(master.failure ? {message: `${target.url}: cannot reach ${target.host} (${master.failure})`, code: exitCodes.sshUnreachable} : loginError(target, master.stderr));
	}

	mastered = true;
	const shellAs = (sudo: boolean) => createShellPool(() => startRemoteShell('ssh', [...base, '-o', 'ControlMaster=no', target.host, `exec ${sudo ? 'sudo -n ' : ''}sh -c ${shellQuote(shellLoop)}`]));
	const shells = {sudo: shellAs(true), user: shellAs(false)};
	return {
		target,
		directory,
		roundTrips: () => trips,
		async run(command, input, options = {}) {
			if (closed) {
				return {exitCode: -1, stdout: '', stderr: '', failure: 'the connection is closed'};
			}

			// ControlMaster=no: a client of the master, never a new login.
			return ssh(['-o', 'ControlMaster=no', target.host, command], input ?? '', options.timeoutMs ?? 120_000);
		},
		async runScript(script, options) {
			if (closed) {
				return {exitCode: -1, stdout: '', stderr: '', failure: 'the connection is closed'};
			}

			trips++;
			return shells[options.sudo ? 'sudo' : 'user'].run(script, options.timeoutMs ?? 120_000);
		},
		async forwardSocket(local, remote) {
			return ssh(['-O', 'forward', '-L', `${local}:${remote}`, target.host], undefined, 15_000);
		},
		lose(fatal) {
			if (lostWith || closed) {
				return;
			}

			lostWith = fatal;
			for (const listener of listeners.splice(0)) {
				listener(fatal);
			}
		},
		lost: () => lostWith,
		onLost(listener) {
			listeners.push(listener);
		},
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			shells.sudo.close();
			shells.user.close();

			await exitMaster().catch(() => undefined);
			process.off('exit', removeDirectory);
			removeDirectory();
		},
	};
}
