import fs from 'node:fs';
import test from 'ava';
import {rootlessUnavailable, runCliAsUser, startRootlessDockerd, type RootlessDockerd} from '../helpers/rootless-dockerd.js';

// Real parts: Debian's dockerd-rootless.sh under rootlesskit and slirp4netns, run by an ordinary test user with its own
// subuid/subgid range, home and XDG_RUNTIME_DIR; audited by that same user, without sudo.

type Result = {id: string; status: string; summary: string; evidence: string[]; fixable: boolean};
let daemon: RootlessDockerd;

test.before(async t => {
	const missing = rootlessUnavailable();
	if (missing) {
		throw new Error(`rootless Docker cannot run here: ${missing}`);
	}

	daemon = await startRootlessDockerd('{\n\t"log-level": "debug"\n}\n');
	t.log(`rootless dockerd pid ${daemon.pid()} as uid ${daemon.uid}`);
});

test.after.always(async () => {
	await daemon?.stop();
});

const report = async (checks: string) => {
	const {stdout, stderr} = await runCliAsUser(daemon, ['--json', '--benchmark', '1.6.0', '--docker-host', daemon.host, '--check', checks]);
	try {
		return (JSON.parse(stdout) as {results: Result[]}).results;
	} catch {
		throw new Error(`no report: ${stderr}`);
	}
};

const find = (results: Result[], id: string): Result => results.find(result => result.id === id)!;

test.serial('the rootless daemon is proven, its own daemon.json judged, its files judged as its user\'s, and root-only checks say to use sudo', async t => {
	const results = await report('1.1.3,2.1,2.3,2.9,2.14,3.15,3.16,3.23,3.24');
	const rootless = find(results, '2.1');
	t.is(rootless.status, 'pass');
	t.regex(rootless.evidence.join('\n'), new RegExp(`dockerd pid ${daemon.pid()} holds the listening socket ${daemon.socket} .* runs as uid ${daemon.uid}, the socket's owner \\(rootless\\)`));
	t.true(rootless.evidence.includes(`its daemon.json: ${daemon.configFile} (the rootless daemon's own, ~/.config/docker/daemon.json of dwrootless)`), rootless.evidence.join('\n'));
	// log-level debug in the user's own daemon.json: a WARN, never the false PASS of reading /etc/docker/daemon.json.
	const logLevel = find(results, '2.3');
	t.is(logLevel.status, 'warn');
	t.true(logLevel.fixable);
	t.regex(logLevel.evidence.join('\n'), new RegExp(`log-level is "debug" in ${daemon.configFile}`));
	t.is(find(results, '2.9').status, 'pass');
	for (const id of ['3.15', '3.16', '3.23', '3.24']) {
		t.is(find(results, id).status, 'pass', `${id}: ${find(results, id).evidence.join('; ')}`);
	}

	t.regex(find(results, '3.23').evidence.join('\n'), new RegExp(`${daemon.runtimeDir}/docker/containerd/containerd.sock`));
	const audit = find(results, '1.1.3');
	t.is(audit.status, 'error');
	t.regex(audit.evidence.join('\n'), /^needs root: run with sudo to evaluate/);
	t.false(JSON.stringify(results).includes('/etc/docker/daemon.json'));
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), '{\n\t"log-level": "debug"\n}\n');
});

test.serial('the user fixes their own daemon\'s daemon.json without root: plan, backup and journal in their state directory, restart, verify, undo', async t => {
	const before = fs.readFileSync(daemon.configFile, 'utf8');
	const pidBefore = daemon.pid();
	const fixed = await runCliAsUser(daemon, ['fix', '2.3', '--yes', '--docker-host', daemon.host, '--restart-command', daemon.restartScript]);
	t.is(fixed.exitCode, 0, fixed.stderr);
	t.regex(fixed.stdout, new RegExp(`write ${daemon.configFile}`));
	t.regex(fixed.stdout, /\[PASS\] 2\.3 - fixed and verified/);
	t.deepEqual(JSON.parse(fs.readFileSync(daemon.configFile, 'utf8')), {'log-level': 'info'});
	t.not(daemon.pid(), pidBefore, 'the rootless daemon was restarted');
	const state = `${daemon.home}/.local/state/dockwarden`;
	const journal = fs.readdirSync(`${state}/journal`).filter(name => name.endsWith('.json'));
	t.is(journal.length, 1);
	t.is(fs.statSync(`${state}/journal/${journal[0]!}`).uid, daemon.uid, 'the journal is the user\'s own');
	t.true(fs.readdirSync(`${state}/backups`).length > 0);
	t.is(fs.statSync(daemon.configFile).uid, daemon.uid, 'daemon.json keeps its owner');
	t.is(find(await report('2.3'), '2.3').status, 'pass');

	const undone = await runCliAsUser(daemon, ['undo', '--yes', '--docker-host', daemon.host, '--restart-command', daemon.restartScript]);
	t.is(undone.exitCode, 0, undone.stderr);
	t.is(fs.readFileSync(daemon.configFile, 'utf8'), before);
	await daemon.waitReady();
	t.is(find(await report('2.3'), '2.3').status, 'warn');
});
