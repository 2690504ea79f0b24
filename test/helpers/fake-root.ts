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
	remove(): void;
};

/**
Lays out a fake host: /proc is the real one (unless `proc: false`, a host whose processes cannot be seen) (the private dockerd is a real process), and each directory in `mirrors` (e.g. the private dockerd's own directory) appears at its real path, so host paths read from the daemon resolve inside the tree.
*/
export function makeFakeRoot(options: {mirrors?: readonly string[]; binaries?: readonly string[]; proc?: boolean} = {}): FakeRoot {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-root-'));
	const local = (hostPath: string) => path.join(dir, hostPath);
	if (options.proc !== false) {
		fs.symlinkSync('/proc', local('/proc'));
	}

	for (const mirror of options.mirrors ?? []) {
		fs.mkdirSync(path.dirname(local(mirror)), {recursive: true});
		fs.symlinkSync(mirror, local(mirror));
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
		write,
		read(hostPath) {
			try {
				return fs.readFileSync(local(hostPath), 'utf8');
			} catch {
				return undefined;
			}
		},
		remove() {
			fs.rmSync(dir, {recursive: true, force: true});
		},
	};
}
