/** A host reached over SSH, as named on the command line: `ssh://[user@]host[:port]`. */
export type SshTarget = {
	/** The URL as the operator should see it, normalised: `ssh://user@host:port` with only the parts given. */
	readonly url: string;
	readonly user?: string;
	readonly host: string;
	readonly port?: number;
};

const hostPattern = /^(?:[A-Za-z\d_](?:[A-Za-z\d_.-]{0,252})|\[[\dA-Fa-f:.]+\])$/;
const userPattern = /^[A-Za-z\d_][A-Za-z\d_.-]{0,63}$/;

/**
Parses `ssh://[user@]host[:port]` (as `docker -H ssh://` takes it). The host is a name or an address as ssh takes it,
never anything that could read as an option of ssh (a leading `-`), so it is safe to pass as an argument.
*/
export function parseSshTarget(text: string): SshTarget | {readonly error: string} {
	const match = /^ssh:\/\/(?:([^@/]*)@)?(\[[^\]]*\]|[^:/]*)(?::(\d*))?\/?$/.exec(text.trim());
	if (!match) {
		return {error: `--host ${text} is not an SSH URL: use ssh://[user@]host[:port], e.g. ssh://admin@web-1 or ssh://web-1:2222`};
	}

	const [, user, host = '', portText] = match;
	if (!hostPattern.test(host)) {
		return {error: `--host ${text}: "${host}" is not a host name or address`};
	}

	if (user !== undefined && !userPattern.test(user)) {
		return {error: `--host ${text}: "${user}" is not a user name`};
	}

	const port = portText === undefined || portText === '' ? undefined : Number(portText);
	if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
		return {error: `--host ${text}: the port must be 1 to 65535`};
	}

	const bare = host.startsWith('[') ? host.slice(1, -1) : host;
	return {url: `ssh://${user === undefined ? '' : `${user}@`}${host}${port === undefined ? '' : `:${port}`}`, user, host: bare, port};
}

/** A --hosts file: one SSH URL per line; blank lines and lines starting with `#` are skipped. A bare `host` or `user@host` is taken as ssh://… too. */
export function parseHostsFile(text: string, file: string): SshTarget[] | {readonly error: string} {
	const targets: SshTarget[] = [];
	for (const [index, raw] of text.split('\n').entries()) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) {
			continue;
		}

		const parsed = parseSshTarget(line.startsWith('ssh://') ? line : `ssh://${line}`);
		if ('error' in parsed) {
			return {error: `${file}:${index + 1}: ${parsed.error.replace(/^--host /, '')}`};
		}

		targets.push(parsed);
	}

	return targets.length === 0 ? {error: `${file} names no host: write one ssh://[user@]host[:port] per line`} : targets;
}
