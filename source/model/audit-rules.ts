import type {AuditWatch} from './facts.js';

/** Splits a rule line into words, honouring double quotes (auditctl quotes keys with spaces). */
function words(line: string): string[] {
	return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map(match => match[1] ?? match[2]!);
}

/**
Parses one audit rule line into a watch, or undefined when it is not a file watch.
Understands `-w PATH [-p PERMS] [-k KEY]` and the syscall form `-a always,exit ... -F path=PATH|dir=PATH -F perm=PERMS [-F key=KEY | -k KEY]`.
*/
export function parseAuditRule(line: string, source: string): AuditWatch | undefined {
	const text = line.trim();
	if (text === '' || text.startsWith('#')) {
		return undefined;
	}

	const parts = words(text);
	let path: string | undefined;
	let permissions: string | undefined;
	let key: string | undefined;
	let action: string | undefined;
	for (let index = 0; index < parts.length; index++) {
		const part = parts[index]!;
		const next = parts[index + 1];
		switch (part) {
			case '-w': {
				path = next;
				index++;
				break;
			}

			case '-p': {
				permissions = next;
				index++;
				break;
			}

			case '-k': {
				key = next;
				index++;
				break;
			}

			case '-a':
			case '-A': {
				action = next;
				index++;
				break;
			}

			case '-F': {
				const [field, ...rest] = (next ?? '').split('=');
				const value = rest.join('=');
				if (field === 'path' || field === 'dir') {
					path = value;
				} else if (field === 'perm') {
					permissions = value;
				} else if (field === 'key') {
					key = value;
				}

				index++;
				break;
			}

			default:
		}
	}

	if (!path || (action !== undefined && !/\balways\b/.test(action))) {
		return undefined;
	}

	return {path, permissions: permissions ?? 'rwxa', key, text, source};
}

/** Parses the lines of `auditctl -l` or of a rules file. */
export function parseAuditRules(text: string, sourceOf: (lineNumber: number) => string): AuditWatch[] {
	return text.split('\n').flatMap((line, index) => {
		const watch = parseAuditRule(line, sourceOf(index + 1));
		return watch ? [watch] : [];
	});
}

/**
True when the watch covers `target`: the same path, or a directory that contains it; with both w and a among its permissions.
A path that merely starts with the same letters (`/etc/docker2`) does not count.
*/
export function watchCovers(watch: AuditWatch, target: string): boolean {
	const watched = watch.path.replace(/\/+$/, '') || '/';
	const covers = target === watched || target.startsWith(watched === '/' ? '/' : `${watched}/`);
	return covers && watchesWrites(watch);
}

/** True when the watch records both writes and attribute changes. */
export function watchesWrites(watch: AuditWatch): boolean {
	return watch.permissions.includes('w') && watch.permissions.includes('a');
}

/** True when the watch names exactly this path or an enclosing directory, whatever its permissions. */
export function watchNames(watch: AuditWatch, target: string): boolean {
	const watched = watch.path.replace(/\/+$/, '') || '/';
	return target === watched || target.startsWith(watched === '/' ? '/' : `${watched}/`);
}
