/*
The one sanitiser and the one secret mask for text that came from the host (container and image metadata, process command lines,
file paths, hostnames, file contents in diffs, journal listings, error messages) on its way to a terminal or a report.
This module imports nothing of the project: every output path (reports, the TUI, stderr) can use it.

Decisions:
- Controls become visible escapes, never raw bytes: `\n`, `\r`, `\t` for the three usual ones, `\xHH` for the other C0 controls,
  DEL and the C1 controls (U+0080–U+009F, so the single-character CSI U+009B is `\x9b`), `\uHHHH` (or `\u{HHHHH}`) for bidi
  overrides, embeddings, isolates and marks, line and paragraph separators, zero-width characters, the BOM and the tag characters.
- A literal backslash stays as it is. A host string holding the four characters `\x1b` therefore reads the same as one holding an
  ESC; that ambiguity is harmless (both are visible text), and it keeps the sanitiser idempotent, so a string made safe twice
  (by the report and again by a writer) does not change the second time and no escape gets doubled.
- `safeText` is single-line by default: a newline is `\n`, so a hostname, a cell or an evidence line never forges a row.
  A tab becomes one space (a tab cannot hide anything, but it breaks column widths); callers that lay out tabbed text
  (diffs on the confirm screen) expand tabs to their stops before.
- A masked value becomes `***`, and the string then ends with ` (a secret was masked)`, once, so every output says it.
  `***` itself is never masked again: masking is idempotent too.
*/

/** What `safeText` appends to a string in which it masked a secret. */
export const maskedNotice = ' (a secret was masked)';

/** What a masked value is replaced with. */
export const maskedValue = '***';

/** The controls `visibleControls` may leave raw when a caller allows them. */
export type AllowedControl = '\n' | '\t';

const named: Readonly<Record<string, string>> = {'\n': '\\n', '\r': '\\r', '\t': '\\t'};

/**
Every character that must never reach a terminal or a renderer raw: C0 controls, DEL, C1 controls; bidi embeddings and overrides
(U+202A–U+202E), isolates (U+2066–U+2069), marks (U+200E, U+200F, U+061C); zero-width characters and invisible operators
(U+200B–U+200D, U+2060–U+2064); line and paragraph separators (U+2028, U+2029); the BOM (U+FEFF); interlinear annotations
(U+FFF9–U+FFFB); tag characters (U+E0000–U+E007F).
*/
const unsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
/** The same, to test; without the `u` flag (the tag characters as their surrogate pairs), a scan is several times faster. */
const anyUnsafe = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/;

/** The visible escape of one unsafe character. */
function escapeOf(character: string): string {
	const code = character.codePointAt(0)!;
	if (named[character] !== undefined) {
		return named[character];
	}

	if (code <= 0xFF) {
		return `\\x${code.toString(16).padStart(2, '0')}`;
	}

	return code <= 0xFFFF ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
Turns every control character (C0, DEL, C1 including U+009B), bidi control, zero-width character and line separator of `text` into
a visible escape: `\x1b`, `\x9b`, `\u202e`, `\n`. `allow` lists the controls left raw (`'\n'` for a multi-line body, `'\t'`);
none by default, as for a single-line cell. A backslash stays as it is (see the module comment).
*/
export function visibleControls(text: string, allow: readonly AllowedControl[] = []): string {
	if (!anyUnsafe.test(text)) {
		return text;
	}

	return text.replaceAll(unsafe, character => allow.includes(character as AllowedControl) ? character : escapeOf(character));
}

/** A value as it was matched, with its quotes kept: `"a b"`, `'x'`, `word`. */
const value = String.raw`(?:"[^"\n]*"|'[^'\n]*'|[^\s"';&|]+)`;

/**
A value that is not a secret but stands for one: a placeholder (`TOKEN`, `<password>`, `...`) or a variable the shell expands
(`$CI_PASSWORD`, `${TOKEN}`), as in documentation and in scripts that keep the secret elsewhere.
*/
const placeholder = /^(?:[A-Z][A-Z_]*|<[^>]*>|\$\{?\w+\}?|\.\.\.|\u2026)$/;

/** The value with its quotes kept and the inside masked; already masked, empty or a placeholder, it is left alone (and not counted). */
function maskValue(raw: string, hit: () => void): string {
	const quote = raw.startsWith('"') || raw.startsWith('\'') ? raw[0] : '';
	const inner = quote ? raw.slice(1, -1) : raw;
	if (inner === '' || inner === maskedValue || placeholder.test(inner)) {
		return raw;
	}

	hit();
	return `${quote}${maskedValue}${quote}`;
}

/** Names of flags and variables whose value is a secret. */
const secretName = /(?:password|passwd|passphrase|_pass$|^pass$|_token$|^token$|_key$|^api_?key$|_secret$|^secret$|^auth_?token$)/i;

/** Commands where `-p` takes a password, attached (`-pX`) or as the next word (`-p X`): a registry login (with `login` after it), mysql, sshpass. */
const loginTool = /\b(?:docker|podman|buildah|nerdctl|skopeo|oras|helm)\b/;
const loginWord = /(?<=\s)login\b/;
const dashPTool = /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh|mariadb|mariadb-dump|sshpass)\b/;
/** `-p` with its value; case-sensitive, as mysql's `-P` is the port. */
const dashP = new RegExp(String.raw`(?<=\s)(-p\s*)(?!-)(${value})`, 'g');
/** `curl -u user:password`, `curl --user=user:password`. */
const curlUser = /(?<=\s)((?:-u|--user)(?:\s+|=)["']?[^\s:"']+:)([^\s"']+)/g;

/**
Masks `-p` passwords and curl's `-u user:password`, one shell command at a time (split at `;`, `&`, `|` and newlines), only after the
command that gives them that meaning: `docker run -p 8080:80` keeps its port. Linear in the text's length.
*/
function maskCommandPasswords(text: string, hit: () => void): string {
	if (!/\s-p/.test(text) && !text.includes('curl')) {
		return text;
	}

	return text.split(/(?=[;&|\n])/).map(segment => {
		let start = -1;
		const tool = loginTool.exec(segment);
		if (tool) {
			const login = loginWord.exec(segment.slice(tool.index));
			start = login ? tool.index + login.index : -1;
		}

		const dashTool = dashPTool.exec(segment);
		if (dashTool && (start === -1 || dashTool.index < start)) {
			start = dashTool.index;
		}

		let masked = start === -1 ? segment : `${segment.slice(0, start)}${segment.slice(start).replace(dashP, (_match, flag: string, secret: string) => `${flag}${maskValue(secret, hit)}`)}`;
		const curl = /\bcurl\b/.exec(masked);
		if (curl) {
			masked = `${masked.slice(0, curl.index)}${masked.slice(curl.index).replace(curlUser, (_match, head: string, secret: string) => `${head}${maskValue(secret, hit)}`)}`;
		}

		return masked;
	}).join('');
}

/** A mask: `when` is a cheap test that the text may hold what `pattern` finds (most host text holds no secret, and a full audit makes thousands of lines safe). */
type Rule = {readonly when: (text: string) => boolean; readonly pattern: RegExp; readonly replace: (hit: () => void, match: string, ...groups: string[]) => string};

/** The masks, applied in this order. */
const rules: readonly Rule[] = [
	{
		when: text => text.includes('PRIVATE KEY'),
		// -----BEGIN RSA PRIVATE KEY----- ... -----END RSA PRIVATE KEY-----, or to the end of the text when it was cut.
		pattern: /(-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----)([\s\S]*?)(-----END \2PRIVATE KEY-----|$)/g,
		replace: (hit, _match, begin, kind, body, end) => `${begin}${body!.trim() === maskedValue || body!.trim() === '' ? body : (hit(), maskedValue)}${end || `-----END ${kind}PRIVATE KEY-----`}`,
	},
	{
		when: text => /authorization/i.test(text),
		// Authorization: Basic ..., Authorization: Bearer ..., also inside -H '...'.
		pattern: /(\b(?:proxy-)?authorization\s*:\s*(?:(?:basic|bearer|token|digest|negotiate)\s+)?)([^\s'"]+)/gi,
		replace: (hit, _match, head, secret) => `${head}${maskValue(secret!, hit)}`,
	},
	{
		when: text => /bearer/i.test(text),
		// Bearer tokens outside a header.
		pattern: /(\bbearer\s+)([\w.~+/=-]{8,})/gi,
		replace: (hit, _match, head, secret) => `${head}${maskValue(secret!, hit)}`,
	},
	{
		when: text => text.includes('://') && text.includes('@'),
		// scheme://user:password@host
		pattern: /(\b[a-z][a-z\d+.-]*:\/\/[^\s:@/]+:)([^\s@/]+)(@)/gi,
		replace: (hit, _match, head, secret, at) => `${head}${maskValue(secret!, hit)}${at}`,
	},
	{
		when: text => text.includes('--'),
		// --password X, --password=X, --db-password X, --token X, --api-key=X; not --password-stdin, --password-file, --no-password,
		// nor docker's --secret, whose value names a secret (id=...,src=...) and does not hold it.
		pattern: new RegExp(String.raw`(^|[\s"'])(--(?!no-|skip-)[\w-]*?(?:password|passwd|passphrase|token|api-key|apikey|client-secret)(?:=|\s+))(?!--)(${value})`, 'gi'),
		replace: (hit, _match, before, flag, secret) => `${before}${flag}${maskValue(secret!, hit)}`,
	},
	{
		when: text => text.includes('=') && /pass|token|key|secret/i.test(text),
		// NAME=VALUE with NAME ending in _TOKEN, _KEY, _SECRET, or holding PASSWORD or PASSWD (environment, build args, labels).
		pattern: new RegExp(String.raw`(?<![\w-])([A-Za-z_][\w.-]*)(=)(${value})`, 'g'),
		replace: (hit, match, name, equals, secret) => secretName.test(name!) ? `${name}${equals}${maskValue(secret!, hit)}` : match,
	},
	{
		when: text => text.includes('"'),
		// "password": "X" in JSON.
		pattern: /("[\w.-]*(?:password|passwd|secret|token|_key|apikey|api_key)"\s*:\s*)("(?:[^"\\\n]|\\.)*")/gi,
		replace: (hit, _match, head, secret) => `${head}${maskValue(secret!, hit)}`,
	},
	{
		when: text => /A[KSGIRNP][A-Z]A/.test(text),
		// AWS access key ids.
		pattern: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z\d]{16})\b/g,
		replace: (hit, _match, key) => (hit(), `${key!.slice(0, 4)}${maskedValue}`),
	},
	{
		when: text => /gh[pousr]_|github_pat_|glpat-|xox[abposr]-|eyJ/.test(text),
		// GitHub, GitLab and Slack tokens, JSON web tokens.
		pattern: /\b(gh[pousr]_[A-Za-z\d]{30,}|github_pat_\w{22,}|glpat-[\w-]{20,}|xox[abposr]-[\w-]{10,}|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,})\b/g,
		replace: (hit, _match, token) => (hit(), `${/^(?:gh[pousr]_|github_pat_|glpat-|xox[abposr]-|eyJ)/.exec(token!)![0]}${maskedValue}`),
	},
];

/** `text` with every secret it holds replaced by `***`, and whether any was. Idempotent: a `***` is never masked again. */
export function maskSecrets(text: string): {readonly text: string; readonly masked: boolean} {
	let masked = false;
	const hit = () => {
		masked = true;
	};

	let result = maskCommandPasswords(text, hit);
	for (const rule of rules) {
		if (!rule.when(result)) {
			continue;
		}

		result = result.replace(rule.pattern, (...args: unknown[]) => {
			const groups = args.slice(0, args.findIndex(argument => typeof argument === 'number')) as string[];
			return rule.replace(hit, ...(groups as [string, ...string[]]));
		});
	}

	return {text: result, masked};
}

/** How `safeText` treats line breaks. */
export type SafeTextOptions = {
	/** Keep newlines as line breaks (a multi-line body: a diff, a listing); by default a newline is `\n`. */
	readonly multiline?: boolean;
};

/**
THE function every host-derived string passes through before output: secrets masked (and ` (a secret was masked)` appended
once when one was), then every control character made visible. Single-line unless `multiline`; tabs become spaces. Idempotent.
*/
export function safeText(text: string, options: SafeTextOptions = {}): string {
	const {text: masked, masked: any} = maskSecrets(text);
	const visible = visibleControls(masked.replaceAll('\t', ' '), options.multiline ? ['\n'] : []);
	return any && !visible.endsWith(maskedNotice) ? `${visible}${maskedNotice}` : visible;
}
