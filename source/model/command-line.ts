/** Quotes an argument the way a shell would need it, so commands can be copied. */
export function shellQuote(argument: string): string {
	return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll('\'', '\'\\\'\'')}'`;
}

/** A command line, exactly as it will run. */
export function commandLine(argv: readonly string[]): string {
	return argv.map(argument => shellQuote(argument)).join(' ');
}

/** A mode as four octal digits, e.g. 0644. */
export function octal(mode: number): string {
	return mode.toString(8).padStart(4, '0');
}
