import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {execa} from 'execa';

/** The test user that runs rootless Docker, with its own subordinate id range. */
export const rootlessUser = 'dwrootless';
const subordinateRange = '300000:65536';
const contrib = '/usr/share/docker.io/contrib/dockerd-rootless.sh';
const cliPath = process.env.DOCKWARDEN_TEST_CLI ?? new URL('../../dist/cli.js', import.meta.url).pathname;

/** A rootless dockerd of the test's own: Debian's dockerd-rootless.sh under rootlesskit, run by the test user. */
export type RootlessDockerd = {
	readonly dir: string;
	readonly uid: number;
	readonly home: string;
	readonly runtimeDir: string;
	readonly socket: string;
	readonly host: string;
	/** ~/.config/docker/daemon.json of the test user. */
	readonly configFile: string;
	/** Restarts the daemon as its user would: stop dockerd, wait for rootlesskit to go, start the script again. */
	readonly restartScript: string;
	pid(): number;
	waitReady(timeoutMs?: number): Promise<void>;
	stop(): Promise<void>;
};

/** Why rootless Docker cannot run here, or undefined when it can. */
export function rootlessUnavailable(): string | undefined {
	for (const tool of ['/usr/bin/rootlesskit', '/usr/bin/newuidmap', '/usr/bin/slirp4netns', contrib]) {
		if (!fs.existsSync(tool)) {
			return `${tool} is missing (apt-get install rootlesskit uidmap slirp4netns docker.io)`;
		}
	}

	return undefined;
}

/** Makes the test user and its subuid/subgid range, once; /dev/net/tun must be usable by it (slirp4netns). */
function ensureUser(): {uid: number; gid: number} {
	try {
		execFileSync('id', ['-u', rootlessUser], {stdio: 'ignore'});
	} catch {
		execFileSync('useradd', ['--create-home', '--shell', '/bin/sh', rootlessUser]);
	}

	for (const file of ['/etc/subuid', '/etc/subgid']) {
		if (!fs.readFileSync(file, 'utf8').split('\n').some(line => line.startsWith(`${rootlessUser}:`))) {
			fs.appendFileSync(file, `${rootlessUser}:${subordinateRange}\n`);
		}
	}

	fs.chmodSync('/dev/net/tun', 0o666);
	return {uid: Number(execFileSync('id', ['-u', rootlessUser], {encoding: 'utf8'})), gid: Number(execFileSync('id', ['-g', rootlessUser], {encoding: 'utf8'}))};
}

/** The environment the user's shell would have: its home and runtime dir, and a PATH with node and the Docker tools. */
function userEnvironment(home: string, runtimeDir: string): Record<string, string> {
	return {HOME: home, USER: rootlessUser, XDG_RUNTIME_DIR: runtimeDir, PATH: `${path.dirname(process.execPath)}:/usr/sbin:/usr/bin:/sbin:/bin`, NO_COLOR: '1'};
}

/** Runs a command as the test user, with its environment. */
function asUser(environment: Record<string, string>, argv: readonly string[]): string[] {
	return ['setpriv', `--reuid=${rootlessUser}`, `--regid=${rootlessUser}`, '--init-groups', 'env', '-i', ...Object.entries(environment).map(([key, value]) => `${key}=${value}`), ...argv];
}

/** Starts a rootless dockerd as the test user, with its home and XDG_RUNTIME_DIR in a temp dir; its daemon.json is written first. */
export async function startRootlessDockerd(daemonJson = '{}\n'): Promise<RootlessDockerd> {
	const {uid, gid} = ensureUser();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-rootless-'));
	fs.chmodSync(dir, 0o755);
	const home = path.join(dir, 'home');
	const runtimeDir = path.join(dir, 'run');
	fs.mkdirSync(path.join(home, '.config/docker'), {recursive: true});
	fs.mkdirSync(runtimeDir, {mode: 0o700});
	const configFile = path.join(home, '.config/docker/daemon.json');
	fs.writeFileSync(configFile, daemonJson);
	execFileSync('chown', ['-R', `${uid}:${gid}`, home, runtimeDir]);
	const environment = userEnvironment(home, runtimeDir);
	const log = path.join(dir, 'dockerd.log');
	fs.writeFileSync(log, '');
	fs.chmodSync(log, 0o666);
	const restartScript = path.join(dir, 'restart.sh');
	fs.writeFileSync(restartScript, `#!/bin/sh
# Restart the rootless dockerd as its user: stop dockerd, wait until rootlesskit has gone, start the script again detached.
pid=$(cat ${runtimeDir}/docker.pid 2>/dev/null)
if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
	while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
fi
while [ -e ${runtimeDir}/dockerd-rootless ] && pgrep -u ${uid} -f "rootlesskit.*${contrib}" >/dev/null; do sleep 0.1; done
setsid ${contrib} >>${log} 2>&1 < /dev/null &
exit 0
`, {mode: 0o755});
	const socket = path.join(runtimeDir, 'docker.sock');
	const host = `unix://${socket}`;
	const pid = () => Number(fs.readFileSync(path.join(runtimeDir, 'docker.pid'), 'utf8'));
	const waitReady = async (timeoutMs = 60_000) => {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			try {
				execFileSync('docker', ['info', '--format', '{{.ID}}'], {env: {...process.env, DOCKER_HOST: host}, stdio: 'ignore'});
				return;
			} catch {}
			await delay(200);
		}

		throw new Error(`rootless dockerd in ${dir} did not come up:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
	};

	const [command, ...args] = asUser(environment, ['setsid', contrib]);
	const child = spawn(command!, args, {detached: true, stdio: ['ignore', fs.openSync(log, 'a'), fs.openSync(log, 'a')]});
	child.unref();
	await waitReady();
	return {
		dir,
		uid,
		home,
		runtimeDir,
		socket,
		host,
		configFile,
		restartScript,
		pid,
		waitReady,
		async stop() {
			// rootlesskit, slirp4netns, dockerd and containerd name no path of ours: they are this daemon's by their environment.
			const ours = () => daemonProcesses(uid, runtimeDir);
			for (const pid of ours()) {
				signal(pid, 'SIGTERM');
			}

			const deadline = Date.now() + 20_000;
			while (ours().length > 0 && Date.now() < deadline) {
				await delay(100);
			}

			for (const pid of ours()) {
				signal(pid, 'SIGKILL');
			}

			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** The processes of the test user whose XDG_RUNTIME_DIR is this daemon's: rootlesskit, slirp4netns, dockerd, containerd. */
function daemonProcesses(uid: number, runtimeDir: string): number[] {
	const pids: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			if (fs.statSync(`/proc/${entry}`).uid === uid && fs.readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`XDG_RUNTIME_DIR=${runtimeDir}`)) {
				pids.push(Number(entry));
			}
		} catch {}
	}

	return pids;
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {}
}

/** Runs the built CLI as the rootless daemon's user, without a TTY. */
export async function runCliAsUser(daemon: RootlessDockerd, args: readonly string[]) {
	const [command, ...rest] = asUser(userEnvironment(daemon.home, daemon.runtimeDir), [process.execPath, cliPath, ...args]);
	const result = await execa(command!, rest, {reject: false, stdin: 'ignore', timeout: 180_000, cwd: '/'});
	return {exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr)};
}
