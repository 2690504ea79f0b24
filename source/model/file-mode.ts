/**
Pure helpers for file owners and permission bits, as section 3 judges them.

Modes are bit sets, never numbers: "644 or more restrictive" means no permission bit beyond rw-r--r--,
so 0600 complies and 0577 (r-xrwxrwx) does not, although 577 < 644.
*/
import type {FileStat} from './facts.js';

/** Every permission bit, including setuid, setgid and sticky. */
export const permissionMask = 0o7777;

/** The bits of `mode` beyond `allowed` (0 when `mode` is `allowed` or more restrictive). */
export function excessBits(mode: number, allowed: number): number {
	return mode & ~allowed & permissionMask;
}

/** True when `mode` has no permission bit beyond `allowed`. */
export function isWithinMode(mode: number, allowed: number): boolean {
	return excessBits(mode, allowed) === 0;
}

/** `mode` with the bits beyond `allowed` removed; never adds a bit. */
export function restrictMode(mode: number, allowed: number): number {
	return mode & allowed & permissionMask;
}

/** A mode in four octal digits, e.g. `0644` or `4755`. */
export function octalMode(mode: number): string {
	return (mode & permissionMask).toString(8).padStart(4, '0');
}

/** A mode as `ls -l` shows it, e.g. `rw-r--r--` or `rwsr-xr-x`. */
export function symbolicMode(mode: number): string {
	const triple = (shift: number, special: number, specialLetter: string): string => {
		const bits = (mode >> shift) & 0o7;
		const execute = (bits & 0o1) !== 0;
		let last = execute ? 'x' : '-';
		if ((mode & special) !== 0) {
			last = execute ? specialLetter : specialLetter.toUpperCase();
		}

		return `${(bits & 0o4) === 0 ? '-' : 'r'}${(bits & 0o2) === 0 ? '-' : 'w'}${last}`;
	};

	return `${triple(6, 0o4000, 's')}${triple(3, 0o2000, 's')}${triple(0, 0o1000, 't')}`;
}

/** A mode in both forms, e.g. `0644 (rw-r--r--)`. */
export function formatMode(mode: number): string {
	return `${octalMode(mode)} (${symbolicMode(mode)})`;
}

const classes = [
	{name: 'owner', shift: 6},
	{name: 'group', shift: 3},
	{name: 'other', shift: 0},
] as const;

const specials = [
	{name: 'setuid', bit: 0o4000},
	{name: 'setgid', bit: 0o2000},
	{name: 'sticky', bit: 0o1000},
] as const;

function joinWords(words: readonly string[]): string {
	const last = words.at(-1) ?? '';
	return words.length <= 1 ? last : `${words.slice(0, -1).join(', ')} and ${last}`;
}

function permissionWords(bits: number): string {
	const words: string[] = [];
	if ((bits & 0o4) !== 0) {
		words.push('read');
	}

	if ((bits & 0o2) !== 0) {
		words.push('write');
	}

	if ((bits & 0o1) !== 0) {
		words.push('execute');
	}

	return joinWords(words);
}

/**
Names a set of permission bits in words, classes with the same permissions together:
0o020 → `group write`, 0o022 → `group and other write`, 0o4000 → `setuid`, 0o133 → `owner execute, group and other write and execute`.
*/
export function describeBits(bits: number): string {
	const byPermission = new Map<string, string[]>();
	for (const {name, shift} of classes) {
		const words = permissionWords((bits >> shift) & 0o7);
		if (words !== '') {
			byPermission.set(words, [...(byPermission.get(words) ?? []), name]);
		}
	}

	const parts = [...byPermission].map(([words, names]) => `${names.join(' and ')} ${words}`);
	for (const {name, bit} of specials) {
		if ((bits & bit) !== 0) {
			parts.push(name);
		}
	}

	return parts.join(', ');
}

/** True when `bits` holds more than one permission bit. */
export function hasSeveralBits(bits: number): boolean {
	return (bits & (bits - 1)) !== 0;
}

/** An owner and group as `ls -l` shows them, falling back to numbers: `root:docker`, `1000:1000`. */
export function formatOwnership(stat: FileStat): string {
	return `${stat.owner ?? stat.uid ?? '?'}:${stat.group ?? stat.gid ?? '?'}`;
}

/** What a stat says about a path: `/etc/docker is root:root 0755 (rwxr-xr-x)`. */
export function describeStat(stat: FileStat): string {
	return `${stat.path} is ${formatOwnership(stat)} ${stat.mode === undefined ? 'mode unknown' : formatMode(stat.mode)}`;
}
