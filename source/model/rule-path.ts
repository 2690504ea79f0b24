/**
Checks for the values dockwarden places in audit rules, rules-file lines and `p` (prove it) commands, and a way to
quote a value read from the host in a one-line refusal. A rule line is split on whitespace by auditctl and augenrules,
so a path with a space or a newline in it would become two rules, or an option of its own.
*/
import path from 'node:path';
import {visibleControls} from '../text/safe-text.js';

/** Control characters (C0, DEL, C1) and the bidi controls that reorder what a terminal shows. */
const unsafeCharacters = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** Any whitespace, Unicode's included: one would split a rule line. */
const whitespace = /[\s\u0085\u180E\u200B\uFEFF]/;

/** The longest path the kernel accepts (PATH_MAX, less its NUL). */
const pathMax = 4095;

/** True when text holds a control character (C0, DEL, C1) or a bidi control. */
export function hasControlCharacters(text: string): boolean {
	return unsafeCharacters.test(text);
}

/**
Why a path cannot be used as a host path in a rule or a journal record, or undefined when it can: it must be absolute,
normalised (no `.` or `..` segment, no doubled or trailing `/`), at most PATH_MAX long, and free of control characters.
*/
export function pathProblem(value: string): string | undefined {
	if (value === '') {
		return 'the path is empty';
	}

	if (value.length > pathMax) {
		return `the path is longer than ${pathMax} characters`;
	}

	if (hasControlCharacters(value)) {
		return `the path ${shown(value)} holds a control character`;
	}

	if (!value.startsWith('/')) {
		return `the path ${shown(value)} is not absolute`;
	}

	if (path.posix.normalize(value) !== value || (value.length > 1 && value.endsWith('/'))) {
		return `the path ${shown(value)} is not normalised (a "." or ".." segment, or a doubled or trailing "/")`;
	}

	return undefined;
}

/** Why a path cannot go into an audit rule or a rules-file line (see `pathProblem`; whitespace too), or undefined. */
export function rulePathProblem(value: string): string | undefined {
	const problem = pathProblem(value);
	if (problem !== undefined) {
		return problem;
	}

	return whitespace.test(value) ? `the path ${shown(value)} holds whitespace, which would split an audit rule line` : undefined;
}

/** What an audit key may be: a short token that cannot split a rule line or start an option. */
const auditKeyShape = /^[A-Za-z\d_][A-Za-z\d_.-]{0,30}$/;

/** Why a value cannot be an audit key (`-k KEY`), or undefined: 1 to 31 of A-Z a-z 0-9 _ . -, not starting with . or -. */
export function auditKeyProblem(key: string): string | undefined {
	return auditKeyShape.test(key) ? undefined : `the audit key ${shown(key)} is not 1 to 31 of the characters A-Z a-z 0-9 _ . - (not starting with . or -)`;
}

/**
A value read from the host, quoted for a one-line message: JSON-escaped, with every control and bidi character made a
visible escape, and cut at 120 characters.
*/
export function shown(value: unknown): string {
	if (typeof value !== 'string') {
		return visible(String(JSON.stringify(value)).slice(0, 120));
	}

	return visible(JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value));
}

/** Text with every control and bidi character made a visible escape (the shared sanitiser's), and nothing else changed. */
export function visible(text: string): string {
	return visibleControls(text);
}
