/** Quotes an argument the way a shell would need it, so commands can be copied. */
export function shellQuote(argument: string): string {
	return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll('\'', '\'\\\'\'')}'`;
}

/** A command line, exactly as it will run. */
export function commandLine(argv: readonly string[]): string {
	return argv.map(argument => shellQuote(argument)).join(' ');
}
