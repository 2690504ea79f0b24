import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {descendants, isAlive, killAll, listProcesses} from './processes.js';

/** A dockerd of the test's own: own socket, data root, exec root, pidfile and config file. */
export type PrivateDockerd = {
	readonly dir: string;
	readonly socket: string;
	/** unix://… for --docker-host and DOCKER_HOST. */
	readonly host: string;
	readonly configFile: string;
	/** A script that restarts this dockerd (kill, wait for exit, start again), for --restart-command. */
	readonly restartScript: string;
	pid(): number;
	/** Runs the docker CLI against this daemon. */
	docker(...args: string[]): string;
	/** Waits until the API answers. */
	waitReady(timeoutMs?: number): Promise<void>;
	stop(): Promise<void>;
};

/**
Kills what a dockerd that did not stop its containers left running: the containerd shims of its own containerd (their
`-address` under `dir`) and the containers' processes below them, then removes the containers' empty cgroups.
*/
async function killLeftShims(dir: string): Promise<void> {
	const processes = listProcesses();
	const shims = processes.filter(({argv}) => argv[0]?.includes('containerd-shim') && argv.some(arg => arg.startsWith(`${dir}/`)));
	const killed = shims.flatMap(shim => [...descendants(shim.pid, processes), shim.pid]);
	killAll(killed);

	const deadline = Date.now() + 5000;
	while (killed.some(pid => isAlive(pid)) && Date.now() < deadline) {
		await delay(50);
	}

	const ids = shims.map(({argv}) => argv[argv.indexOf('-id') + 1] ?? '').filter(id => /^[\da-f]{64}$/.test(id));
	const controllers = fs.existsSync('/sys/fs/cgroup') ? fs.readdirSync('/sys/fs/cgroup') : [];
	for (const cgroup of ids.flatMap(id => [`/sys/fs/cgroup/docker/${id}`, ...controllers.flatMap(controller => [`/sys/fs/cgroup/${controller}/docker/${id}`, `/sys/fs/cgroup/${controller}/system.slice/docker-${id}.scope`])])) {
		try {
			fs.rmdirSync(cgroup);
		} catch {}
	}
}

/** The dockerd command line, shared by the first start and the restart script; without `--host` when daemon.json holds `hosts`. */
function dockerdArgs(dir: string, hostsInConfig: boolean): string[] {
	return [
		...(hostsInConfig ? [] : ['--host', `unix://${dir}/docker.sock`]),
		'--data-root', `${dir}/data`,
		'--exec-root', `${dir}/exec`,
		'--pidfile', `${dir}/docker.pid`,
		'--config-file', `${dir}/daemon.json`,
		'--bridge', 'none',
		'--iptables=false',
	];
}

/**
Starts a private dockerd with the given daemon.json text. Its directory is mode 755, as userns-remap requires of every parent of the data root.
With `hostsInConfig`, its socket is set by `hosts` in that daemon.json (added to the given keys) instead of a --host flag.
*/
export async function startPrivateDockerd(daemonJson = '{}\n', options: {hostsInConfig?: boolean} = {}): Promise<PrivateDockerd> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-dockerd-'));
	fs.chmodSync(dir, 0o755);
	const configFile = path.join(dir, 'daemon.json');
	const hostsInConfig = options.hostsInConfig === true;
	fs.writeFileSync(configFile, hostsInConfig ? `${JSON.stringify({hosts: [`unix://${dir}/docker.sock`], ...(JSON.parse(daemonJson) as object)}, undefined, '\t')}\n` : daemonJson);
	const args = dockerdArgs(dir, hostsInConfig);
	const restartScript = path.join(dir, 'restart.sh');
	fs.writeFileSync(restartScript, `#!/bin/sh
# Restart the private dockerd: stop it, wait until the process has exited, start it again detached.
pid=$(cat ${dir}/docker.pid 2>/dev/null)
if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
	while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
fi
setsid dockerd ${args.join(' ')} >>${dir}/dockerd.log 2>&1 < /dev/null &
exit 0
`, {mode: 0o755});

	const docker = (...dockerArgs: string[]) => execFileSync('docker', dockerArgs, {env: {...process.env, DOCKER_HOST: `unix://${dir}/docker.sock`}, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']}).trim();
	const pid = () => Number(fs.readFileSync(path.join(dir, 'docker.pid'), 'utf8'));
	const waitReady = async (timeoutMs = 30_000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			try {
				docker('info', '--format', '{{.ID}}');
				return;
			} catch {}
			await delay(150);
		}

		throw new Error(`private dockerd in ${dir} did not come up:\n${fs.readFileSync(path.join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`);
	};

	const child = spawn('dockerd', args, {detached: true, stdio: ['ignore', fs.openSync(path.join(dir, 'dockerd.log'), 'a'), fs.openSync(path.join(dir, 'dockerd.log'), 'a')]});
	child.unref();
	await waitReady();

	return {
		dir,
		socket: path.join(dir, 'docker.sock'),
		host: `unix://${dir}/docker.sock`,
		configFile,
		restartScript,
		pid,
		docker,
		waitReady,
		async stop() {
			let current: number | undefined;
			try {
				current = pid();
			} catch {}

			if (current && isAlive(current)) {
				// Every container killed at once first: on SIGTERM dockerd stops them one by one, each after its stop timeout,
				// and gives up after 15 s, leaving the rest running under their shims (and their cgroups behind).
				try {
					const ids = execFileSync('docker', ['-H', `unix://${dir}/docker.sock`, 'ps', '-q'], {encoding: 'utf8', timeout: 30_000}).split('\n').filter(Boolean);
					if (ids.length > 0) {
						execFileSync('docker', ['-H', `unix://${dir}/docker.sock`, 'kill', ...ids], {stdio: 'ignore', timeout: 60_000});
					}
				} catch {}

				process.kill(current, 'SIGTERM');
				const deadline = Date.now() + 20_000;
				while (isAlive(current) && Date.now() < deadline) {
					await delay(100);
				}
			}

			await killLeftShims(dir);
			// Whatever dockerd or the test left mounted below its directory (netns, shm, tmpfs) goes first, deepest first.
			const mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map(entry => entry.split(' ')[4] ?? '').filter(point => point.startsWith(`${dir}/`)).sort().reverse();
			for (const point of mounts) {
				try {
					execFileSync('umount', ['-l', point], {stdio: 'ignore'});
				} catch {}
			}

			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** Imports a busybox image (local/busybox) into the daemon, from busybox-static: there is no registry here. */
export function importBusybox(daemon: PrivateDockerd): void {
	const rootfs = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-busybox-'));
	fs.mkdirSync(path.join(rootfs, 'bin'));
	fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
	fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
	for (const name of ['sh', 'sleep', 'id', 'cat']) {
		fs.symlinkSync('busybox', path.join(rootfs, 'bin', name));
	}

	execFileSync('sh', ['-c', `tar -C ${rootfs} -c . | docker import - local/busybox`], {env: {...process.env, DOCKER_HOST: daemon.host}, stdio: 'ignore'});
	fs.rmSync(rootfs, {recursive: true, force: true});
}
