/*
npm run bench: how fast a full non-interactive audit is, and what it costs, against a private dockerd with N running containers.
Not a test: it prints a Markdown table for the readme. Needs root, dockerd, /bin/busybox and GNU time (apt-get install time).
*/
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {connectDocker} from '../../source/host/docker-api.js';
import {mapConcurrent} from '../../source/host/concurrency.js';
import {importBusybox, startPrivateDockerd} from '../helpers/private-dockerd.js';

const counts = (process.env.BENCH_COUNTS ?? '0,100,300').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

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
until the section list shows. Includes starting Node.js, which is most of it.
*/
async function firstFrame(host: string): Promise<number> {
	const session = `dw-bench-${process.pid}`;
	const started = performance.now();
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', `env -u CI node ${cli} --docker-host ${host}; sleep 5`]);
	try {
		for (;;) {
			if (/Docker Swarm Configuration/.test(execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'}))) {
				return Math.round(performance.now() - started);
			}

			// eslint-disable-next-line no-await-in-loop
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	} finally {
		execFileSync('tmux', ['kill-session', '-t', session]);
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
	const client = await connectDocker(daemon.host, 60_000);
	let running = 0;
	console.log(`| containers | wall time (median of ${runs}) | peak RSS | Docker API calls |`);
	console.log('|---:|---:|---:|---:|');
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

	const frames = [];
	for (let run = 0; run < runs; run++) {
		// eslint-disable-next-line no-await-in-loop
		frames.push(await firstFrame(daemon.host));
	}

	console.log(`\nTUI, start to first frame (median of ${runs}): ${median(frames)} ms`);
} finally {
	proxy.close();
	fs.rmSync(proxySocket, {force: true});
	await daemon.stop();
}
