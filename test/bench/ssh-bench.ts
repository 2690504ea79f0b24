/*
The SSH part of npm run bench (issue 13): a remote audit of this machine over SSH, through the test's own sshd and a test
user with passwordless sudo and the docker group, beside the local audit of the same daemon; the SSH round trips it made
(the JSON report's host.sshRoundTrips); and a fleet of ten names, all reaching the same sshd, audited at once, beside one.
As every target is this machine, each run also counts the CPU the whole machine used (/proc/stat): the targets' sshd, sudo,
shells and dockerd work on the same cores as the audits, and that CPU over the cores is the least wall a fleet can take.
Needs /usr/sbin/sshd and sudo (apt-get install openssh-server sudo). BENCH_SSH=0 leaves it out; BENCH_SSH_RUNS (default 3)
sets the number of runs of each.
*/
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {startSshd} from '../helpers/sshd.js';

/**
Wall, CPU (user + sys, with the ssh processes it waited for) and stdout of one run under GNU time; and the CPU the whole
machine used meanwhile (every process: the target's sshd, sudo, shells and dockerd too, as the targets are this machine).
*/
type Run = {wallMs: number; cpuMs: number; machineCpuMs: number; stdout: string; exitCode: number};

/** The CPU time used by every process of the machine since it started, from the first line of /proc/stat, in ms. */
function machineCpuMs(): number {
	const [, user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
	// USER_HZ is 100 on Linux.
	return (user! + nice! + system! + irq! + softirq! + steal!) * 10;
}

/** The number of CPUs this process may run on. */
const cores = os.availableParallelism();

async function timed(argv: readonly string[], environment: NodeJS.ProcessEnv): Promise<Run> {
	const timeFile = `${fs.mkdtempSync('/tmp/dw-bench-time-')}/time`;
	const machineBefore = machineCpuMs();
	const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S', ...argv], {stdio: ['ignore', 'pipe', 'ignore'], env: environment});
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	const exitCode = await new Promise<number>(resolve => child.on('close', code => {
		resolve(code ?? -1);
	}));
	const machineCpu = machineCpuMs() - machineBefore;
	const [wall, user, system] = fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
	fs.rmSync(path.dirname(timeFile), {recursive: true, force: true});
	return {wallMs: Math.round(wall! * 1000), cpuMs: Math.round((user! + system!) * 1000), machineCpuMs: machineCpu, stdout, exitCode};
}

function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)]!;
}

type RemoteReport = {host: {via?: string; sshRoundTrips?: number}; results: Array<{id: string; status: string}>};

/**
Measures the remote audit, its round trips and the fleet against the daemon at `dockerHost` (a unix socket of this machine
with `containers` running), `runs` times each, and returns the Markdown lines for the readme.
*/
export async function sshFigures(cli: string, dockerHost: string, containers: number, runs: number): Promise<string> {
	const sshd = await startSshd();
	try {
		const user = sshd.addUser({sudo: true, docker: true});
		// Ten names for the same sshd, as a fleet of ten hosts: each reaches 127.0.0.1, whose host key the test's known_hosts holds.
		const fleetNames = Array.from({length: 10}, (_, index) => `dw-bench-fleet-${index + 1}`);
		const config = path.join(sshd.dir, 'ssh_config_fleet');
		fs.writeFileSync(config, `Host dw-bench-fleet-*\n  HostName 127.0.0.1\n\n${fs.readFileSync(sshd.clientConfig, 'utf8')}`);
		const environment = {...process.env, NO_COLOR: '1', DOCKWARDEN_SSH_CONFIG: config};
		const urlOf = (host: string) => `ssh://${user.name}@${host}:${sshd.port}`;
		const local = async () => timed(['node', cli, '--json', '--docker-host', dockerHost], environment);
		const remote = async () => timed(['node', cli, '--json', '--host', urlOf('127.0.0.1'), '--docker-host', dockerHost], environment);
		const fleet = async () => timed(['node', cli, '--json', ...fleetNames.flatMap(name => ['--host', urlOf(name)]), '--docker-host', dockerHost], environment);

		const [locals, remotes, fleets]: [Run[], Run[], Run[]] = [[], [], []];
		for (let run = 0; run < runs; run++) {
			// In turn, so that the load of the machine weighs on each alike.
			locals.push(await local());
			remotes.push(await remote());
			fleets.push(await fleet());
		}

		const report = JSON.parse(remotes[0]!.stdout) as RemoteReport;
		const localReport = JSON.parse(locals[0]!.stdout) as RemoteReport;
		const roundTrips = median(remotes.map(run => (JSON.parse(run.stdout) as RemoteReport).host.sshRoundTrips ?? Number.NaN));
		const sameStatuses = localReport.results.every((result, index) => report.results[index]?.id === result.id && report.results[index]?.status === result.status);
		const fleetReport = JSON.parse(fleets[0]!.stdout) as {fleet: Array<{host: string; report?: RemoteReport; notAudited?: string}>};
		const audited = fleetReport.fleet.filter(entry => entry.report !== undefined).length;
		const notAudited = fleetReport.fleet.find(entry => entry.notAudited !== undefined)?.notAudited;
		const [localWall, remoteWall, fleetWall] = [locals, remotes, fleets].map(list => median(list.map(run => run.wallMs)));
		const [localCpu, remoteCpu, fleetCpu] = [locals, remotes, fleets].map(list => median(list.map(run => run.cpuMs)));
		const [localMachine, remoteMachine, fleetMachine] = [locals, remotes, fleets].map(list => median(list.map(run => run.machineCpuMs)));
		// The least wall the fleet can take here: all its CPU, on both sides, shared by this machine's cores.
		const fleetFloor = Math.round(fleetMachine / cores);
		const met = (ok: boolean) => ok ? 'met' : 'missed';
		return [
			`| ${containers} running containers, over SSH to this machine (median of ${runs}) | wall | CPU (with ssh) | machine CPU (both sides) | SSH round trips |`,
			'|---|---:|---:|---:|---:|',
			`| local audit, \`--json\` | ${localWall} ms | ${localCpu} ms | ${localMachine} ms | |`,
			`| the same audit over SSH, \`--host ${urlOf('127.0.0.1').replace(user.name, 'USER').replace(String(sshd.port), 'PORT')}\` | ${remoteWall} ms | ${remoteCpu} ms | ${remoteMachine} ms | ${roundTrips} |`,
			`| a fleet of 10 names (all this machine's sshd), audited at once | ${fleetWall} ms | ${fleetCpu} ms | ${fleetMachine} ms | |`,
			'',
			`The fleet used ${fleetMachine} ms of CPU on this machine's ${cores} cores, the targets' side included: it cannot take less than ${fleetFloor} ms of wall here, ${(fleetFloor / remoteWall).toFixed(2)} times one remote audit, and took ${fleetWall} ms (${Math.round(100 * fleetMachine / (fleetWall * cores))} % of the cores busy).`,
			`Targets (issue 13): the remote audit under 3 s: ${met(remoteWall < 3000)} (${remoteWall} ms); fewer than 20 round trips: ${met(roundTrips < 20)} (${roundTrips}); the fleet of 10 under 2 times one remote audit: ${met(fleetWall < 2 * remoteWall)} (${(fleetWall / remoteWall).toFixed(2)} times; ${audited} of 10 hosts audited${notAudited ? `; one not: ${notAudited}` : ''}). The remote report gives the same ids and statuses as the local one: ${sameStatuses ? 'yes' : 'NO'}.`,
		].join('\n');
	} finally {
		await sshd.stop();
	}
}
