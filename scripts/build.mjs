/*
npm run build: empties dist/, then bundles
- dist/app.cjs, the whole app as one CommonJS script (dockerode too, less what dockwarden never calls:
  scripts/esbuild/lean-dockerode.mjs), which cli.js runs through V8's code cache (source/startup/load-app.ts) when the
  command line ends in a TUI: Node.js 20 caches the compiled code of scripts, not of ES modules;
- dist/command.cjs, the same less the TUI (scripts/esbuild/without-tui.mjs), half the size, which cli.js runs for the
  reports and commands;
- dist/cli.js, the entry: a small CommonJS script (dist/package.json says so, as the project's own says "module") that
  holds the keys typed during start-up and runs the app bundle.
*/
import fs from 'node:fs';
import {bundleApp, bundleEntry} from './esbuild/bundle-app.mjs';
import {withoutTui} from './esbuild/without-tui.mjs';

const dist = new URL('../dist/', import.meta.url);
fs.rmSync(dist, {recursive: true, force: true});
fs.mkdirSync(dist, {recursive: true});
await Promise.all([bundleApp('source/startup/app.ts', 'dist/app.cjs'), bundleApp('source/startup/app.ts', 'dist/command.cjs', [withoutTui])]);
await bundleEntry('source/cli.ts', 'dist/cli.js');
