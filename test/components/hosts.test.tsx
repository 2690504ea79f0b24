import test from 'ava';
import {act, createElement} from 'react';
import FleetApp, {type HostRecord} from '../../source/ui/app/fleet-app.js';
import type {FleetEvent, FleetServices} from '../../source/ui/services.js';
import {createFakeServices, fakeChecks, fakeSections, fakeToday, type FakeServices} from '../helpers/fake-services.js';
import {keys, lines, renderTui, type Tui} from '../helpers/render.js';

const urls = ['ssh://dw@alpha:2222', 'ssh://dw@beta:2222', 'ssh://dw@gone.invalid'];

/** A fake fleet whose audit reports only what the test emits, each inside act(). */
function fakeFleet() {
	let emitter: ((event: FleetEvent) => void) | undefined;
	let aborted = false;
	const fleet: FleetServices = {
		sections: fakeSections,
		checks: fakeChecks,
		hosts: urls,
		async audit(onEvent, signal) {
			emitter = onEvent;
			await new Promise<void>(resolve => {
				signal.addEventListener('abort', () => {
					aborted = true;
					resolve();
				});
			});
		},
	};
	return {
		fleet,
		aborted: () => aborted,
		async emit(...events: FleetEvent[]) {
			await act(async () => {
				for (const event of events) {
					emitter!(event);
				}

				await new Promise(resolve => {
					setImmediate(resolve);
				});
			});
		},
	};
}

/** Every result of a fake host, as the fleet's audit reports them. */
function audit(index: number, services: FakeServices): FleetEvent[] {
	return [
		{type: 'connecting', index},
		{type: 'connected', index, services},
		...Object.values(services.results).map(result => ({type: 'result', index, result}) as const),
		{type: 'audited', index},
	];
}

async function renderFleet(fleet: FleetServices, size: {columns?: number; rows?: number} = {}): Promise<Tui & {exits: Array<{code: number; records: readonly HostRecord[]}>}> {
	const exits: Array<{code: number; records: readonly HostRecord[]}> = [];
	const tui = await renderTui(createElement(FleetApp, {fleet, today: fakeToday, onExit(code: number, records: readonly HostRecord[]) {
		exits.push({code, records});
	}}), size);
	return Object.assign(tui, {exits});
}

/** The row of a host in a frame. */
function row(frame: string, host: string): string {
	return lines(frame).find(line => line.includes(host)) ?? '';
}

test('the host list fills in as results arrive: reachable or why not, the WARNs per section; one unreachable host stops no other', async t => {
	const {fleet, emit} = fakeFleet();
	const alpha = createFakeServices();
	const beta = createFakeServices();
	beta.results['2.2'] = {...beta.results['2.2']!, status: 'pass'};
	const tui = await renderFleet(fleet);
	let frame = tui.frame();
	t.regex(frame, /Fleet of 3 hosts over SSH - 0 audited/);
	t.regex(frame, /host +reachable +1 +2 +3 +4 +5 +6 +7 +WARN/);
	t.regex(row(frame, 'alpha'), /waiting +- +- +- +- +- +- +- +-$/);

	await emit({type: 'connecting', index: 0}, {type: 'connected', index: 0, services: alpha}, {type: 'result', index: 0, result: alpha.results['1.1.3']!});
	frame = tui.frame();
	t.regex(row(frame, 'alpha'), /yes, 1\/12 +1 +0 +0 +0 +0 +0 +0 +1$/);
	t.regex(frame, /auditing: 3 hosts to go/);

	await emit({type: 'connecting', index: 2}, {type: 'failed', index: 2, reason: 'ssh: Could not resolve hostname gone.invalid: Name or service not known (exit 9)'});
	await emit(...audit(0, alpha).slice(2), ...audit(1, beta));
	frame = tui.frame();
	t.regex(row(frame, 'alpha'), /yes +2 +1 +0 +0 +0 +0 +0 +3$/);
	t.regex(row(frame, 'beta'), /yes +2 +0 +0 +0 +0 +0 +0 +2$/);
	t.regex(row(frame, 'gone'), /no: ssh: Cou… +- +-/);
	t.regex(frame, /2 audited, 1 not audited/);
	t.notRegex(frame, /hosts to go/);
	t.true(lines(frame).length <= 23);
	t.true(lines(frame).every(line => line.length <= 80), frame);
	t.regex(frame, /↑↓ move {2}enter open {2}\? help {2}q quit/);

	// The whole reason of the selected unreachable host is written under the list.
	await tui.press('jj');
	frame = tui.frame();
	t.regex(row(frame, '› ssh://dw@gone'), /no:/);
	t.regex(frame.replaceAll(/\s+/g, ' '), /ssh:\/\/dw@gone\.invalid: not audited: ssh: Could not resolve hostname gone\.invalid: Name or service not known \(exit 9\)/);
	await tui.press(keys.enter);
	t.regex(tui.frame(), /ssh:\/\/dw@gone\.invalid was not audited: ssh: Could not resolve/);
	await tui.unmount();
});

test('enter drills into an audited host\'s sections, with the counts of the audit; esc comes back without auditing again, and the host is as it was left', async t => {
	const {fleet, emit} = fakeFleet();
	const alpha: FakeServices = {...createFakeServices(), banner: 'ssh://dw@alpha:2222: alpha - Docker 28.0.1'};
	const beta = createFakeServices();
	const tui = await renderFleet(fleet);
	await emit(...audit(0, alpha), {type: 'connecting', index: 1}, {type: 'connected', index: 1, services: beta});

	// Beta is still being audited: it cannot be opened yet.
	await tui.press('j', keys.enter);
	t.regex(tui.frame(), /ssh:\/\/dw@beta:2222: audit under way \(0\/12\)/);

	await tui.press('k', keys.enter);
	let frame = tui.frame();
	t.regex(frame, /ssh:\/\/dw@alpha:2222: alpha - Docker 28\.0\.1/);
	t.regex(frame, /› 1 {2}Host Configuration/);
	t.regex(frame, /esc hosts/);
	t.notRegex(frame, /Fleet of 3 hosts/);
	t.deepEqual(alpha.runCalls, [], 'the audit\'s results are shown, nothing is run again');
	// The section counts come from the fleet's audit.
	t.regex(lines(frame).find(line => line.includes('Host Configuration')) ?? '', /1 pass {2}2 warn {2}1 note {2}1 skip/);

	await tui.press('j', keys.escape);
	frame = tui.frame();
	t.regex(frame, /Fleet of 3 hosts over SSH - 1 audited/);
	t.deepEqual(alpha.runCalls, []);

	await tui.press(keys.enter);
	t.regex(tui.frame(), /› 2 {2}Docker daemon configuration/);
	t.deepEqual(alpha.runCalls, []);

	// A fix in the host's app counts on the list: 1.1.3 fixed leaves alpha one WARN fewer in section 1.
	await tui.press(keys.escape);
	await emit(...audit(1, beta).slice(2));
	await tui.press(keys.enter, 'k', keys.enter, 's', 'j', keys.enter, 'f', 'y');
	await tui.settle(50);
	t.deepEqual(alpha.applyCalls.map(plan => plan.checkIds), [['1.1.3']]);
	await tui.press(keys.enter, keys.escape, keys.escape, keys.escape);
	frame = tui.frame();
	t.regex(frame, /Fleet of 3 hosts/);
	t.regex(row(frame, 'alpha'), /yes +1 +1 +0 +0 +0 +0 +0 +2$/);

	await tui.press('q');
	t.is(tui.exits.length, 1);
	t.is(tui.exits[0]!.code, 0);
	t.deepEqual(tui.exits[0]!.records.map(record => record.url), ['ssh://dw@alpha:2222']);
	t.is(tui.exits[0]!.records[0]!.record.fixesApplied.length, 1);
	await tui.unmount();
});

test('? in a fleet, on the list and in a host\'s app, shows the host list\'s keys and the way back to it', async t => {
	const {fleet, emit} = fakeFleet();
	const alpha = createFakeServices();
	const tui = await renderFleet(fleet, {rows: 100});
	await emit(...audit(0, alpha));
	await tui.press('?');
	t.regex(tui.frame(), /^Host list/m);
	await tui.press('?', keys.enter, '?');
	const frame = tui.frame();
	t.regex(frame, /^Host list/m);
	t.regex(frame, /Back to the host list of the fleet/);
	await tui.unmount();
});

test('host text is made safe on the list: an escape sequence in a reason is shown, not run', async t => {
	const {fleet, emit} = fakeFleet();
	const tui = await renderFleet(fleet);
	await emit({type: 'failed', index: 0, reason: 'banner \u001B[2Jcleared'});
	const frame = tui.frame();
	t.false(frame.includes('\u001B[2J'));
	t.regex(frame, /banner \\x1b\[2Jcleared/);
	await tui.unmount();
});

test('q on the list quits with 0 and Ctrl+C with 130, stopping the audit', async t => {
	for (const [key, code] of [['q', 0], [keys.ctrlC, 130]] as const) {
		const {fleet, aborted} = fakeFleet();
		const tui = await renderFleet(fleet);
		await tui.press(key);
		t.deepEqual(tui.exits.map(exit => exit.code), [code]);
		await tui.unmount();
		t.true(aborted());
	}
});

test('what a host\'s connection said (sudo wants a password there) is written under the list when it is selected', async t => {
	const {fleet, emit} = fakeFleet();
	const tui = await renderFleet(fleet);
	await emit({type: 'connecting', index: 0}, {type: 'connected', index: 0, services: createFakeServices(), note: 'sudo -n wants a password there: the checks that need root say so'});
	const frame = tui.frame();
	t.regex(frame.replaceAll(/\s+/g, ' '), /ssh:\/\/dw@alpha:2222: sudo -n wants a password there: the checks that need root say so/);
	t.regex(row(frame, 'alpha'), /yes, 0\/12/);
	await tui.unmount();
});
