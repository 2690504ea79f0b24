#!/usr/bin/env node
// The entry: set what must be set before React and chalk load, hold the keys typed meanwhile, then hand over.
import {fileURLToPath} from 'node:url';
import {holdKeys, opensTui} from './startup/hold-keys.js';
import {loadApp} from './startup/load-app.js';

process.env.NODE_ENV ??= 'production';
if (process.env.NO_COLOR !== undefined || process.argv.includes('--no-color')) {
	process.env.FORCE_COLOR = '0';
}

const argv = process.argv.slice(2);
const tui = opensTui(argv, process.env, Boolean(process.stdin.isTTY && process.stdout.isTTY));
if (tui) {
	holdKeys();
}

// The app is bundled apart, in dist/app.cjs, so that it can run from V8's code cache (scripts/build.mjs).
const {main} = loadApp(fileURLToPath(new URL('app.cjs', import.meta.url)), tui ? 'tui' : 'command');
process.exitCode = await main(argv);
