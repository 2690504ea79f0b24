import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fake host tree for --root: tests never touch the real /etc. */
export type FakeRoot = {
	readonly dir: string;
	/** The local path of a host path inside the tree. */
	local(hostPath: string): string;
	write(hostPath: string, content: string, mode?: number): void;
	read(hostPath: string): string | undefined;
	/** The local paths of the tree's own bind mounts (/proc, the mirrors): a test that unmounts or hashes the tree leaves them out. */
	readonly mounts: readonly string[];
	remove(): void;
};

/**
Lays out a fake host: /proc is the real one (unless `proc: false`, a host whose processes cannot be seen) (the private dockerd is a real process), and each directory in `mirrors` (e.g. the private dockerd's own directory) appears at its real path, so host paths read from the daemon resolve inside the tree.
They are bind mounts (as root; without root, /proc is an empty directory and mirrors are left out): --root resolves links inside the tree, as a chroot does, so a link to /proc would lead to the tree's own /proc.
*/
export function makeFakeRoot(options: {mirrors?: readonly string[]; binaries?: readonly string[]; proc?: boolean} = {}): FakeRoot {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-root-'));
	const local = (hostPath: string) => path.join(dir, hostPath);
	const mounts: string[] = [];
	const bind = (source: string) => {
		fs.mkdirSync(local(source), {recursive: true});
		if (process.getuid?.() === 0) {
			execFileSync('mount', ['--bind', source, local(source)]);
			// Private: mounts made later under the source (a container's) do not appear in the copy, and unmounting the copy touches nothing else.
			execFileSync('mount', ['--make-private', local(source)]);
			mounts.push(local(source));
		}
	};

	// A test that ends without remove() still leaves no mount behind (a killed one does: umount -l what mountinfo lists under /tmp/dw-root-*).
	const unmount = () => {
		for (const target of [...mounts].reverse()) {
			try {
				execFileSync('umount', ['-l', target], {stdio: 'ignore'});
			} catch {}
		}
	};

	process.once('exit', unmount);
	if (options.proc !== false) {
		bind('/proc');
	}

	for (const mirror of options.mirrors ?? []) {
		bind(mirror);
	}

	const write = (hostPath: string, content: string, mode = 0o644) => {
		fs.mkdirSync(path.dirname(local(hostPath)), {recursive: true});
		fs.writeFileSync(local(hostPath), content, {mode});
		fs.chmodSync(local(hostPath), mode);
	};

	for (const binary of options.binaries ?? ['/usr/sbin/dockerd', '/usr/bin/containerd', '/usr/sbin/runc', '/usr/bin/containerd-shim-runc-v2']) {
		write(binary, '', 0o755);
	}

	write('/etc/group', 'root:x:0:\ndocker:x:998:alice\n');
	write('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n');
	write('/etc/hostname', 'fakehost\n');
	fs.mkdirSync(local('/etc/docker'), {recursive: true});
	fs.mkdirSync(local('/etc/audit/rules.d'), {recursive: true});

	return {
		dir,
		local,
		mounts,
		write,
		read(hostPath) {
			try {
				return fs.readFileSync(local(hostPath), 'utf8');
			} catch {
				return undefined;
			}
		},
		remove() {
			unmount();
			process.removeListener('exit', unmount);
			// Never remove through a mount that is still there: that would delete the real /proc's or daemon's files.
			const table = fs.readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map(line => line.split(' ')[4]);
			const left = mounts.filter(target => table.includes(target));
			if (left.length > 0) {
				throw new Error(`fake root ${dir}: ${left.join(', ')} still mounted; not removed`);
			}

			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}
