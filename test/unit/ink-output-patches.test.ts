/*
The two edits scripts/esbuild/dependency-patches.mjs makes to Ink's frame output (one shared blank cell; no style diff
between two characters of the same styles) must leave every frame byte for byte as Ink draws it: the patched modules,
bundled with the plugin as the build does, against the originals, on frames of styled, clipped and wide text.
*/
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import test from 'ava';
import * as esbuild from 'esbuild';
import {dependencyPatches} from '../../scripts/esbuild/dependency-patches.mjs';

type StyledChars = {
	tokenize(text: string): unknown[];
	styledCharsFromTokens(tokens: unknown[]): unknown[];
	styledCharsToString(chars: unknown[]): string;
};
type OutputClass = new (options: {width: number; height: number}) => {
	write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
	clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
	unclip(): void;
	get(): {output: string; height: number};
};

const inkBuild = path.join(path.dirname(fileURLToPathSafe(import.meta.resolve('ink'))), 'output.js');
const tokenizeBuild = path.join(path.dirname(inkBuild), '..', '..', '@alcalzone', 'ansi-tokenize', 'build', 'index.js');

function fileURLToPathSafe(url: string): string {
	return new URL(url).pathname;
}

/** The modules as the build bundles them (with the patches), and as they are. */
async function load(): Promise<{patched: {tokens: StyledChars; Output: OutputClass}; original: {tokens: StyledChars; Output: OutputClass}}> {
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-ink-patches-'));
	try {
		const entry = path.join(directory, 'entry.js');
		fs.writeFileSync(entry, `export * from ${JSON.stringify(tokenizeBuild)};\nexport {default as Output} from ${JSON.stringify(inkBuild)};\n`);
		const outfile = path.join(directory, 'patched.mjs');
		await esbuild.build({entryPoints: [entry], outfile, bundle: true, format: 'esm', platform: 'node', logLevel: 'error', plugins: [dependencyPatches]});
		const patched = await import(pathToFileURL(outfile).href) as StyledChars & {Output: OutputClass};
		const tokens = await import(pathToFileURL(tokenizeBuild).href) as StyledChars;
		const {default: Output} = await import(pathToFileURL(inkBuild).href) as {default: OutputClass};
		return {patched: {tokens: patched, Output: patched.Output}, original: {tokens, Output}};
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
}

/** A small deterministic generator, so that a failure can be reproduced. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};
}

const styles = ['\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[3m', '\u001B[23m', '\u001B[4m', '\u001B[24m', '\u001B[7m', '\u001B[27m', '\u001B[31m', '\u001B[32m', '\u001B[39m', '\u001B[38;5;208m', '\u001B[38;2;1;2;3m', '\u001B[44m', '\u001B[49m', '\u001B[0m', '\u001B]8;;https://example.org\u0007', '\u001B]8;;\u0007'];
const words = ['[PASS]', '[WARN]', 'Docker', ' ', '  ', '…', '›', '─', '│', '界', 'é', 'x', '1.1.3', ''];

function styledLine(next: () => number): string {
	let line = '';
	const parts = Math.floor(next() * 12);
	for (let index = 0; index < parts; index++) {
		line += next() < 0.5 ? styles[Math.floor(next() * styles.length)]! : words[Math.floor(next() * words.length)]!;
	}

	return line;
}

test('a line of styled text turns into the same string as Ink draws it', async t => {
	const {patched, original} = await load();
	const next = random(15);
	for (let run = 0; run < 3000; run++) {
		const line = styledLine(next);
		const expected = original.tokens.styledCharsToString(original.tokens.styledCharsFromTokens(original.tokens.tokenize(line)));
		const actual = patched.tokens.styledCharsToString(patched.tokens.styledCharsFromTokens(patched.tokens.tokenize(line)));
		if (actual !== expected) {
			t.is(JSON.stringify(actual), JSON.stringify(expected), JSON.stringify(line));
			return;
		}
	}

	t.pass();
});

test('a frame of styled, clipped and wide text is the same frame', async t => {
	const {patched, original} = await load();
	const next = random(13);
	for (let run = 0; run < 2000; run++) {
		const width = 1 + Math.floor(next() * 80);
		const height = 1 + Math.floor(next() * 24);
		const operations: Array<(output: InstanceType<OutputClass>) => void> = [];
		for (let count = Math.floor(next() * 12); count > 0; count--) {
			const x = Math.floor(next() * width);
			const y = Math.floor(next() * height);
			const text = Array.from({length: 1 + Math.floor(next() * 3)}, () => styledLine(next)).join('\n');
			if (next() < 0.3) {
				const clip = {x1: Math.floor(next() * width), x2: Math.floor(next() * width), y1: Math.floor(next() * height), y2: height};
				operations.push(output => {
					output.clip(clip);
					output.write(x, y, text, {transformers: []});
					output.unclip();
				});
			} else {
				const transformers = next() < 0.2 ? [(line: string) => `\u001B[1m${line}\u001B[22m`] : [];
				operations.push(output => {
					output.write(x, y, text, {transformers});
				});
			}
		}

		const draw = (Output: OutputClass) => {
			const output = new Output({width, height});
			for (const operation of operations) {
				operation(output);
			}

			return output.get();
		};

		const [expected, actual] = [draw(original.Output), draw(patched.Output)];
		if (actual.output !== expected.output || actual.height !== expected.height) {
			t.deepEqual(actual, expected, `run ${run}`);
			return;
		}
	}

	t.pass();
});
