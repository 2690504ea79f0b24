
export type ExecResult = {
	readonly exitCode: number;
	readonly stdout: string;
	readonly stderr: string;
	/** Set when the command could not be started or timed out. */
	readonly failure?: string;
};

export type ExecOptions = {
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
};

/** A command runner; the real one runs processes, tests may pass a stand-in. */
export type Exec = (argv: readonly string[], options?: ExecOptions) => Promise<ExecResult>;

/** Runs a command without a shell and never throws: failures come back in the result. */
export const exec: Exec = async (argv, options = {}) => {
	const [file, ...args] = argv;
	const timeoutMs = options.timeoutMs ?? 30_000;
	// Loaded on first use: most of execa's start-up cost is not needed by runs that never spawn.
	const {execa} = await import('execa');
	// Its own process group, so that a timeout ends the whole command (sh -c '…' and what it started), not only its shell:
	// a grandchild holding the output open would otherwise keep us waiting.
	const subprocess = execa(file!, args, {
		reject: false,
		stdin: 'ignore',
		cancelSignal: options.signal,
		detached: true,
		cleanup: true,
		env: {LC_ALL: 'C'},
	});
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		try {
			process.kill(-subprocess.pid!, 'SIGKILL');
		} catch {}
	}, timeoutMs);
	const result = await subprocess;
	clearTimeout(timer);
	let failure: string | undefined;
	if (timedOut) {
		failure = `timed out after ${Math.round(timeoutMs / 1000)} s`;
	} else if (result.failed && result.exitCode === undefined) {
		failure = result.shortMessage ?? result.message;
	}

	return {exitCode: result.exitCode ?? -1, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? ''), failure};
};

/** One line describing why a command failed. */
export function describeFailure(argv: readonly string[], result: ExecResult): string {
	if (result.failure) {
		return `${argv.join(' ')}: ${result.failure}`;
	}

	const detail = (result.stderr.trim() || result.stdout.trim()).split('\n')[0] ?? '';
	return `${argv.join(' ')} exited with ${result.exitCode}${detail ? `: ${detail}` : ''}`;
}
