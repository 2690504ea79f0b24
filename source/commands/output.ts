import fs from 'node:fs';
import type {Fatal} from '../exit-codes.js';
import {safeText} from '../text/safe-text.js';

/**
Prints a fatal error as one line on stderr and gives its exit code. The message is made safe first (secrets masked, controls
visible, a newline as `\n`): it often quotes a path, a file's content or a daemon's answer.
*/
export function fail(fatal: Fatal): number {
	process.stderr.write(`dockwarden: ${safeText(fatal.message)}\n`);
	return fatal.code;
}

/** Prints a notice (not fatal) as one line on stderr, `dockwarden: MESSAGE`, the message made safe like fail's. */
export function notice(message: string): void {
	process.stderr.write(`dockwarden: ${safeText(message)}\n`);
}

/** Writes to stdout; a reader that went away (`| head`) ends the process quietly. */
export function write(text: string): void {
	process.stdout.write(text);
}

process.stdout.on('error', error => {
	if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
		process.exit(process.exitCode ?? 0);
	}

	throw error;
});

/** The version and description in the package.json above this module: one level up from the bundle in dist/, two from source/commands/. */
function readPackage(): {version: string; description: string} {
	for (const relative of ['../package.json', '../../package.json']) {
		try {
			const {version, description} = JSON.parse(fs.readFileSync(new URL(relative, import.meta.url), 'utf8')) as {version: string; description?: string};
			return {version, description: description ?? ''};
		} catch {}
	}

	return {version: 'unknown', description: ''};
}

/** The version in package.json, and its description (which --help prints first). */
export const {version, description} = readPackage();
