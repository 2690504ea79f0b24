import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot, type FakeRoot} from '../helpers/fake-root.js';
import {importBusybox, startPrivateDockerd, type PrivateDockerd} from '../helpers/private-dockerd.js';

// What the attacker controls: an image on the audited host (anyone who can push or build one). Its history holds a
// `docker login ... --password hunter2` run, and its HEALTHCHECK, labels and env hold an OSC title (ESC ] 0 ; … BEL), a clear
// screen (ESC [ 2 J), the one-character CSI U+009B and a right-to-left override U+202E. And a container's process command line:
// an `sshd` (5.7 warns and quotes it, so it reaches SARIF and JUnit failures too) started with the same bytes and a password.
// What must not happen: any of those characters reaching the output of any report format or stderr raw, or `hunter2` being
// copied into any output; and the output must say that something was masked.
let daemon: PrivateDockerd;
let root: FakeRoot;

const esc = '\u001B';
const healthcheck = `true ${esc}]0;title\u0007 ${esc}[2J \u009B2J \u202Eevil`;

/** A request to the private dockerd's Engine API, which takes the hostile bytes as they are (no shell, no CLI parsing). */
async function engine(socket: string, method: string, url: string, body?: unknown): Promise<{status: number; text: string}> {
	return new Promise((resolve, reject) => {
		const request = http.request({socketPath: socket, method, path: url, headers: {'Content-Type': 'application/json'}}, response => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', chunk => {
				text += chunk as string;
			});
			response.on('end', () => {
				resolve({status: response.statusCode ?? 0, text});
			});
		});
		request.on('error', reject);
		request.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

/** True when the text holds a raw ESC, BEL, CSI (U+009B) or bidi override. */
const rawControl = (text: string) => /[\u001B\u0007\u009B\u202E]/.test(text);

test.before(async () => {
	daemon = await startPrivateDockerd();
	root = makeFakeRoot({mirrors: [daemon.dir]});
	importBusybox(daemon);
	// A container whose command line is a docker login with a password: `docker commit` records it as the history's CreatedBy.
	daemon.docker('create', '--name', 'dw-login', '--network', 'none', 'local/busybox', '/bin/sh', '-c', 'docker login -u ci --password hunter2 reg || true');
	const commit = await engine(daemon.socket, 'POST', `/commit?container=dw-login&repo=local/hostile&tag=latest`, {
		Cmd: ['sleep', '600'],
		Healthcheck: {Test: ['CMD-SHELL', healthcheck], Interval: 3_600_000_000_000},
		Labels: {'dw.evil': `${esc}[2J\u202Elabel`},
		Env: [`DW_EVIL=${esc}]52;c;aGk=\u0007`],
	});
	if (commit.status !== 201) {
		throw new Error(`commit failed: ${commit.status} ${commit.text}`);
	}

	daemon.docker('run', '-d', '--name', 'dw-hostile', '--network', 'none', '--stop-timeout', '1', 'local/hostile:latest');
	// A static program that only waits, as /usr/sbin/sshd in an image of its own; its arguments are the attacker's.
	const image = path.join(daemon.dir, 'sshd-image');
	fs.mkdirSync(path.join(image, 'usr/sbin'), {recursive: true});
	execFileSync('gcc', ['-static', '-O2', '-x', 'c', '-o', path.join(image, 'usr/sbin/sshd'), '-'], {input: '#include <unistd.h>\nint main(void) { for (;;) pause(); }\n'});
	execFileSync('sh', ['-c', `tar -C ${image} -c . | docker import - local/dw-sshd`], {env: {...process.env, DOCKER_HOST: daemon.host}, stdio: 'ignore'});
	daemon.docker('run', '-d', '--name', 'dw-sshd', '--network', 'none', '--stop-timeout', '1', 'local/dw-sshd', '/usr/sbin/sshd', '-D', '--password', 'hunter2', `${esc}]0;title\u0007`, `${esc}[2J`, '\u009B2J', '\u202Eevil');
});

test.after.always(async () => {
	await daemon?.stop();
	root?.remove();
});

test('the image really carries the hostile bytes and the password (else the tests below would prove nothing)', t => {
	const inspect = daemon.docker('image', 'inspect', 'local/hostile:latest');
	t.true(inspect.includes(String.raw`\u001b]0;title\u0007`));
	t.true(daemon.docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', 'local/hostile:latest').includes('--password hunter2'));
});

for (const format of ['text', 'json', 'sarif', 'junit', 'markdown'] as const) {
	test(`--format ${format}: no raw control, bidi or CSI character, no password, the mask said and the escapes shown`, async t => {
		const {stdout, stderr} = await runCli(['--format', format, '--section', '4,5', '--root', root.dir, '--docker-host', daemon.host]);
		t.true(stdout.length > 0, stderr);
		for (const [name, output] of [['stdout', stdout], ['stderr', stderr]] as const) {
			t.false(rawControl(output), `${format} ${name}: a raw control character`);
			t.false(output.includes('hunter2'), `${format} ${name}: the password`);
		}

		t.true(stdout.includes('a secret was masked'), `${format}: the mask is said`);
		// The evidence of 4.6 and 5.27 quotes the health check, with its bytes shown as escapes (Markdown and JSON escape the backslash).
		t.regex(stdout, /\\{1,2}x1b\\?\]0;title\\{1,2}x07/, format);
		t.regex(stdout, /\\{1,2}x9b2J/, format);
		t.regex(stdout, /\\{1,2}u202eevil/, format);
		// 5.7 quotes the sshd's command line with the value masked; 4.10 (a note, which SARIF leaves out) the layer that logs in.
		t.regex(stdout, /sshd -D --password \\?\*\\?\*\\?\*/, format);
		if (format !== 'sarif') {
			t.regex(stdout, /docker login -u ci --password \\?\*\\?\*\\?\*/, format);
		}
	});
}

test('a JSON consumer that prints the report strings prints escapes: the parsed strings hold no raw control either', async t => {
	const {stdout} = await runCli(['--format', 'json', '--check', '4.6,4.10,5.27', '--root', root.dir, '--docker-host', daemon.host]);
	const report = JSON.parse(stdout) as {results: Array<{id: string; summary: string; evidence: string[]}>};
	const strings = report.results.flatMap(result => [result.summary, ...result.evidence]);
	t.false(strings.some(text => rawControl(text) || text.includes('hunter2')));
	// 4.6 quotes the image's HEALTHCHECK: every hostile character is there, as its escape, in the one string.
	const health = report.results.find(result => result.id === '4.6')!.evidence.find(line => line.startsWith('local/hostile:latest: '));
	t.truthy(health);
	t.true(health!.includes(String.raw`true \x1b]0;title\x07 \x1b[2J \x9b2J \u202eevil`), health);
});

test('a fatal stderr line quoting hostile text shows escapes on one line', async t => {
	// The path of --output is the operator's, but it stands for any message that quotes a path or an answer from the host.
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-hostile-out-'));
	try {
		const output = path.join(directory, `missing${esc}[2J\n[PASS] forged`, 'report.txt');
		const {stderr, exitCode} = await runCli(['--check', '4.6', '--output', output, '--root', root.dir, '--docker-host', daemon.host]);
		t.not(exitCode, 0);
		t.false(rawControl(stderr));
		t.regex(stderr, /^dockwarden: cannot write the report to .*missing\\x1b\[2J\\n\[PASS\] forged/m);
		t.false(/^\[PASS\] forged/m.test(stderr));
	} finally {
		fs.rmSync(directory, {recursive: true, force: true});
	}
});
