#!/usr/bin/env node
/*
The entry: set what must be set before React and chalk load, hold the keys typed meanwhile, then hand over. Built as a
CommonJS script (dist/package.json says so): Node.js starts one about 9 ms sooner than an ES module, whose loader it
would set up for this file alone.
*/
import path from 'node:path';
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

// The app is bundled apart, so that it can run from V8's code cache (scripts/build.mjs): whole in dist/app.cjs, for the
// TUI, and without the TUI in dist/command.cjs, half the size, for the reports and commands. The table of hold-keys.ts
// is quick and cautious; for a command line it did not see as a TUI's, the app's own parse has the last word.
let app = loadApp(path.join(__dirname, tui ? 'app.cjs' : 'command.cjs'), tui ? 'tui' : 'command');
if (!tui && app.endsInTui(argv)) {
	holdKeys();
	app = loadApp(path.join(__dirname, 'app.cjs'), 'tui');
}

void app.main(argv).then(code => {
	process.exitCode = code;
});
