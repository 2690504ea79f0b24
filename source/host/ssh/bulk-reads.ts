/**
The reads of a batch that the target answers all at once, in a few processes for the whole round trip instead of a few
for each request: on a host with many containers, the per-request processes (a subshell and `base64` for each listing,
`head` and `base64` for each command line) cost more than the round trip itself. Only on the target's own root (no
--root: there every path is resolved inside the tree first, one by one) and only for paths of plain characters, so that
a path can be told from what follows it in the answer. Each block gives, for every path asked, the same answer its
single request would (remote-script.ts): the kernel files read here end with a newline, so a `grep` line is a `t` line.
- SB … SE: `stat -L -c '%f %u %g %s %Y %i %h %d %n'` of every path (a missing one has no line)
- LB … LE: the link targets (remote-script.ts's lk)
- TB … TE: the text files (T): `=STATUS PATH` for each (`+`, `-`, `!CODE`), then `PATH:LINE` for each line of the readable
  ones, from one `grep`
- FB … FE: whole files (F): the command lines of /proc/N/cmdline and files outside /proc and /sys. `=STATUS PATH` for
  each, `#SIZE PATH` for the readable ones (one `stat`; /proc says 0), then one base64 line of `PATH:RECORD\0` records
  from one `grep -z` over those not larger than the cap, itself capped at maxFileBytes and ended by `=END\0` when
  whole. A file is its records joined by NUL, and one more NUL when its size says so (grep ends every record with one)
- DB … DE: the directory listings (D): one base64 line of NUL-separated fields, the path and its status (`+`, `-`,
  `!EACCES`), then its names; a name holds no `/` and a path starts with one
*/
import {maxFileBytes, shellQuote} from './remote-script.js';
import type {Answer} from './remote-batch.js';

export type BulkOp = 'S' | 'L' | 'T' | 'F' | 'D';

/** A path whose characters cannot be taken for the separators of a block: no `:`, space, quote or newline. */
const plainPath = /^\/[\w.@,+=\\/-]*$/;
const commandLine = /^\/proc\/\d+\/cmdline$/;
const kernelFiles = /^\/(?:proc|sys)(?:\/|$)/;

/** How a request is read in bulk, or undefined when it goes alone. `prefix` is the --root prefix on the target. */
export function bulkOp(op: string, hostPath: string | undefined, prefix: string): BulkOp | undefined {
	if (prefix !== '' || hostPath === undefined) {
		return undefined;
	}

	switch (op) {
		case 'S':
		case 'L': {
			return hostPath.includes('\n') ? undefined : op;
		}

		case 'T':
		case 'D': {
			return plainPath.test(hostPath) ? op : undefined;
		}

		case 'F': {
			// /proc and /sys say size 0: only command lines (NUL-separated, whose last NUL no reader needs) from there.
			return plainPath.test(hostPath) && (commandLine.test(hostPath) || !kernelFiles.test(hostPath)) ? 'F' : undefined;
		}

		default: {
			return undefined;
		}
	}
}

/** What a file is, as op_T and op_F say it: `s` is `+` for a readable regular file. */
const fileStatus = 'if [ ! -e "$f" ]; then s=-; elif [ -d "$f" ]; then s=!EISDIR; elif [ ! -f "$f" ]; then s=!ENOTREG; elif [ ! -r "$f" ]; then s=!EACCES; else s=+; set -- "$@" "$f"; fi; printf \'=%s %s\\n\' "$s" "$f"';

/** The script lines that ask for every path of `paths` (by bulk op) at once. */
export function bulkScript(paths: ReadonlyMap<BulkOp, readonly string[]>): string[] {
	const lines: string[] = [];
	const words = (op: BulkOp) => (paths.get(op) ?? []).map(hostPath => shellQuote(hostPath)).join(' ');
	if (paths.get('S')?.length) {
		lines.push('echo SB', `stat -L -c '%f %u %g %s %Y %i %h %d %n' -- ${words('S')} 2>/dev/null`, 'echo SE');
	}

	if (paths.get('L')?.length) {
		lines.push(`lk ${words('L')}`);
	}

	if (paths.get('T')?.length) {
		lines.push('echo TB', 'set --', `for f in ${words('T')}; do ${fileStatus}; done`, '[ $# -eq 0 ] || LC_ALL=C grep -aH "" -- "$@" 2>/dev/null', 'echo TE');
	}

	if (paths.get('F')?.length) {
		lines.push(
			'echo FB',
			'set --',
			`for f in ${words('F')}; do ${fileStatus}; done`,
			// Larger than the cap by its size: not read (the reader refuses it, as op_F does).
			'if [ $# -gt 0 ]; then z=$(stat -L -c \'%s %n\' -- "$@" 2>/dev/null); set --; while read -r s f; do [ -n "$f" ] || continue; printf \'#%s %s\\n\' "$s" "$f"; [ "$s" -gt ' + String(maxFileBytes) + ' ] || set -- "$@" "$f"; done <<EOF',
			'$z',
			'EOF',
			'fi',
			`[ $# -eq 0 ] || { { LC_ALL=C grep -aHz "" -- "$@" 2>/dev/null; printf '=END\\0'; } | head -c ${maxFileBytes} | e; echo; }`,
			'echo FE',
		);
	}

	if (paths.get('D')?.length) {
		lines.push(
			'echo DB',
			`for d in ${words('D')}; do`,
			'	if [ ! -d "$d" ]; then printf \'%s\\0-\\0\' "$d"',
			'	elif [ ! -r "$d" ] || [ ! -x "$d" ]; then printf \'%s\\0!EACCES\\0\' "$d"',
			// A pattern that matched nothing stays as it is, and is left out unless a name like it exists.
			'	else printf \'%s\\0+\\0\' "$d"; for g in "$d"/* "$d"/.[!.]* "$d"/..?*; do if [ -e "$g" ] || [ -L "$g" ]; then printf \'%s\\0\' "${g##*/}"; fi; done',
			'	fi',
			'done | e',
			'echo',
			'echo DE',
		);
	}

	return lines;
}

/** The answers of one bulk block, by path; `again` holds the paths the block could not answer whole (asked again alone). */
export type BulkAnswers = {readonly answers: Map<string, Answer>; readonly again: Set<string>};

const answerOf = (field: string, lines: Array<readonly [string, string]> = []): Answer => ({fields: [field], lines});

/** The `=STATUS PATH` lines of a TB or FB block, in order. */
function statuses(block: readonly string[]): Array<readonly [string, string]> {
	return block.filter(line => line.startsWith('=')).map(line => {
		const space = line.indexOf(' ');
		return [line.slice(space + 1), line.slice(1, space)] as const;
	});
}

/** Parses a TB … TE block (its lines between the markers). */
export function parseTextBlock(block: readonly string[]): BulkAnswers {
	const answers = new Map<string, Answer>();
	for (const [hostPath, status] of statuses(block)) {
		answers.set(hostPath, answerOf(status));
	}

	for (const line of block) {
		if (!line.startsWith('/')) {
			continue;
		}

		const colon = line.indexOf(':');
		const answer = answers.get(line.slice(0, colon));
		if (colon > 0 && answer?.fields[0] === '+') {
			answer.lines.push(['t', line.slice(colon + 1)]);
		}
	}

	return {answers, again: new Set()};
}

/**
Parses an FB … FE block. A file whose size does not fit its records (it changed while read), and, when the cap cut the
block short, the file it stopped in and those after it, are to be asked again.
*/
export function parseFileBlock(block: readonly string[]): BulkAnswers {
	const order = statuses(block);
	const sizes = new Map(block.filter(line => line.startsWith('#')).map(line => [line.slice(line.indexOf(' ') + 1), Number(line.slice(1, line.indexOf(' ')))]));
	const data = Buffer.from(block.find(line => !line.startsWith('=') && !line.startsWith('#')) ?? '', 'base64');
	const end = Buffer.from('=END\0');
	const whole = data.length >= end.length && data.subarray(-end.length).equals(end);
	const records = new Map<string, Buffer[]>();
	let last: string | undefined;
	let start = 0;
	while (start < data.length) {
		const stop = data.indexOf(0, start);
		const record = data.subarray(start, stop === -1 ? data.length : stop);
		start = stop === -1 ? data.length : stop + 1;
		const colon = record.indexOf(':');
		if (record[0] !== 0x2F || colon === -1) {
			continue;
		}

		last = record.subarray(0, colon).toString('utf8');
		let parts = records.get(last);
		if (!parts) {
			parts = [];
			records.set(last, parts);
		}

		parts.push(record.subarray(colon + 1));
	}

	const answers = new Map<string, Answer>();
	const again = new Set<string>();
	const cut = whole ? -1 : order.findIndex(([hostPath]) => hostPath === last);
	for (const [index, [hostPath, status]] of order.entries()) {
		const size = sizes.get(hostPath);
		if (status !== '+') {
			answers.set(hostPath, answerOf(status));
		} else if (size !== undefined && size > maxFileBytes) {
			answers.set(hostPath, answerOf('!EFBIG'));
		} else if (size === undefined || (!whole && (cut === -1 || index >= cut))) {
			again.add(hostPath);
		} else {
			const parts = records.get(hostPath) ?? [];
			const joined = commandLine.test(hostPath) ? Buffer.concat(parts.flatMap(part => [part, Buffer.from([0])])) : Buffer.concat(parts.flatMap((part, at) => at === 0 ? [part] : [Buffer.from([0]), part]));
			const content = !commandLine.test(hostPath) && size === joined.length + 1 ? Buffer.concat([joined, Buffer.from([0])]) : joined;
			if (commandLine.test(hostPath) || content.length === size) {
				answers.set(hostPath, answerOf(`+${content.toString('base64')}`));
			} else {
				again.add(hostPath);
			}
		}
	}

	return {answers, again};
}

/** Parses a DB … DE block. */
export function parseDirectoryBlock(block: readonly string[]): BulkAnswers {
	const fields = Buffer.from(block.join(''), 'base64').toString('utf8').split('\0');
	const listings = new Map<string, {status: string; names: string[]}>();
	let current: {status: string; names: string[]} | undefined;
	for (let index = 0; index < fields.length; index++) {
		const field = fields[index]!;
		if (field.startsWith('/')) {
			current = {status: fields[++index] ?? '!EIO', names: []};
			listings.set(field, current);
		} else if (field !== '' && current) {
			current.names.push(field);
		}
	}

	const answers = new Map<string, Answer>();
	for (const [hostPath, {status, names}] of listings) {
		answers.set(hostPath, answerOf(status === '+' ? `+${Buffer.from(names.map(name => `${name}\0`).join('')).toString('base64')}` : status));
	}

	return {answers, again: new Set()};
}
