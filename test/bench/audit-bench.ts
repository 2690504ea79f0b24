/*
npm run bench: how fast a full non-interactive audit is, and what it costs, against a private dockerd with N running containers,
beside a bare Node.js start measured the same way; the host and daemon sections alone; the costliest gatherers (DOCKWARDEN_TIMINGS);
the TUI's first frame beside a bare Node.js that prints the same line; and beside the targets of a start, the floor of the
stack (test/bench/floor/): what the same start costs before dockwarden does anything of its own. Not a test: it prints
Markdown for the readme.
Needs root, dockerd, /bin/busybox, tmux and GNU time (apt-get install time).
*/
import {execFileSync, spawn, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {connectDocker} from '../../source/host/docker-api.js';
import {mapConcurrent} from '../../source/host/concurrency.js';
import {importBusybox, startPrivateDockerd} from '../helpers/private-dockerd.js';
import {reportDifferences} from '../../scripts/compare-reports.mjs';
import {buildFloor} from './floor/build-floor.js';
import {sshFigures} from './ssh-bench.js';

// BENCH_COUNTS= (empty) measures the first frame only.
const counts = (process.env.BENCH_COUNTS ?? '0,100,300').split(',').filter(Boolean).map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const frameRuns = Number(process.env.BENCH_FRAME_RUNS ?? 11);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
// BENCH_BASELINE=OTHER/dist/cli.js: another build (the tree before a change) audits the same daemon at each row; its JSON
// report must be the same as this build's apart from timings (scripts/compare-reports.mjs), and its figures are printed beside.
const baseline = process.env.BENCH_BASELINE;
// BENCH_SSH=0 leaves out the audit over SSH (issue 13), made with 50 running containers.
const sshContainers = process.env.BENCH_SSH === '0' ? undefined : 50;
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

/** One run under GNU time: wall, CPU (user + sys) and peak RSS; with timings, the DOCKWARDEN_TIMINGS line it wrote. The exit code (1 when WARNs are found) does not matter here. */
type Sample = {wallMs: number; cpuMs: number; rssKiB: number; timings?: Record<string, {ownMs?: number}>};

async function measureCommand(argv: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<Sample> {
	// Asynchronous, so that the counting proxy in this process keeps serving while the audit runs.
	const child = spawn('/usr/bin/time', ['-f', 'TIME %e %U %S %M', ...argv], {stdio: ['ignore', 'ignore', 'pipe'], env: environment});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	await new Promise(resolve => child.on('close', resolve));
	const [wall, user, system, rss] = stderr.split('\n').find(line => line.startsWith('TIME '))!.split(' ').slice(1).map(Number);
	const timingLine = stderr.split('\n').find(line => line.startsWith('{"dockwardenTimings"'));
	const timings = timingLine === undefined ? undefined : (JSON.parse(timingLine) as {dockwardenTimings: Sample['timings']}).dockwardenTimings;
	return {wallMs: Math.round(wall! * 1000), cpuMs: Math.round((user! + system!) * 1000), rssKiB: rss!, timings};
}

async function measure(host: string, extra: readonly string[] = [], environment?: NodeJS.ProcessEnv, build = cli): Promise<Sample> {
	return measureCommand(['node', build, '--json', '--docker-host', host, ...extra], environment);
}

/** The JSON reports of this build and of BENCH_BASELINE on the same daemon, compared; and the baseline's medians. */
async function compareWithBaseline(host: string, baselineCli: string): Promise<string> {
	const report = (build: string) => JSON.parse(spawnSync('node', [build, '--json', '--docker-host', host], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024}).stdout) as unknown;
	const differences = reportDifferences(report(baselineCli), report(cli));
	const before = await medians(async () => measure(host, [], undefined, baselineCli));
	const verdict = differences.length === 0 ? 'the same JSON report (apart from startedAt and durationMs)' : `${differences.length} difference(s) in the JSON report: ${differences.slice(0, 3).map(line => line.slice(0, 200)).join('; ')}`;
	return `BENCH_BASELINE: ${before.wallMs} ms wall, ${before.cpuMs} ms CPU, ${Math.round(before.rssKiB / 1024)} MB; ${verdict}`;
}

/** BENCH_RUNS runs one after the other; the medians. */
async function medians(run: () => Promise<Sample>): Promise<{wallMs: number; cpuMs: number; rssKiB: number}> {
	const samples = [];
	for (let index = 0; index < runs; index++) {
		// One at a time: the runs are timed.
		samples.push(await run());
	}

	return {wallMs: median(samples.map(sample => sample.wallMs)), cpuMs: median(samples.map(sample => sample.cpuMs)), rssKiB: median(samples.map(sample => sample.rssKiB))};
}

/** A bare Node.js start, measured as the audits are: `node -e 'console.log(1)'`. */
async function bareNode(): Promise<{wallMs: number; cpuMs: number; rssKiB: number}> {
	return medians(async () => measureCommand(['node', '-e', 'console.log(1)']));
}

/** The three gatherers with the most own wall time in one run with DOCKWARDEN_TIMINGS=1. */
async function costliestGatherers(host: string): Promise<string> {
	const {timings} = await measure(host, [], {...process.env, DOCKWARDEN_TIMINGS: '1'});
	return Object.entries(timings ?? {}).sort((a, b) => (b[1].ownMs ?? 0) - (a[1].ownMs ?? 0)).slice(0, 3).map(([name, timing]) => `${name} ${Math.round(timing.ownMs ?? 0)} ms`).join(', ');
}

/**
Time from start to the first frame of the TUI: the built CLI in a detached 80x24 tmux terminal, its screen read every 5 ms
until the section list shows. Includes starting Node.js, which is most of it, and tmux starting the shell of the pane;
not the start of the tmux server, which keepTmuxServer() has done before. With `until`, the app is left running after its
first frame until that holds (at most 10 s). The next run starts once this app has exited, so that runs never overlap.
*/
async function firstFrame(command: string, until?: () => boolean): Promise<number> {
	const session = `dw-bench-${process.pid}`;
	const started = performance.now();
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${command}; sleep 5`]);
	let app: number | undefined;
	try {
		for (;;) {
			if (/Docker Swarm Configuration/.test(execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'}))) {
				const elapsed = Math.round(performance.now() - started);
				const shell = execFileSync('tmux', ['display-message', '-p', '-t', session, '#{pane_pid}'], {encoding: 'utf8'}).trim();
				app = Number(spawnSync('pgrep', ['-P', shell], {encoding: 'utf8'}).stdout.trim().split('\n')[0]) || undefined;
				for (const deadline = Date.now() + 10_000; until && !until() && Date.now() < deadline;) {
					await new Promise(resolve => setTimeout(resolve, 20));
				}

				return elapsed;
			}
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	} finally {
		// The session may be gone already (another tmux user on the machine killed it): the run is then retried.
		spawnSync('tmux', ['kill-session', '-t', session]);
		await exited(app);
	}
}

/** A first-frame run, retried (at most three times) when its tmux pane vanished under it. */
async function firstFrameRetried(command: string, until?: () => boolean): Promise<number> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await firstFrame(command, until);
		} catch (error) {
			if (attempt === 3) {
				throw error;
			}
		}
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
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** A tmux session that keeps the tmux server running between the timed runs; returns its removal. */
function keepTmuxServer(): () => void {
	const session = `dw-bench-server-${process.pid}`;
	execFileSync('tmux', ['new-session', '-d', '-s', session, 'sleep 3600']);
	return () => {
		spawnSync('tmux', ['kill-session', '-t', session]);
	};
}

/**
The first frame, the median of BENCH_FRAME_RUNS runs, after one run that starts without V8's code cache: the first TUI
run after a build compiles the app and writes dist/app.cjs.tui.cache, which the runs after it start from. Each run is paired
with a bare Node.js that prints the line the bench waits for, in the same tmux, one after the other: what the machine allows.
*/
async function firstFrames(host: string, floorCli: string): Promise<string> {
	const stopTmuxServer = keepTmuxServer();
	try {
		fs.rmSync(tuiCodeCache, {force: true});
		const app = `env -u CI node ${cli} --docker-host ${host}`;
		const compiled = await firstFrameRetried(app, () => fs.existsSync(tuiCodeCache));
		// The floor's first run writes its code cache too, as the app's does.
		const floor = `env -u CI node ${floorCli} frame`;
		await firstFrameRetried(floor, () => fs.existsSync(path.join(path.dirname(floorCli), 'frame.cjs.tui.cache')));
		const frames = [];
		const floors = [];
		const bare = [];
		for (let run = 0; run < frameRuns; run++) {
			bare.push(await firstFrameRetried('node -e "console.log(\'Docker Swarm Configuration\')"'));
			floors.push(await firstFrameRetried(floor));
			frames.push(await firstFrameRetried(app));
		}

		const ratio = (median(frames) / median(bare)).toFixed(2);
		const floorRatio = (median(floors) / median(bare)).toFixed(2);
		return `TUI, start to first frame (median of ${frameRuns}): ${median(frames)} ms (all: ${frames.join(', ')}); a bare Node.js printing the same line, in turn with it: ${median(bare)} ms (all: ${bare.join(', ')}); ratio ${ratio} (target 1.5). The floor, Ink drawing the seven section titles through dockwarden's own start (test/bench/floor/frame.tsx), in turn with them: ${median(floors)} ms (all: ${floors.join(', ')}), ${floorRatio}x the bare start. The first run after a build, without the code cache: ${compiled} ms`;
	} finally {
		stopTmuxServer();
	}
}

/**
The floor of a 0-container audit (test/bench/floor/), started as the app is: what every audit asks of dockerd and
auditctl through dockwarden's wrappers of dockerode and execa, and nothing else; and the same with Node.js's own http and
child_process. Each run of BENCH_RUNS times a bare Node.js, the two floors and the audit in turn (after one run of each
floor that writes its code cache): the machine's speed drifts, and the ratios are what matter.
*/
async function auditFloors(floorCli: string, host: string): Promise<string> {
	const commands = {
		bare: ['node', '-e', 'console.log(1)'],
		floor: ['node', floorCli, 'audit', '--docker-host', host],
		nodeFloor: ['node', floorCli, 'audit-node', '--docker-host', host],
		audit: ['node', cli, '--json', '--docker-host', host],
	};
	await measureCommand(commands.floor);
	await measureCommand(commands.nodeFloor);
	const walls: Record<keyof typeof commands, number[]> = {bare: [], floor: [], nodeFloor: [], audit: []};
	for (let run = 0; run < runs; run++) {
		for (const [name, argv] of Object.entries(commands) as Array<[keyof typeof commands, string[]]>) {
			// One at a time: the runs are timed.
			walls[name].push((await measureCommand(argv)).wallMs);
		}
	}

	const figure = (name: keyof typeof commands) => `${median(walls[name])} ms, ${(median(walls[name]) / median(walls.bare)).toFixed(2)}x`;
	return `The floor of that start (test/bench/floor/), medians of ${runs} runs in turn with a bare Node.js start (${median(walls.bare)} ms) and the audit (${figure('audit')}): dockerode's info, container and image lists and execa's two auditctl runs, through dockwarden's own start, and nothing else: ${figure('floor')}; the same with Node.js's own http and child_process in place of dockerode and execa: ${figure('nodeFloor')}`;
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

const floor = await buildFloor();
const daemon = await startPrivateDockerd().catch((error: unknown) => {
	floor.remove();
	throw error;
});
const proxySocket = path.join(daemon.dir, 'counting.sock');
const proxy = countingProxy(daemon.socket, proxySocket);
try {
	importBusybox(daemon);
	// The first frame is measured first, on the daemon without containers: the TUI does not wait for Docker, and the
	// audits of hundreds of containers below leave the machine busy for a while.
	// BENCH_FRAME_RUNS=0 leaves the first frame out; a failure there (tmux) is reported and the audits still run.
	const frameLine = frameRuns === 0 ? 'TUI first frame: not measured (BENCH_FRAME_RUNS=0)' : await firstFrames(daemon.host, floor.cli).catch((error: unknown) => `TUI first frame: not measured: ${(error as Error).message.split('\n')[0]}`);
	const client = await connectDocker(daemon.host, 60_000);
	let running = 0;
	if (counts.length > 0) {
		console.log(`| containers | wall (median of ${runs}) | CPU (user+sys) | peak RSS | Docker API calls | bare \`node -e\` beside it (wall / CPU) | costliest gatherers (own wall, one run) |`);
		console.log('|---:|---:|---:|---:|---:|---:|---|');
	}

	const rows: Array<{count: number; wallMs: number; cpuMs: number; rssKiB: number; bareWallMs: number}> = [];
	let floorLine: string | undefined;
	const sectionRows: string[] = [];
	const baselineLines: string[] = [];
	/** Starts bench containers until `count` run. */
	const grow = async (count: number) => {
		const indexes = Array.from({length: Math.max(0, count - running)}, (_, index) => running + index);
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
		running = Math.max(running, count);
	};

	let sshLines: string | undefined;
	/** The audit over SSH, once, with sshContainers running (or as many as already run, when more do). */
	const measureSsh = async () => {
		if (sshContainers === undefined || sshLines !== undefined) {
			return;
		}

		await grow(sshContainers);
		sshLines = await sshFigures(cli, daemon.host, running, Number(process.env.BENCH_SSH_RUNS ?? 3)).catch((error: unknown) => `Audit over SSH: not measured: ${(error as Error).message.split('\n')[0]}`);
	};

	for (const count of counts) {
		if (count > (sshContainers ?? Number.POSITIVE_INFINITY)) {
			await measureSsh();
		}

		await grow(count);
		proxy.reset();
		await measure(`unix://${proxySocket}`);
		const calls = proxy.count();
		const bare = await bareNode();
		const full = await medians(async () => measure(daemon.host));
		const costliest = await costliestGatherers(daemon.host);
		rows.push({count, ...full, bareWallMs: bare.wallMs});
		if (count === 0) {
			floorLine = await auditFloors(floor.cli, daemon.host);
		}

		if (baseline) {
			baselineLines.push(`- ${count} containers: ${await compareWithBaseline(daemon.host, baseline)}`);
		}

		console.log(`| ${count} | ${full.wallMs} ms | ${full.cpuMs} ms | ${Math.round(full.rssKiB / 1024)} MB | ${calls} | ${bare.wallMs} / ${bare.cpuMs} ms | ${costliest} |`);
		if (count === counts[0] || count === counts.at(-1)) {
			const sections = await medians(async () => measure(daemon.host, ['--section', '1,2,3']));
			sectionRows.push(`| ${count} | ${sections.wallMs} ms | ${sections.cpuMs} ms | ${Math.round(sections.rssKiB / 1024)} MB |`);
		}
	}

	if (rows.length > 1) {
		const [first, last] = [rows[0]!, rows.at(-1)!];
		const added = last.count - first.count;
		console.log(`\nCost per added container (${first.count} to ${last.count}): ${((last.wallMs - first.wallMs) / added).toFixed(2)} ms wall, ${((last.cpuMs - first.cpuMs) / added).toFixed(2)} ms CPU`);
		const zero = rows.find(row => row.count === 0);
		console.log(`Targets: ${last.count} containers under 800 ms wall (${last.wallMs}) and 1000 ms CPU (${last.cpuMs}), peak RSS under 120 MB (${Math.round(last.rssKiB / 1024)})${zero ? `; 0 containers under 2x a bare Node.js start (${(zero.wallMs / zero.bareWallMs).toFixed(2)}x)` : ''}`);
		console.log(`\nThe host and daemon sections alone (\`--section 1,2,3\`):\n\n| containers | wall (median of ${runs}) | CPU | peak RSS |\n|---:|---:|---:|---:|\n${sectionRows.join('\n')}`);
	}

	if (floorLine !== undefined) {
		console.log(`\n${floorLine}`);
	}

	await measureSsh();
	if (baselineLines.length > 0) {
		console.log(`\nThe same rows with BENCH_BASELINE (${baseline}):\n\n${baselineLines.join('\n')}`);
	}

	console.log(`\n${frameLine}`);
	if (sshLines !== undefined) {
		console.log(`\n${sshLines}`);
	}
} finally {
	proxy.close();
	fs.rmSync(proxySocket, {force: true});
	floor.remove();
	await daemon.stop();
}
