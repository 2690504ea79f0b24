/**
Reads the dockerd flags written in a systemd unit: the `ExecStart=` of docker.service (and its drop-ins), so that a daemon.json fix can refuse
a key that the next start of dockerd would also get as a flag, even when the unit was edited after the running dockerd started.

Pure: the caller reads the unit text (e.g. `systemctl cat docker.service`, which is the unit followed by its drop-ins, or the unit file alone).
*/
import type {DaemonFlags} from '../model/facts.js';
import {parseDaemonFlags} from './daemon-flags.js';

/** Prefixes systemd allows before the executable of an Exec line (`-`, `@`, `:`, `+`, `!`, `!!`). */
const execPrefix = /^[-@:+!]+/;

/** Joins continued lines (a line ending in `\`) and drops comment lines, as systemd reads a unit. */
function logicalLines(text: string): string[] {
	const lines: string[] = [];
	let pending: string | undefined;
	for (const raw of text.split(/\r?\n/)) {
		const trimmed = raw.trim();
		if (trimmed.startsWith('#') || trimmed.startsWith(';')) {
			continue;
		}

		const end = raw.trimEnd();
		const continued = end.endsWith('\\');
		const part = continued ? end.slice(0, -1) : raw;
		pending = pending === undefined ? part : `${pending} ${part}`;
		if (!continued) {
			lines.push(pending);
			pending = undefined;
		}
	}

	if (pending !== undefined) {
		lines.push(pending);
	}

	return lines;
}

/** Splits an Exec command line into words as systemd does: whitespace separates, single and double quotes group, backslash escapes. */
export function splitExecWords(command: string): string[] {
	const words: string[] = [];
	let word: string | undefined;
	let quote: string | undefined;
	for (let index = 0; index < command.length; index++) {
		const char = command[index]!;
		if (char === '\\' && index + 1 < command.length) {
			word = (word ?? '') + command[++index]!;
		} else if (quote !== undefined) {
			if (char === quote) {
				quote = undefined;
			} else {
				word = (word ?? '') + char;
			}
		} else if (char === '"' || char === '\'') {
			quote = char;
			word ??= '';
		} else if (/\s/.test(char)) {
			if (word !== undefined) {
				words.push(word);
				word = undefined;
			}
		} else {
			word = (word ?? '') + char;
		}
	}

	if (word !== undefined) {
		words.push(word);
	}

	return words;
}

/**
The command of the unit's `ExecStart=` as words: the last non-empty `ExecStart=` of a `[Service]` section wins
(an empty `ExecStart=` in a drop-in only resets the list), with the systemd prefixes (`-`, `@`, …) removed. Undefined when there is none.
*/
export function execStartArgv(text: string): string[] | undefined {
	let section = '';
	let command: string | undefined;
	for (const line of logicalLines(text)) {
		const trimmed = line.trim();
		const header = /^\[(.+)\]$/.exec(trimmed);
		if (header) {
			section = header[1]!;
			continue;
		}

		const match = /^ExecStart\s*=(.*)$/s.exec(trimmed);
		if (section === 'Service' && match && match[1]!.trim() !== '') {
			command = match[1]!.trim();
		}
	}

	if (command === undefined) {
		return undefined;
	}

	const words = splitExecWords(command);
	if (words.length > 0) {
		words[0] = words[0]!.replace(execPrefix, '');
	}

	return words;
}

/** True when a word names the dockerd executable (`dockerd`, `/usr/bin/dockerd`). */
const isDockerd = (word: string): boolean => word.split('/').pop() === 'dockerd';

/**
The dockerd flags written in a systemd unit's `ExecStart=`, keyed by daemon.json names as `parseDaemonFlags` keys them.
The flags are those after the dockerd word (so `ExecStart=/usr/bin/env dockerd --icc=false` works); without a dockerd word, those after the executable.
Variables (`$DOCKER_OPTS`) are not expanded: flags hidden in an EnvironmentFile are not seen. Empty when the unit has no ExecStart.
*/
export function unitFileFlags(text: string): DaemonFlags {
	const argv = execStartArgv(text);
	if (argv === undefined) {
		return {};
	}

	const start = Math.max(argv.findIndex(word => isDockerd(word)), 0);
	return parseDaemonFlags(argv.slice(start));
}
