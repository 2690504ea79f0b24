import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {descendants, killAll} from './processes.js';

/** A test user on this machine that logs in to the test's sshd with the test's key. */
export type SshUser = {
	readonly name: string;
	/** `ssh://NAME@127.0.0.1:PORT` */
	readonly url: string;
};

/** An sshd of the test's own, on 127.0.0.1, with its own host key, config, users and client settings. */
export type TestSshd = {
	readonly dir: string;
	readonly port: number;
	/** An ssh_config for the client: the test's key, its known_hosts (which holds this sshd's host key), nothing of ~/.ssh. */
	readonly clientConfig: string;
	/** A client config whose known_hosts is empty: the host key is unknown. */
	readonly unknownHostConfig: string;
	/** A client config whose key sshd does not accept. */
	readonly wrongKeyConfig: string;
	/**
	Adds a user (useradd, removed at the end) with the test's authorized key: `sudo: true` gives it passwordless sudo
	through a drop-in in /etc/sudoers.d (removed at the end); `docker: true` puts it in the docker group, so it may open
	the private dockerd's socket (root:docker 0660), as `docker -H ssh://` needs.
	*/
	addUser(options: {sudo: boolean; docker: boolean}): SshUser;
	/** Ends sshd and every connection it serves, as a crash or a network cut would. */
	dropConnections(): void;
	stop(): Promise<void>;
};

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => {
				resolve(port);
			});
		});
	});
}

async function accepts(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => {
			resolve(false);
		});
	});
}

/**
Starts Debian's sshd as a child process: `/usr/sbin/sshd -D -e -f CONFIG`, its own host key (ssh-keygen), a free port on
127.0.0.1, PidFile in its directory, UsePAM no. `forceCommand` (optional) runs instead of every command, as the test's
wrapper (the real command is in $SSH_ORIGINAL_COMMAND).
*/
export async function startSshd(options: {forceCommand?: string} = {}): Promise<TestSshd> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-sshd-'));
	// sshd reads the authorized keys as the user: the directory is readable, its files are not writable by others.
	fs.chmodSync(dir, 0o755);
	fs.mkdirSync('/run/sshd', {recursive: true, mode: 0o755});
	const port = await freePort();
	const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'dockwarden-test', '-f', file], {stdio: 'ignore'});
	keygen(path.join(dir, 'host_key'));
	keygen(path.join(dir, 'client_key'));
	keygen(path.join(dir, 'other_key'));
	for (const file of ['client_key', 'other_key']) {
		fs.chmodSync(path.join(dir, file), 0o600);
	}

	fs.mkdirSync(path.join(dir, 'authorized'), {mode: 0o755});
	const hostKey = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
	// Two names for the same sshd, as a fleet of two hosts (`localhost` and `127.0.0.1`).
	fs.writeFileSync(path.join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n[localhost]:${port} ${hostKey}\n`);
	fs.writeFileSync(path.join(dir, 'empty_known_hosts'), '');
	const config = path.join(dir, 'sshd_config');
	fs.writeFileSync(config, [
		`Port ${port}`,
		'ListenAddress 127.0.0.1',
		`HostKey ${dir}/host_key`,
		`PidFile ${dir}/sshd.pid`,
		'UsePAM no',
		'StrictModes no',
		`AuthorizedKeysFile ${dir}/authorized/%u`,
		'PasswordAuthentication no',
		'KbdInteractiveAuthentication no',
		'PubkeyAuthentication yes',
		'AllowStreamLocalForwarding yes',
		'MaxSessions 10',
		'MaxStartups 50',
		'LogLevel ERROR',
		...(options.forceCommand ? [`ForceCommand ${options.forceCommand}`] : []),
		'',
	].join('\n'));

	const client = (name: string, key: string, knownHosts: string) => {
		const file = path.join(dir, name);
		fs.writeFileSync(file, [
			'Host *',
			`  IdentityFile ${dir}/${key}`,
			'  IdentitiesOnly yes',
			'  IdentityAgent none',
			`  UserKnownHostsFile ${dir}/${knownHosts}`,
			'  GlobalKnownHostsFile /dev/null',
			'  StrictHostKeyChecking yes',
			'',
		].join('\n'));
		return file;
	};

	const clientConfig = client('ssh_config', 'client_key', 'known_hosts');
	const unknownHostConfig = client('ssh_config_unknown_host', 'client_key', 'empty_known_hosts');
	const wrongKeyConfig = client('ssh_config_wrong_key', 'other_key', 'known_hosts');
	let child: ChildProcess | undefined;
	const start = async () => {
		child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config], {stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, 'sshd.log'), 'a')]});
		const deadline = Date.now() + 10_000;
		while (!await accepts(port)) {
			if (Date.now() > deadline || child.exitCode !== null) {
				throw new Error(`the test sshd did not start: ${fs.readFileSync(path.join(dir, 'sshd.log'), 'utf8').slice(-1000)}`);
			}
			await delay(50);
		}
	};

	const stopSshd = () => {
		if (child?.pid) {
			killAll([...descendants(child.pid), child.pid]);
		}
	};

	await start();
	const created: Array<() => void> = [];
	// A worker ended by ava's timeout runs no after.always hook: sshd, the users and the sudoers drop-ins go at exit anyway.
	const cleanUp = () => {
		stopSshd();
		for (const undo of created.splice(0).reverse()) {
			undo();
		}
	};

	process.once('exit', cleanUp);
	return {
		dir,
		port,
		clientConfig,
		unknownHostConfig,
		wrongKeyConfig,
		addUser({sudo, docker}) {
			const name = `dw${randomBytes(4).toString('hex')}`;
			const home = path.join(dir, 'home', name);
			fs.mkdirSync(path.dirname(home), {recursive: true, mode: 0o755});
			// -p '*': no password, and not locked (sshd without PAM refuses a locked account even with a key).
			execFileSync('useradd', ['-M', '-d', home, '-s', '/bin/sh', '-p', '*', ...(docker ? ['-G', 'docker'] : []), name], {stdio: 'ignore'});
			created.push(() => {
				try {
					execFileSync('userdel', ['-f', name], {stdio: 'ignore'});
				} catch {}
			});
			fs.mkdirSync(home, {mode: 0o755});
			fs.chownSync(home, Number(execFileSync('id', ['-u', name], {encoding: 'utf8'})), Number(execFileSync('id', ['-g', name], {encoding: 'utf8'})));
			fs.writeFileSync(path.join(dir, 'authorized', name), fs.readFileSync(path.join(dir, 'client_key.pub')), {mode: 0o644});
			if (sudo) {
				const dropIn = `/etc/sudoers.d/dockwarden-test-${name}`;
				fs.writeFileSync(dropIn, `${name} ALL=(ALL) NOPASSWD: ALL\n`, {mode: 0o440});
				created.push(() => {
					fs.rmSync(dropIn, {force: true});
				});
			}

			return {name, url: `ssh://${name}@127.0.0.1:${port}`};
		},
		dropConnections: stopSshd,
		async stop() {
			process.off('exit', cleanUp);
			cleanUp();

			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}
