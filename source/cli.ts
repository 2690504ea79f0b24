#!/usr/bin/env node
// The entry: set what must be set before React and chalk load, then hand over.
process.env.NODE_ENV ??= 'production';
if (process.env.NO_COLOR !== undefined || process.argv.includes('--no-color')) {
	process.env.FORCE_COLOR = '0';
}

const {main} = await import('./main.js');
process.exitCode = await main(process.argv.slice(2));
