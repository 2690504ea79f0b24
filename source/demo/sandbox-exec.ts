import {readFile} from 'node:fs/promises';
import path from 'node:path';
import type {Exec, ExecResult} from '../host/exec.js';
import type {RootFs} from '../host/root-fs.js';
import type {SandboxWorld} from './sandbox-world.js';

const ok = (stdout = ''): ExecResult => ({exitCode: 0, stdout, stderr: ''});
const failed = (stderr: string, exitCode = 1): ExecResult => ({exitCode, stdout: '', stderr: `${stderr}\n`});

/** The value after a flag in argv, e.g. `-k KEY`. */
function flagValue(args: readonly string[], flag: string): string | undefined {
	const index = args.indexOf(flag);
	return index === -1 ? undefined : args[index + 1];
}

/**
The commands of the sandbox: the ones dockwarden runs on a host (auditctl, ausearch, systemctl, dockerd --validate and
the harmless touches of "prove it"), played against the sandbox's world. Nothing is spawned; anything else is refused
as "not in the sandbox", so a plan can never reach the real machine.
*/
export function createSandboxExec(world: SandboxWorld, fs: RootFs, options: {restartDelayMs?: number} = {}): Exec {
	function auditctl(args: readonly string[]): ExecResult {
		const [flag, target] = args;
		const key = flagValue(args, '-k');
		switch (flag) {
			case '-l': {
				return ok(world.audit.rules());
			}

			case '-s': {
				return ok(world.audit.status());
			}

			case '-w': {
				return world.audit.add(target!, flagValue(args, '-p') ?? 'rwxa', key) ? ok() : failed('Error sending add rule data request (Rule exists)', 255);
			}

			case '-W': {
				return world.audit.remove(target!, key) ? ok() : failed('Error sending delete rule data request (No rule matches)', 255);
			}

			default: {
				return failed(`auditctl ${args.join(' ')}: not simulated in the demo sandbox`);
			}
		}
	}

	async function restartDocker(): Promise<ExecResult> {
		await new Promise(resolve => {
			setTimeout(resolve, options.restartDelayMs ?? 400);
		});
		const started = await world.startDaemon();
		return started.ok ? ok() : failed(`Job for docker.service failed because the control process exited with error code.\ndockerd: ${started.reason}`);
	}

	/** A harmless touch of a path: reads it, or runs it with --version; the watch on it logs the access. */
	async function touch(argv: readonly string[]): Promise<ExecResult> {
		const [command, ...args] = argv;
		const target = args.at(-1)!;
		if (args.length === 1 && args[0] === '--version') {
			if (!await fs.exists(command!)) {
				return failed(`${command}: not found`, 127);
			}

			world.recordAccess(command!, 'x', {exe: command!, syscall: 'execve', proctitle: argv.join(' ')});
			return ok(`${path.basename(command!)} version 24.0.7 (the demo sandbox's stand-in)\n`);
		}

		const stat = await fs.stat(target);
		if (!stat) {
			return failed(`${command}: cannot access '${target}': No such file or directory`, 2);
		}

		world.recordAccess(target, 'r', {exe: `/usr/bin/${command}`, syscall: 'openat', proctitle: argv.join(' ')});
		if (command === 'ls') {
			return ok(`${(await fs.readdir(target)).sort().join('\n')}\n`);
		}

		const text = await fs.readText(target) ?? '';
		return ok(command === 'head' ? text.slice(0, 1) : text);
	}

	return async argv => {
		const [command = '', ...args] = argv;
		const name = path.basename(command);
		if (name === 'auditctl') {
			return auditctl(args);
		}

		if (name === 'ausearch') {
			const found = world.audit.search(flagValue(args, '-k') ?? '');
			return found === '' ? failed('<no matches>') : ok(`${found}\n`);
		}

		if ((name === 'systemctl' && args[0] === 'restart' && /^docker(\.service)?$/.test(args[1] ?? '')) || (command === '/etc/init.d/docker' && args[0] === 'restart')) {
			return restartDocker();
		}

		if (name === 'dockerd' && args[0] === '--validate') {
			// The candidate is a file of dockwarden's, outside the sandbox; the sandbox's dockerd is 24.0, which has --validate.
			const text = await readFile(flagValue(args, '--config-file') ?? '', 'utf8').catch(() => undefined);
			try {
				JSON.parse(text ?? '');
				return ok('configuration OK\n');
			} catch (error) {
				return failed(`unable to configure the Docker daemon with file ${flagValue(args, '--config-file')}: ${(error as Error).message}`);
			}
		}

		if (['ls', 'cat', 'head'].includes(command) || args[0] === '--version') {
			return touch(argv);
		}

		return failed(`${command}: not in the demo sandbox (it runs nothing on this machine)`, 127);
	};
}
