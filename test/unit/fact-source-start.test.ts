import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import type Dockerode from 'dockerode';
import type {Exec} from '../../source/host/exec.js';
import {createFactSource, type HostAccess} from '../../source/host/fact-source.js';
import {createRootFs} from '../../source/host/root-fs.js';

// The order in which a fact source starts its gatherers (createFactSource's start): what waits on dockerd goes first,
// so that its answers come back while auditctl runs and the host's files are read, rather than after.

type Event = string;

/** Set once the turn of the event loop in which a test starts its facts has ended. */
let turnEnded = false;

function fakeHost(events: Event[], root: string, reachable = true): HostAccess {
	// A request is noted when sent, and answered a few ms later, as dockerd does.
	const answer = async <Value>(event: Event, value: Value): Promise<Value> => {
		events.push(event);
		await delay(5);
		events.push(`${event} answered`);
		if (!reachable) {
			throw Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'});
		}

		return value;
	};

	const client = {
		info: async () => answer('info', {ServerVersion: '26.1.5', SecurityOptions: [], Swarm: {LocalNodeState: 'inactive'}}),
		listContainers: async ({all}: {all: boolean}) => answer(`containers all=${all}`, []),
		getNetwork: () => ({inspect: async () => answer('bridge', {Driver: 'bridge', Options: {}})}),
		listImages: async () => answer('images', []),
	};
	const exec: Exec = async argv => {
		events.push(`exec ${argv.join(' ')}${turnEnded ? ' (a later turn)' : ''}`);
		return {exitCode: 0, stdout: '', stderr: ''};
	};

	return {
		options: {root, dockerHost: 'unix:///nowhere/docker.sock'},
		fs: createRootFs(root),
		exec,
		isRoot: true,
		async tool(name) {
			return `/usr/sbin/${name}`;
		},
		async docker() {
			// dockerode's first request goes out after some 20 promise callbacks (its loading, the socket path, the request).
			for (let hop = 0; hop < 20; hop++) {
				await undefined;
			}

			return client as unknown as Dockerode;
		},
	};
}

function emptyRoot(t: {teardown(fn: () => void): void}): string {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-start-'));
	t.teardown(() => {
		fs.rmSync(root, {recursive: true, force: true});
	});
	return root;
}

test('start sends every request to dockerd before auditctl is run, though the checks ask for audit first', async t => {
	const events: Event[] = [];
	const source = createFactSource(fakeHost(events, emptyRoot(t)));
	await source.start!(['audit', 'host', 'images', 'containers', 'docker']);
	const [audit] = await Promise.all([source.get('audit'), source.get('images')]);
	t.is(audit.auditctl, '/usr/sbin/auditctl');
	const firstExec = events.findIndex(event => event.startsWith('exec '));
	t.true(firstExec > 0, events.join(', '));
	for (const request of ['info', 'containers all=false', 'bridge', 'containers all=true', 'images']) {
		const index = events.indexOf(request);
		t.true(index >= 0 && index < firstExec, `${request} before auditctl: ${events.join(', ')}`);
		// The container and image lists go out beside docker info, not after its answer.
		t.true(index < events.indexOf('info answered'), `${request} before docker info's answer: ${events.join(', ')}`);
	}
});

test('the container and image lists asked for beside docker info count only when dockerd answered it', async t => {
	const events: Event[] = [];
	const source = createFactSource(fakeHost(events, emptyRoot(t), false));
	await source.start!(['images', 'containers', 'docker']);
	const [docker, containers, images] = await Promise.all([source.get('docker'), source.get('containers'), source.get('images')]);
	t.false(docker.reachable);
	t.like(containers, {reachable: false, error: 'connection refused (is dockerd running?)'});
	t.like(images, {reachable: false, error: 'connection refused (is dockerd running?)'});
	t.true(events.includes('containers all=true') && events.includes('images'), events.join(', '));
});

test.serial('over SSH every fact starts in the same turn, so that their first reads share one round trip', async t => {
	const events: Event[] = [];
	// A host over SSH sends what is asked in one turn of the event loop in one round trip (source/host/ssh/remote-batch.ts).
	const remote = {via: 'ssh://ops@db1.example:22', hostname: 'db1', roundTrips: () => 0};
	const source = createFactSource({...fakeHost(events, emptyRoot(t)), remote});
	turnEnded = false;
	setImmediate(() => {
		turnEnded = true;
	});
	await source.start!(['audit', 'images', 'docker']);
	await Promise.all([source.get('audit'), source.get('images')]);
	t.true(events.includes('exec /usr/sbin/auditctl -l') && events.includes('info'), events.join(', '));
});
