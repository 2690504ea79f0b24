/*
The entry of the bench's floor (readme.md beside it), started as dist/cli.js starts the app: `cli.js audit …` (or
`audit-node …`) runs audit.cjs (audit-node.cjs) as dist/cli.js runs the command bundle, `cli.js frame` runs frame.cjs
as it runs the TUI's, keys held.
*/
import path from 'node:path';
import {holdKeys} from '../../../source/startup/hold-keys.js';
import {loadApp} from '../../../source/startup/load-app.js';

process.env.NODE_ENV ??= 'production';
const [floor, ...argv] = process.argv.slice(2);
const tui = floor === 'frame';
if (tui) {
	holdKeys();
}

const app = loadApp(path.join(__dirname, `${floor}.cjs`), tui ? 'tui' : 'command');
void app.main(argv).then(code => {
	process.exitCode = code;
});
