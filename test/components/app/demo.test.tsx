import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import test from 'ava';
import {createElement} from 'react';
import {openDemo} from '../../../source/demo/demo-services.js';
import AppRoot from '../../../source/ui/app/app-root.js';
import type {Services} from '../../../source/ui/services.js';
import {createFakeServices} from '../../helpers/fake-services.js';
import {keys, renderTui, waitForFrame} from '../../helpers/render.js';

const demoOptions = {auditKey: 'docker'};

test('the demo walks from the first screen to a fix confirm, applies it in the sandbox, and every screen says DEMO', async t => {
	const demo = await openDemo(demoOptions, undefined, {restartDelayMs: 0});
	t.teardown(demo.dispose);
	const tui = await renderTui(createElement(AppRoot, {services: demo.services}), {columns: 80, rows: 24});
	const frames: string[] = [tui.frame()];
	t.regex(frames[0]!, /^ DEMO {2}shipyard, a sample host in a sandbox/);

	await tui.press('a');
	frames.push(await waitForFrame(tui, /2 {2}Docker daemon configuration +\d+ pass +\d+ warn/));
	await tui.press('j', keys.enter);
	frames.push(await waitForFrame(tui, /\[WARN\] 2\.10 +Enable user namespace support/));
	await tui.press('/', ...'user namespace', keys.enter, keys.enter);
	const detail = await waitForFrame(tui, /web: uid 0 in the container = uid 0 on the host \(pid 2590\)/);
	frames.push(detail);
	t.regex(detail, /fixable: press f/);

	await tui.press('f');
	const confirm = await waitForFrame(tui, /Apply\? \[y\/N\]/);
	frames.push(confirm);
	t.regex(confirm, /Turn on user-namespace remapping/);
	t.regex(confirm, /\+ +"userns-remap": "default"/);
	t.regex(confirm, /restart the Docker daemon: systemctl restart docker\.service/);

	await tui.press('y');
	const result = await waitForFrame(tui, /\[PASS\] 2\.10/);
	frames.push(result);
	const daemonJson = JSON.parse(readFileSync(path.join(demo.root, 'etc/docker/daemon.json'), 'utf8')) as Record<string, unknown>;
	t.is(daemonJson['userns-remap'], 'default', 'the fix wrote the sandbox daemon.json');
	t.regex(readFileSync(path.join(demo.root, 'etc/subuid'), 'utf8'), /^dockremap:100000:65536$/m, 'the sandbox dockerd added the dockremap range');

	await tui.press(keys.enter);
	const after = await waitForFrame(tui, /web: uid 0 in the container = uid 100000 on the host/);
	frames.push(after);
	for (const frame of frames) {
		t.regex(frame, /^ DEMO /, 'every screen says it is the demo');
	}

	await tui.unmount();
});

test('the demo sandbox is removed when it is disposed', async t => {
	const demo = await openDemo(demoOptions);
	t.true(existsSync(path.join(demo.root, 'etc/docker/daemon.json')));
	await demo.dispose();
	t.false(existsSync(demo.root));
});

/** Fake host services whose Docker daemon does not answer, with a fake demo to open. */
function unreachableHost(reachable = false) {
	const opened: string[] = [];
	const demo: Services = {...createFakeServices(), banner: 'the fake demo', demo: true};
	const services: Services = {
		...createFakeServices(),
		async describeHost() {
			return reachable
				? {text: 'fakehost - Docker 28.0.1 at unix:///var/run/docker.sock', dockerReachable: true}
				: {text: 'fakehost - Docker unreachable at unix:///var/run/docker.sock: the socket does not exist (is dockerd running?)', dockerReachable: false};
		},
		async openDemo() {
			opened.push('demo');
			return demo;
		},
	};
	return {services, opened};
}

test('with no Docker daemon, the first screen says so and offers the demo; d opens it', async t => {
	const {services, opened} = unreachableHost();
	const tui = await renderTui(createElement(AppRoot, {services}));
	const frame = await waitForFrame(tui, /Docker unreachable/);
	t.regex(frame, /no Docker daemon answers: d opens the demo sandbox/);
	t.notRegex(frame, /DEMO/);
	t.deepEqual(opened, [], 'the demo is never entered without the key');

	await tui.press('d');
	const demo = await waitForFrame(tui, /^ DEMO {2}the fake demo/);
	t.deepEqual(opened, ['demo']);
	t.notRegex(demo, /d opens the demo/, 'inside the demo, there is no demo to offer');
	await tui.unmount();
});

test('a session that went into the demo ends with a record marked demo, so its summary says the changes are gone', async t => {
	const {services} = unreachableHost();
	const records: Array<{demo?: true}> = [];
	const tui = await renderTui(createElement(AppRoot, {services, onExit(_code: number, record: {demo?: true}) {
		records.push(record);
	}}));
	await waitForFrame(tui, /d opens the demo/);
	await tui.press('d');
	await waitForFrame(tui, /^ DEMO /);
	await tui.press('q');
	t.is(records.length, 1);
	t.true(records[0]?.demo);
	await tui.unmount();
});

test('with a Docker daemon that answers, d does not leave the host', async t => {
	const {services, opened} = unreachableHost(true);
	const tui = await renderTui(createElement(AppRoot, {services}));
	await waitForFrame(tui, /Docker 28\.0\.1/);
	t.notRegex(tui.frame(), /d opens the demo sandbox, a sample/);
	await tui.press('d');
	t.regex(tui.frame(), /d opens the demo only when no Docker daemon answers \(or run dockwarden --demo\)/);
	t.deepEqual(opened, []);
	await tui.unmount();
});

test('a demo that cannot be opened says why, and the host stays', async t => {
	const {services} = unreachableHost();
	const failing: Services = {
		...services,
		async openDemo() {
			throw new Error('the sample host of --demo is missing');
		},
	};
	const tui = await renderTui(createElement(AppRoot, {services: failing}));
	await waitForFrame(tui, /d opens the demo/);
	await tui.press('d');
	const frame = await waitForFrame(tui, /the demo sandbox could not be opened: the sample host of --demo is missing/);
	t.notRegex(frame, /DEMO/);
	await tui.unmount();
});
