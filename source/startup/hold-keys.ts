/** The flags that leave dockwarden in the TUI, and whether each takes a value. */
const tuiFlags = new Map<string, boolean>([
	['--root', true],
	['--docker-host', true],
	['--check', true],
	['--section', true],
	['--exclude', true],
	['--level', true],
	['--waivers', true],
	['--summary', true],
	['--audit-key', true],
	['--restart-command', true],
	['--restart-timeout', true],
	['--fail-on', true],
	['--no-color', false],
	['--color', false],
	['--demo', false],
	['--read-only', false],
	['--no-read-only', false],
	['--benchmark', true],
	// One host opens its TUI over SSH, several the fleet's host list: both are the TUI.
	['--host', true],
	['--hosts', true],
]);

/**
Whether this command line opens the TUI, judged before anything is loaded: stdin and stdout are terminals, CI is not
set, and every argument is one of the flags above (or the value of one). Only a guess: options.ts decides. The guess
errs towards "no": an argument it does not know (a command, --json, --help, a new flag) makes it answer no.
*/
export function opensTui(argv: readonly string[], environment: NodeJS.ProcessEnv, isTty: boolean): boolean {
	if (!isTty || environment.CI) {
		return false;
	}

	for (let index = 0; index < argv.length; index++) {
		const [name, value] = argv[index]!.split(/=(.*)/s);
		const takesValue = tuiFlags.get(name!);
		if (takesValue === undefined || (!takesValue && value !== undefined)) {
			return false;
		}

		if (takesValue && value === undefined) {
			index++;
		}
	}

	return true;
}

/**
Puts the terminal in raw mode at once, as Ink will: keys typed while the TUI loads are then neither echoed over the
screen nor cut into lines, and wait in the terminal until Ink reads them. Ink turns raw mode off when it ends, and
Node.js restores the terminal when the process exits, whatever happened before.
*/
export function holdKeys(stdin: NodeJS.ReadStream = process.stdin): void {
	try {
		stdin.setRawMode(true);
	} catch {}
}
