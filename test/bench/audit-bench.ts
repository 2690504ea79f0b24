/*
npm run bench: wall time and peak memory of a full non-interactive audit against a private dockerd with N running containers.
Not a test: it prints a table for the readme.
*/
import {spawnSync} from 'node:child_process';
import {importBusybox, startPrivateDockerd} from '../helpers/private-dockerd.js';

const counts = (process.env.BENCH_COUNTS ?? '0,20,100').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 5);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

/** One audit run under GNU time: wall time and peak RSS. The exit code (1 when WARNs are found) does not matter here. */
function measure(host: string): {wallMs: number; rssKiB: number} {
	const {stderr} = spawnSync('/usr/bin/time', ['-f', '%e %M', 'node', cli, '--json', '--docker-host', host], {encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe']});
	const [wall, rss] = stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
	return {wallMs: Math.round(wall! * 1000), rssKiB: rss!};
}

const daemon = await startPrivateDockerd();
try {
	importBusybox(daemon);
	let running = 0;
	console.log('| containers | wall time (median of %d) | peak RSS |', runs);
	console.log('|---:|---:|---:|');
	for (const count of counts) {
		for (; running < count; running++) {
			daemon.docker('run', '-d', '--network', 'none', '--stop-timeout', '1', '--name', `bench-${running}`, 'local/busybox', 'sleep', '3600');
		}

		const samples = Array.from({length: runs}, () => measure(daemon.host));
		console.log(`| ${count} | ${median(samples.map(sample => sample.wallMs))} ms | ${Math.round(median(samples.map(sample => sample.rssKiB)) / 1024)} MB |`);
	}
} finally {
	await daemon.stop();
}
