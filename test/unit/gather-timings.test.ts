import {setTimeout as delay} from 'node:timers/promises';
import test from 'ava';
import {createGatherTimings, timingsLine, timingsWanted} from '../../source/host/gather-timings.js';

test('timings are recorded only when DOCKWARDEN_TIMINGS asks for them', t => {
	t.true(timingsWanted({DOCKWARDEN_TIMINGS: '1'}));
	t.true(timingsWanted({DOCKWARDEN_TIMINGS: 'true'}));
	t.false(timingsWanted({}));
	t.false(timingsWanted({DOCKWARDEN_TIMINGS: '0'}));
	t.is(createGatherTimings({}), undefined);
});

test('each gatherer\'s own wall time leaves out the time it waited for the facts it asked for', async t => {
	const timings = createGatherTimings({DOCKWARDEN_TIMINGS: '1'})!;
	const facts = new Map<string, Promise<unknown>>();
	// As the fact source does: `get` notes the wait, then starts the gatherer once.
	const get = async (name: string, gather: () => Promise<unknown>) => {
		timings.waiting(name);
		let pending = facts.get(name);
		if (!pending) {
			pending = timings.run(name, gather);
			facts.set(name, pending);
		}

		return pending;
	};

	const containers = async () => {
		await delay(120);
		return 'containers';
	};

	await get('processes', async () => {
		await get('containers', containers);
		await delay(40);
		return 'processes';
	});
	const records = JSON.parse(timingsLine(timings.records)) as {dockwardenTimings: Record<string, {startMs: number; endMs: number; ownMs: number; waitedFor: string[]}>};
	const {processes, containers: listed} = records.dockwardenTimings;
	t.deepEqual(processes?.waitedFor, ['containers']);
	t.deepEqual(listed?.waitedFor, []);
	t.true(listed!.ownMs >= 110, `containers took its own 120 ms: ${listed!.ownMs}`);
	t.true(processes!.endMs - processes!.startMs >= 150, 'processes ended after containers and its own 40 ms');
	t.true(processes!.ownMs >= 30 && processes!.ownMs < 110, `processes' own time leaves out the 120 ms wait: ${processes!.ownMs}`);
});

test('a failing gatherer is recorded as failed, and its error passes through', async t => {
	const timings = createGatherTimings({DOCKWARDEN_TIMINGS: '1'})!;
	await t.throwsAsync(timings.run('docker', async () => {
		throw new Error('no daemon');
	}), {message: 'no daemon'});
	t.true(timings.records.get('docker')?.failed);
});
