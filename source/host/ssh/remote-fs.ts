import {Stats} from 'node:fs';
import path from 'node:path';
import type {FileExpectation, RootFs} from '../root-fs.js';
import {decoded, type Answer, type Batcher, type Extra} from './remote-batch.js';
import {prefetchRequests} from './prefetch.js';
import {maxFileBytes, resolveFunction} from './remote-script.js';

/** A RootFs of the target whose answers of one audit are kept, so that a whole audit costs a few round trips. */
export type RemoteFs = RootFs & {
	/** Forgets every answer: the next question sees the target afresh (each new fact source calls it). */
	refresh(): void;
	/** Keeps an answer the target gave unasked. */
	offer(extra: Extra): void;
	/** Says that a command ran on the target: what was read before may have changed. */
	changed(): void;
};

/** The uid, gid and mode a chown or chmod expects, as the attribute script's arguments ('' for what is not checked). */
function expected(expect: FileExpectation | undefined): string[] {
	return [expect?.uid, expect?.gid, expect?.mode].map(value => value === undefined ? '' : String(value));
}

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

/**
The shell functions of the scripts that change files, after `R` (the --root prefix on the target) and the resolver:
- wd HOSTPATH [create]: the file's directory resolved inside the tree (created 0755 when missing and asked to): sets d
  (its path on the target), n (the name), t ($d/$n); returns 1 when the directory is missing; a loop, a link to nothing
  or a non-directory on the way ends the script with its error
- us DIR STICKY: refuses (returns 1, w saying why) a directory another user could write in, as root-fs.ts does: owned
  by another uid than root or ours, writable by every user (a sticky one like /tmp allowed when STICKY is 1), or by a
  group other than root's or ours
Errors are one line on stderr, `CODE: message`, and exit codes 40 and up; remote-fs.ts turns the code into the errno.
*/
const changeFunctions = [
	resolveFunction,
	'wd() {',
	'	h=$1; n=${h##*/}; hd=${h%/*}; [ -n "$hd" ] || hd=/',
	'	case $n in \'\'|.|..) echo "EINVAL: $h does not name a file" >&2; exit 46 ;; esac',
	'	rp "$hd" 1; r=$?',
	'	if [ $r = 1 ] && [ "$2" = create ]; then mkdir -p -m 755 -- "$p" || exit 1; rp "$hd" 1; r=$?; fi',
	'	case $r in',
	'		0) ;;',
	'		1) return 1 ;;',
	'		2) echo "ELOOP: $h: too many levels of symbolic links (more than 40) under --root $R" >&2; exit 44 ;;',
	'		*) echo "EDANGLING: $h: its directory is a symbolic link to $P, which does not exist under --root $R: links resolve inside the tree, as in a chroot" >&2; exit 45 ;;',
	'	esac',
	'	[ -d "$p" ] || { echo "ENOTDIR: $h: $P is not a directory" >&2; exit 20; }',
	'	d=$p; D=$P; t=$d/$n',
	'}',
	'us() {',
	'	a=$(stat -c \'%u %g %a\' -- "$1") || exit 1',
	'	u=${a%% *}; a=${a#* }; g=${a%% *}; a=${a#* }; m=$((0$a)); o=$(printf %04o "$m"); st=0',
	'	[ "$2" = 1 ] && [ $((m & 512)) != 0 ] && st=1',
	'	if [ "$u" != 0 ] && [ "$u" != "$(id -u)" ]; then w="is owned by uid $u"',
	'	elif [ $((m & 2)) != 0 ] && [ $st = 0 ]; then w="is writable by every user (mode $o)"',
	'	elif [ $((m & 16)) != 0 ] && [ "$g" != 0 ] && [ "$g" != "$(id -g)" ] && [ $st = 0 ]; then w="is writable by group $g (mode $o)"',
	'	else return 0; fi',
	'	return 1',
	'}',
].join('\n');

/** A script that changes files: `sh -c SCRIPT sh ROOT ARGS…`; its own args are $1… after ROOT. */
const changeScript = (lines: readonly string[]) => ['umask 022', 'R=$1', 'shift', changeFunctions, ...lines].join('\n');

const writeScript = changeScript([
	// $1 the host path, $2 the mode of a new file (octal), $3 the uploaded content.
	'wd "$1" create || exit 1',
	'us "$d" 1 || { echo "EUNSAFE: refusing to write $1: its directory $D $w, so another user could replace what dockwarden writes" >&2; exit 42; }',
	'if [ -L "$t" ]; then echo "ESYMLINK: $1 is a symbolic link (to $(readlink -- "$t")): dockwarden does not write through a link, nor replace it with a file; nothing was written" >&2; exit 40; fi',
	'if [ -e "$t" ] && [ ! -f "$t" ]; then echo "ENOTREG: $1 is not a regular file: nothing was written" >&2; exit 41; fi',
	'tmp=$(mktemp -- "$d/.$(printf %.200s "$n").dockwarden-XXXXXX") || exit 1',
	// A temporary file is all a lost connection can leave; the target is replaced whole by the rename, or not at all.
	'trap \'rm -f -- "$tmp"\' EXIT',
	'trap \'rm -f -- "$tmp"; exit 1\' HUP INT TERM PIPE',
	'cat -- "$3" > "$tmp" || exit 1',
	'if [ -e "$t" ]; then chmod "$(stat -c %a -- "$t")" -- "$tmp" && chown "$(stat -c %u:%g -- "$t")" -- "$tmp" || exit 1; else chmod "$2" -- "$tmp" || exit 1; fi',
	'sync -- "$tmp" 2>/dev/null || sync',
	// -T: the name is replaced, never a directory or a link's target entered.
	'mv -f -T -- "$tmp" "$t" || exit 1',
	'trap - EXIT',
]);

const createScript = changeScript([
	// $1 the host path, $2 the uploaded content.
	'wd "$1" create || exit 1',
	'us "$d" 1 || { echo "EUNSAFE: refusing to write $1: its directory $D $w, so another user could replace what dockwarden writes" >&2; exit 42; }',
	'if [ -e "$t" ] || [ -L "$t" ]; then exit 17; fi',
	// set -C: the shell opens the file with O_EXCL, so of two writers only one creates it; umask 077: mode 0600.
	'( set -C; umask 077; cat -- "$2" > "$t" ) 2>/dev/null && exit 0',
	'if [ -e "$t" ] || [ -L "$t" ]; then exit 17; fi',
	'exit 1',
]);

const removeScript = changeScript([
	// The link itself, never its target; nothing when the directory is missing.
	'wd "$1" || exit 0',
	'rm -f -- "$t"',
]);

/**
A chown or chmod: $1 the host path, $2 chown or chmod, $3 its argument, $4 $5 $6 the uid, gid and mode (decimal) the
check saw, or empty. The file is resolved inside the tree, must be a file, directory or socket, its directory writable
by no other user (no sticky exception: the file could be swapped between the check and the change), and still be
what the check saw.
*/
const attributeScript = changeScript([
	'rp "$1" 1; case $? in',
	'	0) ;;',
	'	2) echo "ELOOP: $1: too many levels of symbolic links (more than 40) under --root $R" >&2; exit 44 ;;',
	'	*) echo "ENOENT: no such file or directory, $2 \'$1\'" >&2; exit 47 ;;',
	'esac',
	'f=$p; F=$P',
	'if [ ! -f "$f" ] && [ ! -d "$f" ] && [ ! -S "$f" ]; then echo "ENOTREG: refusing to $2 $1: it is not a file, directory or socket" >&2; exit 41; fi',
	'fd=${F%/*}; [ -n "$fd" ] || fd=/',
	'us "$R$fd" 0 || { echo "EUNSAFE: refusing to $2 $1: its directory $fd $w, so another user could swap the file between the check and the change; make the directory root\'s and not writable by others first" >&2; exit 42; }',
	'a=$(stat -c \'%u %g %a\' -- "$f") || exit 1',
	'u=${a%% *}; a=${a#* }; g=${a%% *}; a=${a#* }; m=$((0$a)); seen=',
	'[ -z "$4" ] || [ "$u" = "$4" ] || seen="$seen; owner uid $u, the check saw $4"',
	'[ -z "$5" ] || [ "$g" = "$5" ] || seen="$seen; group gid $g, the check saw $5"',
	'[ -z "$6" ] || [ $((m & 511)) = $(($6 & 511)) ] || seen="$seen; mode $(printf %04o "$m"), the check saw $(printf %04o "$6")"',
	'if [ -n "$seen" ]; then echo "ECHANGED: $1 changed since it was checked (${seen#; }): nothing was changed; run the check again" >&2; exit 43; fi',
	'"$2" -- "$3" "$f"',
]);

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

	/** Small kernel text files without NUL bytes (/proc's, a cgroup's members): read by the shell itself, no process started. */
	const procText = /^\/proc\/(?:\d+\/(?:status|comm|cgroup|uid_map|gid_map)|net\/tcp6?)$|^\/sys\/fs\/cgroup\/[^\0]+\/cgroup\.procs$/;

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
		// The scripts' own refusals (exit 40 and up) say `CODE: message`, as root-fs.ts's errors do.
		const own = result.exitCode >= 40 ? /^(E[A-Z]+): (.*)$/.exec(result.stderr.split('\n').at(-1) ?? '') : null;
		if (own) {
			return Object.assign(new Error(own[2]), {code: own[1]});
		}

		const code = /No such file/.test(result.stderr) ? 'ENOENT' : /Read-only/.test(result.stderr) ? 'EROFS' : /denied|not permitted/.test(result.stderr) ? 'EACCES' : 'EIO';
		return fsError(code, operation, hostPath, result.stderr.split('\n')[0] || `exit ${result.exitCode}`);
	};
	const hostArgs = (hostPath: string, ...rest: string[]) => [prefix, normal(hostPath), ...rest];

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
			const result = await run(writeScript, hostArgs(hostPath, modeForNewFile.toString(8)), content);
			if (result.exitCode !== 0) {
				throw failed('write', hostPath, result);
			}
		},
		async remove(hostPath) {
			const result = await run(removeScript, hostArgs(hostPath));
			if (result.exitCode !== 0) {
				throw failed('rm', hostPath, result);
			}
		},
		async chown(hostPath, uid, gid, expect) {
			const result = await run(attributeScript, hostArgs(hostPath, 'chown', `${uid}:${gid}`, ...expected(expect)));
			if (result.exitCode !== 0) {
				throw failed('chown', hostPath, result);
			}
		},
		async chmod(hostPath, mode, expect) {
			const result = await run(attributeScript, hostArgs(hostPath, 'chmod', mode.toString(8), ...expected(expect)));
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
			const result = await run(createScript, hostArgs(hostPath), content);
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
