/*
npm run cast: records media/demo.cast, an asciinema v2 recording of a short session of the built TUI on the demo sandbox
(80x24): run everything, open 2.9, read who root is, plan the userns-remap fix, apply it, and see the check pass with the
mapped uid. The TUI runs in a real pseudo-terminal (util-linux `script`), the keys are typed at a person's pace, and every
byte it writes is kept with its time. No root, Docker or audit system is needed. Play it with `asciinema play media/demo.cast`.
*/
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import {setTimeout as delay} from 'node:timers/promises';

const cast = new URL('../../media/demo.cast', import.meta.url).pathname;
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const [columns, rows] = [80, 24];

// Ink draws only the last frame when CI is set at all, even empty: take it out, as a terminal of a person has it.
const {CI: _ci, NO_COLOR: _noColor, ...environment} = process.env;
const child = spawn('script', ['--quiet', '--flush', '--return', '--command', `stty cols ${columns} rows ${rows} && exec node ${cli} --demo --benchmark 1.6.0`, '/dev/null'], {
	env: {...environment, TERM: 'xterm-256color', FORCE_COLOR: '1'},
	stdio: ['pipe', 'pipe', 'inherit'],
});
const started = process.hrtime.bigint();
const events: Array<[number, 'o', string]> = [];
let screenText = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk: string) => {
	events.push([Number(process.hrtime.bigint() - started) / 1e9, 'o', chunk]);
	// The terminal's escape sequences, to match the text behind them.
	screenText += chunk.replaceAll(/\u001B\[[\d;?]*[A-Za-z]/g, '');
});
const exited = new Promise<number | null>(resolve => {
	child.on('exit', resolve);
});

/** Waits until the TUI has written `pattern` since the last call. */
let seen = 0;
async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!pattern.test(screenText.slice(seen))) {
		if (Date.now() > deadline) {
			throw new Error(`the TUI never wrote ${pattern}; it wrote:\n${screenText.slice(seen).slice(-3000)}`);
		}
		await delay(50);
	}

	seen = screenText.length;
}

/** Types keys one at a time, as a person does. */
async function type(...keys: string[]): Promise<void> {
	for (const key of keys) {
		child.stdin.write(key);
		await delay(key.length > 1 ? 120 : 180);
	}
}

const enter = '\r';
try {
	await waitFor(/Docker Swarm Configuration/);
	await delay(1500);
	await type('a');
	await waitFor(/7 {2}Docker Swarm Configuration +\d+ pass/);
	await delay(1500);
	await type('j', enter);
	await waitFor(/2\.18/);
	await delay(1000);
	await type('/', ...'namespace', enter);
	await delay(800);
	await type(enter);
	await waitFor(/uid 0 on the host/);
	await delay(3000);
	await type('f');
	await waitFor(/Apply\? \[y\/N]/);
	await delay(3500);
	await type('y');
	await waitFor(/\[PASS] 2\.9/);
	await delay(2000);
	await type(enter);
	await waitFor(/uid 100000 on the host/);
	await delay(3500);
	await type('q');
	await exited;
} finally {
	child.kill();
}

const header = {version: 2, width: columns, height: rows, timestamp: Math.floor(Date.now() / 1000), title: 'dockwarden --demo: the userns-remap fix', env: {TERM: 'xterm-256color'}};
fs.writeFileSync(cast, [JSON.stringify(header), ...events.map(event => JSON.stringify([Number(event[0].toFixed(3)), event[1], event[2]]))].join('\n') + '\n');
console.log(`${events.length} frames, ${events.at(-1)?.[0].toFixed(1)} s: ${cast}`);
