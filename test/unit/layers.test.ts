import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import test from 'ava';
import {execa} from 'execa';

/*
The layer rules of .dependency-cruiser.cjs (npm run deps) run on tiny source trees: a tree that keeps the direction
passes, and each backwards import, and a ring of run-time imports, fails with the rule that names it.
*/
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const depcruise = path.join(repository, 'node_modules/.bin/depcruise');
const config = path.join(repository, '.dependency-cruiser.cjs');

type Violation = {readonly from: string; readonly to: string; readonly rule: {readonly name: string}};

/** Writes `files` (path → text) under a fresh directory and cruises its source/ with the project's rules. */
async function cruise(t: {teardown(fn: () => Promise<void>): void}, files: Readonly<Record<string, string>>): Promise<{exitCode: number; violations: Violation[]}> {
	const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'dw-layers-'));
	t.teardown(async () => fs.rm(directory, {recursive: true, force: true}));
	const tree = {
		'tsconfig.json': JSON.stringify({compilerOptions: {module: 'nodenext', moduleResolution: 'nodenext', strict: true}, include: ['source']}),
		...files,
	};
	for (const [name, text] of Object.entries(tree)) {
		await fs.mkdir(path.dirname(path.join(directory, name)), {recursive: true});
		await fs.writeFile(path.join(directory, name), text);
	}

	const json = await execa(depcruise, ['source', '--config', config, '--output-type', 'json'], {cwd: directory});
	const output = JSON.parse(json.stdout) as {summary: {violations: Violation[]}};
	// What npm run deps prints, and whether it fails: the json output above always exits 0.
	const plain = await execa(depcruise, ['source', '--config', config], {cwd: directory, reject: false});
	return {exitCode: plain.exitCode ?? -1, violations: output.summary.violations};
}

/** A tree that keeps every rule: each layer imports the one below it. */
const clean = {
	'source/cli.ts': 'import \'./startup/load-app.js\';\n',
	'source/startup/load-app.ts': 'export {main} from \'../main.js\';\n',
	'source/main.ts': 'import {session} from \'./session.js\';\nexport const main = session;\n',
	'source/session.ts': 'import {view} from \'./ui/view.js\';\nimport {gather} from \'./host/gather.js\';\nexport const session = [view, gather];\n',
	'source/ui/view.ts': 'import {apply} from \'../fixes/engine.js\';\nimport {safe} from \'../text/safe-text.js\';\nexport const view = [apply, safe];\n',
	'source/fixes/engine.ts': 'import {check} from \'../benchmark/check.js\';\nimport {gather} from \'../host/gather.js\';\nexport const apply = [check, gather];\n',
	'source/benchmark/check.ts': 'import type {Facts} from \'../model/facts.js\';\nexport const check = (facts: Facts) => facts.ok;\n',
	'source/host/gather.ts': 'import type {Facts} from \'../model/facts.js\';\nexport const gather = (): Facts => ({ok: true});\n',
	'source/model/facts.ts': 'export type Facts = {ok: boolean};\n',
	'source/text/safe-text.ts': 'export const safe = (text: string) => text;\n',
};

test('a tree whose imports all point down passes the layer rules', async t => {
	const {exitCode, violations} = await cruise(t, clean);
	t.deepEqual(violations, []);
	t.is(exitCode, 0);
});

test('each backwards import fails with the rule of its layer', async t => {
	const {exitCode, violations} = await cruise(t, {
		...clean,
		'source/host/gather.ts': 'import {view} from \'../ui/view.js\';\nexport const gather = () => view;\n',
		'source/benchmark/check.ts': 'import {apply} from \'../fixes/engine.js\';\nexport const check = apply;\n',
		'source/model/facts.ts': 'import {gather} from \'../host/gather.js\';\nexport const facts = gather;\n',
		'source/report/text.ts': 'import {session} from \'../session.js\';\nexport const text = session;\n',
		'source/ui/view.ts': 'import {gather} from \'../host/gather.js\';\nexport const view = gather;\n',
		'source/waivers/waiver.ts': 'import {apply} from \'../fixes/engine.js\';\nexport const waiver = apply;\n',
	});
	t.not(exitCode, 0);
	const found = violations.map(({from, to, rule}) => `${rule.name}: ${from} → ${to}`);
	for (const expected of [
		'host-only-above-model: source/host/gather.ts → source/ui/view.ts',
		'benchmark-is-pure: source/benchmark/check.ts → source/fixes/engine.ts',
		'model-is-the-floor: source/model/facts.ts → source/host/gather.ts',
		'ui-and-report-below-session: source/report/text.ts → source/session.ts',
		'ui-and-report-below-session: source/ui/view.ts → source/host/gather.ts',
		'waivers-and-fixes-apart: source/waivers/waiver.ts → source/fixes/engine.ts',
	]) {
		t.true(found.includes(expected), `${expected}\nnot among:\n${found.join('\n')}`);
	}
});

test('a ring of run-time imports fails; the same ring through a type-only import passes', async t => {
	const ring = await cruise(t, {
		...clean,
		'source/fixes/journal.ts': 'import {valid} from \'./schema.js\';\nexport const journal = () => valid;\n',
		'source/fixes/schema.ts': 'import {journal} from \'./journal.js\';\nexport const valid = () => journal;\n',
	});
	t.not(ring.exitCode, 0);
	t.true(ring.violations.some(({rule}) => rule.name === 'no-runtime-cycle'));

	const typeOnly = await cruise(t, {
		...clean,
		'source/fixes/journal.ts': 'import {valid} from \'./schema.js\';\nexport type Entry = {id: string};\nexport const journal = () => valid;\n',
		'source/fixes/schema.ts': 'import type {Entry} from \'./journal.js\';\nexport const valid = (entry: Entry) => entry.id;\n',
	});
	t.deepEqual(typeOnly.violations, []);
	t.is(typeOnly.exitCode, 0);
});
