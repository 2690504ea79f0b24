/*
npm run bench: how fast a full non-interactive audit is, and what it costs, against a private dockerd with N running containers.
Not a test: it prints a Markdown table for the readme. Needs root, dockerd, /bin/busybox and GNU time (apt-get install time).
*/
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {connectDocker} from '../../source/host/docker-api.js';
import {mapConcurrent} from '../../source/host/concurrency.js';
import {importBusybox, startPrivateDockerd} from '../helpers/private-dockerd.js';

// BENCH_COUNTS= (empty) measures the first frame only.
const counts = (process.env.BENCH_COUNTS ?? '0,100,300').split(',').filter(Boolean).map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const frameRuns = Number(process.env.BENCH_FRAME_RUNS ?? 11);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const tuiCodeCache = new URL('../../dist/app.cjs.tui.cache', import.meta.url).pathname;

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/** A unix socket in front of the daemon's that counts the HTTP requests passing through it. */
function countingProxy(target: string, socket: string): {count(): number; reset(): void; close(): void} {
	let requests = 0;
	const server = net.createServer(client => {
		const upstream = net.connect(target);
		client.on('data', chunk => {
			requests += (chunk.toString('latin1').match(/^(?:GET|POST|PUT|DELETE|HEAD) \S+ HTTP\/1\.[01]\r$/gm) ?? []).length;
		});
		client.pipe(upstream).pipe(client);
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
	});
	server.listen(socket);
	return {count: () => requests, reset: () => { requests = 0; }, close: () => server.close()};
}

/** One audit run under GNU time: wall time and peak RSS. The exit code (1 when WARNs are found) does not matter here. */
async function measure(host: string): Promise<{wallMs: number; rssKiB: number}> {
	// Asynchronous, so that the counting proxy in this process keeps serving while the audit runs.
	const child = spawn('/usr/bin/time', ['-f', '%e %M', 'node', cli, '--json', '--docker-host', host], {stdio: ['ignore', 'ignore', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	await new Promise(resolve => child.on('close', resolve));
	const [wall, rss] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	return {wallMs: Math.round(wall! * 1000), rssKiB: rss!};
}

/**
Time from start to the first frame of the TUI: the built CLI in a detached 80x24 tmux terminal, its screen read every 5 ms
until the section list shows. Includes starting Node.js, which is most of it, and tmux starting the shell of the pane;
not the start of the tmux server, which keepTmuxServer() has done before. With `until`, the app is left running after its
first frame until that holds (at most 10 s). The next run starts once this app has exited, so that runs never overlap.
*/
async function firstFrame(host: string, until?: () => boolean): Promise<number> {
	const session = `dw-bench-${process.pid}`;
	const started = performance.now();
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', `env -u CI node ${cli} --docker-host ${host}; sleep 5`]);
	let app: number | undefined;
	try {
		for (;;) {
			if (/Docker Swarm Configuration/.test(execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'}))) {
				const elapsed = Math.round(performance.now() - started);
				const shell = execFileSync('tmux', ['display-message', '-p', '-t', session, '#{pane_pid}'], {encoding: 'utf8'}).trim();
				app = Number(spawnSync('pgrep', ['-P', shell], {encoding: 'utf8'}).stdout.trim().split('\n')[0]) || undefined;
				for (const deadline = Date.now() + 10_000; until && !until() && Date.now() < deadline;) {
					// eslint-disable-next-line no-await-in-loop
					await new Promise(resolve => setTimeout(resolve, 20));
				}

				return elapsed;
			}

			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	} finally {
		execFileSync('tmux', ['kill-session', '-t', session]);
		await exited(app);
	}
}

/** Resolves once the process has exited (at most 10 s). */
async function exited(pid: number | undefined): Promise<void> {
	for (const deadline = Date.now() + 10_000; pid !== undefined && Date.now() < deadline;) {
		try {
			process.kill(pid, 0);
		} catch {
			return;
		}

		// eslint-disable-next-line no-await-in-loop
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** A tmux session that keeps the tmux server running between the timed runs; returns its removal. */
function keepTmuxServer(): () => void {
	const session = `dw-bench-server-${process.pid}`;
	execFileSync('tmux', ['new-session', '-d', '-s', session, 'sleep 3600']);
	return () => {
		execFileSync('tmux', ['kill-session', '-t', session]);
	};
}

/**
The first frame, the median of BENCH_FRAME_RUNS runs, after one run that starts without V8's code cache: the first TUI
run after a build compiles the app and writes dist/app.cjs.tui.cache, which the runs after it start from.
*/
async function firstFrames(host: string): Promise<string> {
	const stopTmuxServer = keepTmuxServer();
	try {
		fs.rmSync(tuiCodeCache, {force: true});
		const compiled = await firstFrame(host, () => fs.existsSync(tuiCodeCache));
		const frames = [];
		for (let run = 0; run < frameRuns; run++) {
			// eslint-disable-next-line no-await-in-loop
			frames.push(await firstFrame(host));
		}

		return `TUI, start to first frame (median of ${frameRuns}): ${median(frames)} ms (all: ${frames.join(', ')}); the first run after a build, without the code cache: ${compiled} ms`;
	} finally {
		stopTmuxServer();
	}
}

/** A mix of the settings section 5 looks at, one per container in turn. */
const variants: Array<Record<string, unknown>> = [
	{},
	{CapAdd: ['NET_ADMIN']},
	{ReadonlyRootfs: true, Memory: 64 * 1024 * 1024},
	{PidsLimit: 50, SecurityOpt: ['no-new-privileges']},
	{RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 5}, CpuShares: 512},
	{Binds: ['/etc:/host-etc:ro']},
	{PidMode: 'host'},
	{RestartPolicy: {Name: 'always'}},
];

const daemon = await startPrivateDockerd();
const proxySocket = path.join(daemon.dir, 'counting.sock');
const proxy = countingProxy(daemon.socket, proxySocket);
try {
	importBusybox(daemon);
	// The first frame is measured first, on the daemon without containers: the TUI does not wait for Docker, and the
	// audits of hundreds of containers below leave the machine busy for a while.
	const frameLine = await firstFrames(daemon.host);
	const client = await connectDocker(daemon.host, 60_000);
	let running = 0;
	if (counts.length > 0) {
		console.log(`| containers | wall time (median of ${runs}) | peak RSS | Docker API calls |`);
		console.log('|---:|---:|---:|---:|');
	}

	for (const count of counts) {
		const indexes = Array.from({length: count - running}, (_, index) => running + index);
		// eslint-disable-next-line no-await-in-loop
		await mapConcurrent(indexes, 8, async index => {
			const container = await client.createContainer({
				name: `bench-${index}`,
				Image: 'local/busybox',
				Cmd: ['sleep', '3600'],
				StopTimeout: 1,
				HostConfig: {NetworkMode: 'none', ...variants[index % variants.length]},
			});
			await container.start();
		});
		running = count;
		proxy.reset();
		// eslint-disable-next-line no-await-in-loop
		await measure(`unix://${proxySocket}`);
		const calls = proxy.count();
		const samples = [];
		for (let run = 0; run < runs; run++) {
			// One at a time: the runs are timed.
			// eslint-disable-next-line no-await-in-loop
			samples.push(await measure(daemon.host));
		}

		console.log(`| ${count} | ${median(samples.map(sample => sample.wallMs))} ms | ${Math.round(median(samples.map(sample => sample.rssKiB)) / 1024)} MB | ${calls} |`);
	}

	console.log(`\n${frameLine}`);
} finally {
	proxy.close();
	fs.rmSync(proxySocket, {force: true});
	await daemon.stop();
}
