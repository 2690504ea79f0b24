import {Stats} from 'node:fs';
import path from 'node:path';
import type {RootFs} from '../root-fs.js';
import {decoded, type Answer, type Batcher, type Extra} from './remote-batch.js';
import {prefetchRequests} from './prefetch.js';
import {maxFileBytes} from './remote-script.js';

/** A RootFs of the target whose answers of one audit are kept, so that a whole audit costs a few round trips. */
export type RemoteFs = RootFs & {
	/** Forgets every answer: the next question sees the target afresh (each new fact source calls it). */
	refresh(): void;
	/** Keeps an answer the target gave unasked. */
	offer(extra: Extra): void;
	/** Says that a command ran on the target: what was read before may have changed. */
	changed(): void;
};

/** An errno-style error, as node:fs throws them, so that callers treat a remote failure as they treat a local one. */
function fsError(code: string, operation: string, hostPath: string, detail = ''): NodeJS.ErrnoException {
	return Object.assign(new Error(`${code}: ${operation} '${hostPath}'${detail ? `: ${detail}` : ''}`), {code});
}

/** A node:fs Stats from the fields of `stat -c '%f %u %g %s %Y %i %h %d'`, so that isFile(), isSocket()… work as for a local file. */
export function statsFromFields(fields: readonly string[]): Stats {
	const [modeHex = '0', uid = '0', gid = '0', size = '0', mtime = '0', ino = '0', nlink = '1', dev = '0'] = fields;
	const mtimeMs = Number(mtime) * 1000;
	const time = new Date(mtimeMs);
	return Object.assign(Object.create(Stats.prototype) as Stats, {
		dev: Number(dev), ino: Number(ino), mode: Number.parseInt(modeHex, 16), nlink: Number(nlink), uid: Number(uid), gid: Number(gid), rdev: 0,
		size: Number(size), blksize: 4096, blocks: Math.ceil(Number(size) / 512),
		atimeMs: mtimeMs, mtimeMs, ctimeMs: mtimeMs, birthtimeMs: mtimeMs, atime: time, mtime: time, ctime: time, birthtime: time,
	});
}

const writeScript = [
	'set -e',
	't=$1; d=${t%/*}; [ -n "$d" ] || d=/',
	'mkdir -p -m 755 -- "$d"',
	'if [ -d "$t" ] && [ ! -L "$t" ]; then echo "EISDIR: $t is a directory" >&2; exit 21; fi',
	'n=${t##*/}',
	'tmp=$(mktemp -- "$d/.$n.dockwarden-XXXXXX")',
	// A temporary file is all a lost connection can leave; the target is replaced whole by the rename, or not at all.
	'trap \'rm -f -- "$tmp"\' EXIT',
	'trap \'rm -f -- "$tmp"; exit 1\' HUP INT TERM PIPE',
	'cat -- "$3" > "$tmp"',
	'if [ -e "$t" ]; then chmod "$(stat -c %a -- "$t")" -- "$tmp"; chown "$(stat -c %u:%g -- "$t")" -- "$tmp"; else chmod "$2" -- "$tmp"; fi',
	'sync -- "$tmp" 2>/dev/null || sync',
	// -T: the name is replaced, never a directory or a link's target entered.
	'mv -f -T -- "$tmp" "$t"',
	'trap - EXIT',
].join('\n');

const createScript = [
	't=$1; d=${t%/*}; [ -n "$d" ] || d=/',
	'mkdir -p -m 755 -- "$d" || exit 1',
	'if [ -e "$t" ] || [ -L "$t" ]; then exit 17; fi',
	// set -C: the shell opens the file with O_EXCL, so of two writers only one creates it.
	'( set -C; cat -- "$2" > "$t" ) 2>/dev/null && chmod 600 -- "$t" && exit 0',
	'if [ -e "$t" ]; then exit 17; fi',
	'exit 1',
].join('\n');

/**
The target's files over SSH, under `root` on the target. Every read goes through the batcher: the reads of one moment
share a round trip, and what a fact source reads is kept until it is refreshed (or anything is written). Writes are
atomic on the target: a temporary file in the same directory, then `mv -T`; exclusive creation is `set -C` (O_EXCL).
*/
export function createRemoteFs(batcher: Batcher, root: string, describe: string, more: ReadonlyArray<{readonly op: 'S' | 'F' | 'D'; readonly path: string}> = []): RemoteFs {
	const prefix = root === '/' ? '' : root.replace(/\/+$/, '');
	const cache = new Map<string, Promise<Answer>>();
	let prefetchDue = true;
	// When the answers were fetched, and whether the target changed since: a fact source made right after another
	// (the report's after the journal's look) shares its answers instead of fetching them all again.
	let fetchedAt = 0;
	let changedSince = false;
	const normal = (hostPath: string) => path.posix.resolve('/', hostPath);

	async function ask(op: 'S' | 'L' | 'F' | 'D', hostPath: string): Promise<string[]> {
		return (await answerOf(op, hostPath)).fields;
	}

	/** Files of /proc that are small text without NUL bytes: read by the shell itself, no process started. */
	const procText = /^\/proc\/(?:\d+\/(?:status|comm|cgroup|uid_map|gid_map)|net\/tcp6?)$/;

	function answerOf(op: 'S' | 'L' | 'F' | 'D', hostPath: string): Promise<Answer> {
		if (prefetchDue) {
			prefetchDue = false;
			fetchedAt = Number.POSITIVE_INFINITY;
			changedSince = false;
			prefetch();
		}

		const key = `${op}\0${normal(hostPath)}`;
		let answer = cache.get(key);
		if (!answer) {
			answer = batcher.request({op: op === 'F' && procText.test(normal(hostPath)) ? 'T' : op, args: [normal(hostPath)]});
			cache.set(key, answer);
			// A failed round trip is not an answer to keep.
			answer.catch(() => {
				if (cache.get(key) === answer) {
					cache.delete(key);
				}
			});
		}

		return answer;
	}

	/** Asks, in the first round trip of a fact source, for what every audit reads; /proc in one pass. */
	function prefetch(): void {
		const scan = batcher.request({op: 'C', args: []});
		void scan.finally(() => {
			fetchedAt = Date.now();
		}).catch(() => undefined);
		scan.then(({lines}) => {
			const texts = new Map<string, string>();
			for (const [kind, rest] of lines) {
				const space = rest.indexOf(' ');
				const file = `F\0/proc/${rest.slice(0, space)}/${kind === 'c' ? 'comm' : 'cgroup'}`;
				texts.set(file, `${texts.get(file) ?? ''}${rest.slice(space + 1)}\n`);
			}

			for (const [key, text] of texts) {
				if (!cache.has(key)) {
					cache.set(key, Promise.resolve({fields: [`+${Buffer.from(text).toString('base64')}`], lines: []}));
				}
			}
		}, () => undefined);
		for (const {op, path: hostPath} of [...prefetchRequests, ...more]) {
			ask(op, hostPath).catch(() => undefined);
		}
	}

	async function bytes(hostPath: string): Promise<Buffer | undefined> {
		const {fields: [field], lines} = await answerOf('F', hostPath);
		if (field === '-') {
			return undefined;
		}

		// A T answer: its lines; an F answer: its bytes.
		const data = field === '+' ? Buffer.from(lines.map(([kind, rest]) => kind === 't' ? `${rest}\n` : rest).join('')) : decoded(field);
		if (!data) {
			throw fsError(field?.slice(1) || 'EIO', 'open', hostPath, describe);
		}

		if (data.length > maxFileBytes) {
			throw fsError('EFBIG', 'open', hostPath, `larger than ${maxFileBytes} bytes`);
		}

		return data;
	}

	async function run(script: string, args: readonly string[], content?: string | Buffer): Promise<{exitCode: number; stderr: string}> {
		cache.clear();
		changedSince = true;
		const upload = '@content';
		const {fields} = await batcher.request({
			op: 'X',
			args: ['sh', '-c', script, 'sh', ...args, ...(content === undefined ? [] : [upload])],
			uploads: content === undefined ? undefined : new Map([[upload, Buffer.from(content)]]),
		});
		cache.clear();
		return {exitCode: Number(fields[0]), stderr: decoded(fields[2])?.toString('utf8').trim() ?? ''};
	}

	const target = (hostPath: string) => `${prefix}${normal(hostPath)}`;
	const failed = (operation: string, hostPath: string, result: {exitCode: number; stderr: string}) => {
		const code = /No such file/.test(result.stderr) ? 'ENOENT' : /Read-only/.test(result.stderr) ? 'EROFS' : /denied|not permitted/.test(result.stderr) ? 'EACCES' : 'EIO';
		return fsError(code, operation, hostPath, result.stderr.split('\n')[0] || `exit ${result.exitCode}`);
	};

	return {
		root: prefix || '/',
		local(hostPath) {
			return `${describe}:${target(hostPath)}`;
		},
		refresh() {
			// Still in flight, or back less than 2 s ago, with nothing run or written since: the answers are today's.
			if (!changedSince && (fetchedAt === Number.POSITIVE_INFINITY || Date.now() - fetchedAt < 2000)) {
				return;
			}

			cache.clear();
			prefetchDue = true;
		},
		offer({op, path: hostPath, answer}) {
			const key = `${op === 'T' ? 'F' : op}\0${normal(hostPath)}`;
			if (!cache.has(key)) {
				cache.set(key, Promise.resolve(answer));
			}
		},
		changed() {
			changedSince = true;
		},
		async readText(hostPath) {
			return (await bytes(hostPath))?.toString('utf8');
		},
		async readBytes(hostPath) {
			return bytes(hostPath);
		},
		async exists(hostPath) {
			const [first] = await ask('S', hostPath);
			return first !== '-';
		},
		async stat(hostPath) {
			const fields = await ask('S', hostPath);
			return fields[0] === '-' ? undefined : statsFromFields(fields);
		},
		async readdir(hostPath) {
			const [field] = await ask('D', hostPath);
			if (field === '-') {
				return [];
			}

			const names = decoded(field);
			if (!names) {
				throw fsError(field?.slice(1) || 'EIO', 'scandir', hostPath, describe);
			}

			return names.toString('utf8').split('\0').filter(Boolean);
		},
		async readlink(hostPath) {
			const [field] = await ask('L', hostPath);
			return decoded(field)?.toString('utf8').replace(/\n$/, '');
		},
		async writeAtomic(hostPath, content, modeForNewFile) {
			const result = await run(writeScript, [target(hostPath), modeForNewFile.toString(8)], content);
			if (result.exitCode !== 0) {
				throw failed('write', hostPath, result);
			}
		},
		async remove(hostPath) {
			const result = await run('rm -f -- "$1"', [target(hostPath)]);
			if (result.exitCode !== 0) {
				throw failed('rm', hostPath, result);
			}
		},
		async chown(hostPath, uid, gid) {
			const result = await run('chown -h -- "$2" "$1"', [target(hostPath), `${uid}:${gid}`]);
			if (result.exitCode !== 0) {
				throw failed('chown', hostPath, result);
			}
		},
		async chmod(hostPath, mode) {
			const result = await run('chmod -- "$2" "$1"', [target(hostPath), mode.toString(8)]);
			if (result.exitCode !== 0) {
				throw failed('chmod', hostPath, result);
			}
		},
		async notWritable() {
			const result = await run('[ -w "$1/" ] && exit 0; if grep -qs " $1 [^ ]* ro[, ]" /proc/mounts || grep -qs " / [^ ]* ro[, ]" /proc/mounts; then exit 30; fi; exit 13', [prefix || '/']);
			if (result.exitCode === 0) {
				return undefined;
			}

			return result.exitCode === 30 ? 'it is mounted read-only' : `it is not writable by the SSH user on ${describe} (give the user sudo rights without a password to apply fixes)`;
		},
		async createExclusive(hostPath, content) {
			const result = await run(createScript, [target(hostPath)], content);
			if (result.exitCode === 17) {
				return false;
			}

			if (result.exitCode !== 0) {
				throw failed('create', hostPath, result);
			}

			return true;
		},
	};
}
