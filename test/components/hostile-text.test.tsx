import test from 'ava';
import type {Plan} from '../../source/model/plan.js';
import {auditPlan, createFakeServices} from '../helpers/fake-services.js';
import {keys, renderDockwarden} from '../helpers/render.js';

// What the attacker controls: text the host gives back (a HEALTHCHECK or a process command line in the evidence, a path and a
// rules file's content in a fix plan). What must not happen: a raw ESC, BEL, CSI (U+009B), carriage return or bidi override
// reaching the terminal, which could set the window title, write the clipboard (OSC 52), clear the screen or move the cursor
// to fake a [PASS] or hide a step on the confirm screen; or a password shown. The operator sees the escapes instead.

const esc = '\u001B';

/** Opens the 1.1.3 detail after running section 1. */
const openWarn = [keys.enter, 's', 'j', keys.enter];

/** True when the frame holds a character a terminal acts on (other than the line breaks of the frame itself). */
const rawControl = (frame: string) => /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(frame);

test('hostile evidence and summary show as visible escapes on the detail screen, with the password masked', async t => {
	const fake = createFakeServices();
	fake.results['1.1.3'] = {
		id: '1.1.3',
		status: 'warn',
		summary: `No audit rule ${esc}[1A${esc}[2K[PASS] forged`,
		evidence: [
			`img: HEALTHCHECK true ${esc}]0;title\u0007 ${esc}]52;c;aGk=\u0007 ${esc}[2J`,
			'ctr: sshd -D \u009B2J \u202Eevil --password hunter2',
			'line\r[PASS] overwritten',
			'one item\n  [PASS] a forged second item',
		],
		fixable: true,
		durationMs: 1,
	};
	const tui = await renderDockwarden(fake, {rows: 40, columns: 120});
	await tui.press(...openWarn);
	const frame = tui.frame();
	t.false(rawControl(frame), frame);
	t.false(frame.includes('hunter2'));
	t.true(frame.includes(String.raw`No audit rule \x1b[1A\x1b[2K[PASS] forged`), frame);
	t.true(frame.includes(String.raw`HEALTHCHECK true \x1b]0;title\x07 \x1b]52;c;aGk=\x07 \x1b[2J`), frame);
	t.true(frame.includes(String.raw`sshd -D \x9b2J \u202eevil --password *** (a secret was masked)`), frame);
	t.true(frame.includes(String.raw`line\r[PASS] overwritten`), frame);
	// A newline in an item does not start a line of its own.
	t.true(frame.includes(String.raw`one item\n  [PASS] a forged second item`), frame);
	t.false(/^\s*\[PASS\] a forged/m.test(frame));
	await tui.unmount();
});

test('a hostile command and diff line show as visible escapes on the fix confirm screen: no step can be hidden', async t => {
	const fake = createFakeServices();
	const base = auditPlan('1.1.3');
	const hostilePath = `/srv/x${esc}[2J${esc}[H\u202E`;
	const plan: Plan = {
		...base,
		title: `Watch ${hostilePath}`,
		steps: [
			{kind: 'run', argv: ['auditctl', '-w', hostilePath, '-k', 'docker']},
			{kind: 'write', path: '/etc/audit/rules.d/docker.rules', before: `-w /srv/old\u009B1A -k docker\n`, after: `-w /srv/old\u009B1A -k docker\n-w ${hostilePath}\r[PASS] -k docker\n`, mode: 0o640},
		],
	};
	fake.planOutcome = {ok: true, plan};
	const tui = await renderDockwarden(fake, {rows: 40, columns: 120});
	await tui.press(...openWarn, 'f');
	const frame = tui.frame();
	t.regex(frame, /Apply\? \[y\/N\]/);
	t.false(rawControl(frame), frame);
	t.true(frame.includes(String.raw`1. run: auditctl -w '/srv/x\x1b[2J\x1b[H\u202e' -k docker`), frame);
	t.true(frame.includes(String.raw`+-w /srv/x\x1b[2J\x1b[H\u202e\r[PASS] -k docker`), frame);
	t.true(frame.includes(String.raw` -w /srv/old\x9b1A -k docker`), frame);
	// Both steps are on screen: nothing moved the cursor over the first one.
	t.regex(frame, /2\. write \/etc\/audit\/rules\.d\/docker\.rules/);
	await tui.unmount();
});

test('a hostile step reported while a fix applies and the result log show escapes', async t => {
	const fake = createFakeServices();
	fake.applyOutcome = {ok: false, error: `auditctl said ${esc}[31mno${esc}[0m --token abc123`, rolledBack: true, log: [`ran auditctl -w /srv/x${esc}[2J`, 'MYSQL_ROOT_PASSWORD=hunter2']};
	const tui = await renderDockwarden(fake, {rows: 40, columns: 120});
	await tui.press(...openWarn, 'f', 'y');
	await tui.settle(50);
	const frame = tui.frame();
	t.false(rawControl(frame), frame);
	t.false(frame.includes('hunter2') || frame.includes('abc123'), frame);
	t.true(frame.includes(String.raw`Failed: auditctl said \x1b[31mno\x1b[0m --token ***`), frame);
	t.true(frame.includes(String.raw`ran auditctl -w /srv/x\x1b[2J`), frame);
	await tui.unmount();
});

test('a hostile host name in the header and a hostile journal entry show escapes', async t => {
	// The attacker controls the host name (the banner) and, on a host they can write to, a journal entry's title and changes.
	const fake = createFakeServices();
	const hostile = {...fake, banner: `web-1${esc}]0;pwned\u0007\n[PASS] \u202Eroot /`};
	fake.entries = [{
		id: 'x1',
		time: '2025-11-29T05:48:00.000Z',
		title: `Set ${esc}[2J"icc"\u202E`,
		checkIds: ['2.2'],
		changes: [`wrote /etc/docker/daemon.json${esc}[1A`, 'ran docker login -p hunter2 reg'],
	}];
	const tui = await renderDockwarden(hostile, {rows: 30, columns: 120});
	let frame = tui.frame();
	t.false(rawControl(frame), frame);
	t.true(frame.includes(String.raw`web-1\x1b]0;pwned\x07\n[PASS] \u202eroot /`), frame);
	await tui.press('J');
	frame = tui.frame();
	t.false(rawControl(frame), frame);
	t.true(frame.includes(String.raw`Set \x1b[2J"icc"\u202e`), frame);
	await tui.press(keys.enter);
	frame = tui.frame();
	t.false(rawControl(frame), frame);
	t.false(frame.includes('hunter2'), frame);
	t.true(frame.includes(String.raw`wrote /etc/docker/daemon.json\x1b[1A`), frame);
	t.true(frame.includes('ran docker login -p *** reg (a secret was masked)'), frame);
	await tui.unmount();
});
