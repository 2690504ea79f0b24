import {isAscii} from 'node:buffer';
import fs from 'node:fs';
import test from 'ava';

const dist = new URL('../../dist/', import.meta.url);

test('dist holds the entry, the app bundle and its code caches, nothing left from earlier builds', t => {
	const files = fs.readdirSync(dist).filter(file => !/^app\.cjs\.(?:tui|command)\.cache(?:\.\d+\.tmp)?$/.test(file));
	t.deepEqual(files.sort(), ['app.cjs', 'cli.js']);
});

test('the entry holds no app code: it only loads dist/app.cjs, one function expression for the code cache', t => {
	t.true(fs.statSync(new URL('cli.js', dist)).size < 16 * 1024);
	const app = fs.readFileSync(new URL('app.cjs', dist), 'utf8');
	t.regex(app, /^\(function \(exports, require, module, __filename, __dirname\) { \/\/ dockwarden build [\da-f]{16}\n/);
	t.true(app.trimEnd().endsWith('})'));
	t.false(app.includes('react.development'), 'React\'s production build only');
	t.true(isAscii(Buffer.from(app)), 'ASCII, read as Latin-1 by the loader; see scripts/esbuild/ascii-regular-expressions.mjs');
});
