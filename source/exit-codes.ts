/** dockwarden's exit codes; the readme documents them. */
export const exitCodes = {
	/** Ran and found no WARN; or a fix was applied and verified. */
	ok: 0,
	/** Ran and found at least one WARN. */
	warn: 1,
	/** Usage error: unknown flag, unknown check id, unreadable --root. */
	usage: 2,
	/** The Docker daemon could not be reached. */
	dockerUnreachable: 3,
	/** A fix needs root. */
	notRoot: 4,
	/** A fix needs auditctl, which is not installed. */
	auditctlMissing: 5,
	/** A fix was refused before anything was written (malformed daemon.json, flag conflict, not applicable). */
	fixRefused: 6,
	/** A fix failed while applying; what was done was rolled back. */
	fixFailed: 7,
	/** Another dockwarden is changing the host; nothing was attempted. */
	busy: 8,
	/** --host: the SSH host could not be reached (name, port, network, no sshd). */
	sshUnreachable: 9,
	/** --host: sshd refused the login (no key it accepts; no password prompts are made). */
	sshRefused: 10,
	/** --host: the host key of the target is unknown or has changed. */
	sshHostKey: 11,
	/** --host: the SSH connection was lost during the run; nothing was left half-written on the target. */
	sshLost: 12,
	/** --read-only (or DOCKWARDEN_READ_ONLY): fix and undo are refused; nothing was attempted. */
	readOnly: 13,
	/** Interrupted with Ctrl+C. */
	interrupted: 130,
} as const;

/** A one-line error with the exit code it ends the process with. */
export type Fatal = {readonly message: string; readonly code: number};
