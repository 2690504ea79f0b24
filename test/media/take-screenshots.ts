/*
npm run screenshots: the real TUI, driven in an 80x24 tmux terminal against a private dockerd and a fake host tree, captured
with its colours and rendered to PNG by headless Chromium into media/. Needs root, tmux and chromium (apt-get install chromium).
*/
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {makeFakeRoot} from '../helpers/fake-root.js';
import {importBusybox, startPrivateDockerd} from '../helpers/private-dockerd.js';

const media = new URL('../../media/', import.meta.url).pathname;
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;
const session = `dw-shots-${process.pid}`;

const palette = ['#1e1e1e', '#e06c75', '#98c379', '#e5c07b', '#61afef', '#c678dd', '#56b6c2', '#dcdfe4'];
const bright = ['#5c6370', '#ff7a85', '#b5e890', '#ffd68a', '#82c4ff', '#de9bff', '#7fd4df', '#ffffff'];

/** Turns tmux's ANSI capture into HTML spans: the SGR colours, bold and dim that Ink uses. */
function ansiToHtml(text: string): string {
	let style: {color?: string; bold?: boolean; dim?: boolean; background?: string} = {};
	const escape = (chunk: string) => chunk.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
	let html = '';
	for (const part of text.split(/(\u001B\[[\d;]*m)/)) {
		const sgr = /^\u001B\[([\d;]*)m$/.exec(part);
		if (!sgr) {
			const css = [style.color && `color:${style.color}`, style.background && `background:${style.background}`, style.bold && 'font-weight:bold', style.dim && 'opacity:0.6'].filter(Boolean).join(';');
			html += css ? `<span style="${css}">${escape(part)}</span>` : escape(part);
			continue;
		}

		const codes = (sgr[1] || '0').split(';').map(Number);
		for (let index = 0; index < codes.length; index++) {
			const code = codes[index]!;
			if (code === 0) {
				style = {};
			} else if (code === 1) {
				style.bold = true;
			} else if (code === 2) {
				style.dim = true;
			} else if (code === 22) {
				style.bold = false;
				style.dim = false;
			} else if (code >= 30 && code <= 37) {
				style.color = palette[code - 30];
			} else if (code >= 90 && code <= 97) {
				style.color = bright[code - 90];
			} else if (code === 39) {
				style.color = undefined;
			} else if (code >= 40 && code <= 47) {
				style.background = palette[code - 40];
			} else if (code === 49) {
				style.background = undefined;
			} else if (code === 38 || code === 48) {
				index += codes[index + 1] === 5 ? 2 : 4;
			}
		}
	}

	return html;
}

function screenshot(name: string): void {
	const capture = execFileSync('tmux', ['capture-pane', '-e', '-p', '-t', session], {encoding: 'utf8'});
	const page = path.join(os.tmpdir(), `${session}-${name}.html`);
	fs.writeFileSync(page, `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#1e1e1e"><pre style="margin:0;padding:12px;font:15px/1.25 'DejaVu Sans Mono',monospace;color:#dcdfe4">${ansiToHtml(capture)}</pre></body>`);
	execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${os.tmpdir()}/${session}-chrome`, '--hide-scrollbars', `--screenshot=${path.join(media, `${name}.png`)}`, '--window-size=760,480', `file://${page}`], {stdio: 'ignore'});
	fs.rmSync(page);
}

async function waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (pattern.test(execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'}))) {
			return;
		}
		await delay(100);
	}

	throw new Error(`the screen never showed ${pattern}:\n${execFileSync('tmux', ['capture-pane', '-p', '-t', session], {encoding: 'utf8'})}`);
}

const keys = (...names: string[]) => execFileSync('tmux', ['send-keys', '-t', session, ...names]);

const daemon = await startPrivateDockerd('{\n\t"log-level": "info"\n}\n');
const dockerd = fs.realpathSync(execFileSync('sh', ['-c', 'command -v dockerd'], {encoding: 'utf8'}).trim());
const root = makeFakeRoot({mirrors: [daemon.dir], binaries: [dockerd, '/usr/bin/containerd', '/usr/sbin/runc']});
root.write('/etc/hostname', 'web-1\n');
// The key an operator would use; only the rule this script adds is removed at the end.
const key = 'docker';
try {
	importBusybox(daemon);
	daemon.docker('run', '-d', '--name', 'cis-web', '--network', 'none', '--stop-timeout', '1', '--cap-add', 'NET_ADMIN', 'local/busybox', 'sleep', '3600');
	execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '80', '-y', '24', `env -u CI TERM=xterm-256color FORCE_COLOR=1 node ${cli} --benchmark 1.6.0 --root ${root.dir} --docker-host ${daemon.host} --audit-key ${key} --restart-command ${daemon.restartScript}; sleep 30`]);
	await waitFor(/Docker Swarm Configuration/);
	keys('a');
	await waitFor(/7 {2}Docker Swarm Configuration +\d+ pass/);
	await delay(500);
	screenshot('sections');
	keys('Enter');
	await waitFor(/\[WARN] 1\.1\.3/);
	keys('j', 'j', 'Enter');
	await waitFor(/Rationale/);
	screenshot('warn-detail');
	keys('f');
	await waitFor(/Apply\? \[y\/N]/);
	screenshot('fix-confirm');
	keys('y');
	await waitFor(/\[PASS] 1\.1\.3/);
	screenshot('fix-result');
	keys('Enter');
	await waitFor(/\[PASS] .*watched, live and persisted[\s\S]*Evidence/);
	screenshot('after-fix-pass');
	// Prove it: a harmless touch of the watched binary, and its audit event as ausearch finds it.
	keys('p');
	await waitFor(/touched: .*→ event /);
	// The check runs again after a proof: its evidence then lists the event among the recent ones.
	await waitFor(/recent events \(.*\): [1-9]/);
	await delay(300);
	screenshot('audit-events');
	// A bare Esc followed at once by another key reads as Alt+key: one key at a time, as a person types.
	for (const name of ['Escape', 'Escape', 'j', 'Enter']) {
		keys(name);
		await delay(300);
	}

	await waitFor(/\[WARN] 2\.9 /);
	keys('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'Enter');
	await waitFor(/cis-web: uid 0 in the container = uid 0 on the host/);
	screenshot('uid-before');
	keys('f');
	// The private dockerd was started by hand: the TUI asks how the fix is to take effect; the first choice is the
	// --restart-command given.
	await waitFor(/How should this fix take effect\?/);
	keys('Enter');
	await waitFor(/Apply\? \[y\/N]/);
	screenshot('userns-confirm');
	keys('y');
	await waitFor(/\[PASS] 2\.9/, 120_000);
	// The remapped daemon has a data root of its own: import the image there and start the containers again, one of them
	// with --userns=host; dockerd wrote the dockremap range to /etc/subuid, which dockwarden reads under --root.
	root.write('/etc/subuid', fs.readFileSync('/etc/subuid', 'utf8'));
	importBusybox(daemon);
	daemon.docker('run', '-d', '--name', 'cis-web', '--network', 'none', '--stop-timeout', '1', 'local/busybox', 'sleep', '3600');
	daemon.docker('run', '-d', '--name', 'cis-legacy', '--userns', 'host', '--network', 'none', '--stop-timeout', '1', 'local/busybox', 'sleep', '3600');
	keys('Enter');
	await delay(300);
	keys('r');
	await waitFor(/cis-legacy: uid 0 in the container = uid 0 on the host/);
	await delay(300);
	screenshot('uid-mapping');
	keys('q');
	console.log(`screenshots written to ${media}`);
} finally {
	try {
		execFileSync('tmux', ['kill-session', '-t', session], {stdio: 'ignore'});
	} catch {}

	try {
		execFileSync('auditctl', ['-W', dockerd, '-k', key], {stdio: 'ignore'});
	} catch {}

	await daemon.stop();
	root.remove();
}
