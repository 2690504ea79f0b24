/*
The flags of a command line, read with node:util's parseArgs the way meow (which dockwarden used before) read them:
each flag is declared under its name in the code and given in kebab-case (failOn is --fail-on), as --flag VALUE or
--flag=VALUE; a boolean is given as --flag or --no-flag (or --flag=true, --flag=false); a number is given as text and
read with Number(). Anything else is a usage error of one line, never an exception: an unknown flag, a boolean given
another value, a value missing, a flag of one value given twice.
*/
import {parseArgs} from 'node:util';

/** How a flag is declared: its type, whether it may be given again (all its values kept), its value when not given. */
export type FlagSpec =
	| {readonly type: 'boolean'; readonly default: boolean}
	| {readonly type: 'string'; readonly multiple?: true; readonly default?: string}
	| {readonly type: 'number'; readonly default?: number};

/**
The value of a flag declared so: one of several values is a list ([] when not given); one without a default is undefined
when not given. A number is NaN when its text is not one (or is blank): the caller says what the flag takes.
*/
type FlagValue<Spec extends FlagSpec> = Spec extends {type: 'boolean'} ? boolean
	: Spec extends {multiple: true} ? string[]
	: (Spec extends {type: 'number'} ? number : string) | (Spec extends {default: unknown} ? never : undefined);

/** The flags of a command line, by their names in the code. */
export type Flags<Specs extends Record<string, FlagSpec>> = {readonly [Name in keyof Specs]: FlagValue<Specs[Name]>};

/** A command line read: its flags, and the arguments that are not flags (with those after `--`), in order. */
export type CommandLine<Specs extends Record<string, FlagSpec>> = {readonly flags: Flags<Specs>; readonly input: string[]};

/** A flag's name on the command line: `failOn` is `fail-on`. */
export function kebabCase(name: string): string {
	return name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
}

/** Reads argv against the declared flags, or gives the usage error (all unknown flags are named at once). */
export function parseFlags<Specs extends Record<string, FlagSpec>>(argv: readonly string[], specs: Specs): CommandLine<Specs> | {error: string} {
	const declared = new Map(Object.entries(specs).map(([name, spec]) => [kebabCase(name), {name, spec}]));
	// Not strict: parseArgs only cuts argv into tokens, and every token is judged below, with dockwarden's messages.
	const {tokens} = parseArgs({
		args: [...argv],
		options: Object.fromEntries([...declared].map(([flag, {spec}]) => [flag, {type: spec.type === 'boolean' ? 'boolean' : 'string'}])),
		strict: false,
		allowPositionals: true,
		allowNegative: true,
		tokens: true,
	});
	const values = new Map<string, boolean | string | number | string[]>();
	const input: string[] = [];
	const unknown = new Set<string>();
	let problem: string | undefined;
	for (const token of tokens) {
		if (token.kind !== 'option') {
			if (token.kind === 'positional') {
				input.push(token.value);
			}

			continue;
		}

		const negated = token.rawName === `--no-${token.name}`;
		const flag = declared.get(token.name);
		if (flag?.spec.type === 'boolean' && token.value !== undefined) {
			// --json=true and --json=false, as meow took them; any other value is refused rather than guessed at.
			if (token.value !== 'true' && token.value !== 'false') {
				problem ??= `${token.rawName} is a switch: give ${token.rawName} or --no-${token.name}, not ${token.rawName}=${token.value}`;
			}

			values.set(flag.name, token.value === 'true');
			continue;
		}

		// --no-json=VALUE comes as no-json, which is not declared.
		if (flag === undefined && token.value !== undefined && declared.get(token.name.replace(/^no-/, ''))?.spec.type === 'boolean') {
			problem ??= `${token.rawName} takes no value`;
			continue;
		}

		if (flag === undefined || (negated && flag.spec.type !== 'boolean')) {
			unknown.add(token.rawName);
			continue;
		}

		const {name, spec} = flag;
		if (spec.type === 'boolean') {
			values.set(name, !negated);
			continue;
		}

		// A value given apart that starts with a dash (but is no negative number) is most likely the next flag, the value
		// having been forgotten.
		if (token.value === undefined || (!token.inlineValue && /^-[^.\d]/.test(token.value))) {
			problem ??= `${token.rawName} takes a value${token.value === undefined ? '' : `: ${token.value} looks like a flag (give a value that starts with a dash as ${token.rawName}=${token.value})`}`;
			continue;
		}

		const given = values.get(name);
		if (spec.type === 'string' && spec.multiple) {
			values.set(name, [...(Array.isArray(given) ? given : []), token.value]);
		} else if (given === undefined) {
			values.set(name, spec.type === 'number' ? (token.value.trim() === '' ? Number.NaN : Number(token.value)) : token.value);
		} else {
			problem ??= `${token.rawName} is given more than once: give it once`;
		}
	}

	if (unknown.size > 0) {
		return {error: `unknown flag${unknown.size > 1 ? 's' : ''} ${[...unknown].join(', ')}: see dockwarden --help`};
	}

	if (problem !== undefined) {
		return {error: problem};
	}

	const flags = Object.fromEntries(Object.entries(specs).map(([name, spec]) =>
		[name, values.get(name) ?? (spec.type === 'string' && spec.multiple ? [] : spec.default)]));
	// Each value was set above as its spec says, or is the spec's default: the shape Flags<Specs> describes.
	return {flags: flags as Flags<Specs>, input};
}
