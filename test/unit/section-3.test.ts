import test from 'ava';
import {readsOnlyItsNeeds, type LooseLogic} from '../helpers/needs.js';
import type {Facts, FileFacts, FileStat} from '../../source/model/facts.js';
import type {Finding} from '../../source/benchmark/types.js';
import type {Plan, PlanOutcome} from '../../source/model/plan.js';
import {section3Logic as section3LogicTable} from '../../source/benchmark/checks/section-3-files.js';
import {
	describeBits,
	describeStat,
	excessBits,
	isWithinMode,
	octalMode,
	restrictMode,
	symbolicMode,
} from '../../source/model/file-mode.js';
import {planFilePermissions} from '../../source/benchmark/plans/plan-file-permissions.js';
import {absentFile, fileStat, makeFacts, type FactOverrides} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section3Logic: LooseLogic = section3LogicTable;

const ids = Array.from({length: 24}, (_, index) => `3.${index + 1}`);
const options = {auditKey: 'docker'};
const servicePath = '/lib/systemd/system/docker.service';
const caPath = '/etc/docker/tls/ca.pem';
const keyPath = '/etc/docker/tls/server-key.pem';

/** Fixture facts with some `files` replaced. */
const withFiles = (files: Partial<FileFacts>, rest: FactOverrides = {}): Facts => makeFacts({...rest, files});

/** Runs one check's audit. */
function audit(id: string, facts: Facts = makeFacts()): Finding {
	const logic = section3Logic[id];
	if (logic?.audit === undefined) {
		throw new Error(`no audit for ${id}`);
	}

	return logic.audit(facts);
}

/** Runs one check's fix planner. */
function plan(id: string, facts: Facts = makeFacts()): PlanOutcome {
	const logic = section3Logic[id];
	if (logic?.planFix === undefined) {
		throw new Error(`no planFix for ${id}`);
	}

	return logic.planFix(facts, options);
}

/** The plan of an outcome that must be ok. */
function planOf(outcome: PlanOutcome): Plan {
	if (!outcome.ok) {
		throw new Error(`expected a plan, got a refusal: ${outcome.reason}`);
	}

	return outcome.plan;
}

const evidenceText = (finding: Finding): string => finding.evidence.join('\n');

const tlsFiles: Partial<FileFacts> = {
	tlsCaCert: fileStat(caPath, 0o444),
	tlsCert: fileStat('/etc/docker/tls/server-cert.pem', 0o444),
	tlsKey: fileStat(keyPath, 0o400),
};

const certs = (...stats: FileStat[]): Partial<FileFacts> => ({registryCerts: stats});

// Catalogue shape -----------------------------------------------------------------------------------

test('section 3 has logic for all 24 checks, each with an audit and a fix planner', t => {
	t.deepEqual(Object.keys(section3Logic).sort(), [...ids].sort());
	for (const id of ids) {
		t.is(typeof section3Logic[id].audit, 'function', id);
		t.is(typeof section3Logic[id].planFix, 'function', id);
		t.true(section3Logic[id].needs.includes('files'), id);
	}
});

test('each audit and fix planner reads only the facts its needs list', t => {
	const variants: Facts[] = [
		makeFacts(),
		withFiles({...tlsFiles, ...certs(fileStat('/etc/docker/certs.d/r:5000/ca.crt', 0o644, 'alice'))}),
		withFiles({dockerSocket: fileStat('/run/docker.sock', 0o666, 'root', 'root', 'socket'), etcDocker: absentFile('/etc/docker')}),
		makeFacts({dockerGroup: {exists: false, gid: undefined, members: []}}),
	];
	readsOnlyItsNeeds(t, section3Logic, variants);
});

test('the default fixture passes what it has and skips what it lacks', t => {
	const skipped = new Set(['3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.17', '3.18', '3.21', '3.22']);
	for (const id of ids) {
		const finding = audit(id);
		t.is(finding.status, skipped.has(id) ? 'skip' : 'pass', `${id}: ${finding.summary}`);
		t.true(finding.summary.length > 0, id);
		t.true(finding.evidence.length > 0, id);
	}
});

// file-mode helpers ---------------------------------------------------------------------------------

test('modes are compared as bit sets, never as numbers', t => {
	t.true(isWithinMode(0o600, 0o644));
	t.true(isWithinMode(0o644, 0o644));
	t.false(isWithinMode(0o577, 0o644));
	t.is(excessBits(0o577, 0o644), 0o133);
	t.false(isWithinMode(0o4755, 0o755));
	t.false(isWithinMode(0o1755, 0o755));
	t.true(isWithinMode(0o700, 0o755));
	t.is(restrictMode(0o664, 0o644), 0o644);
	t.is(restrictMode(0o600, 0o444), 0o400);
	t.is(restrictMode(0o4755, 0o755), 0o755);
});

test('modes are formatted in octal and symbolic form', t => {
	t.is(octalMode(0o644), '0644');
	t.is(octalMode(0o4755), '4755');
	t.is(symbolicMode(0o664), 'rw-rw-r--');
	t.is(symbolicMode(0o577), 'r-xrwxrwx');
	t.is(symbolicMode(0o4755), 'rwsr-xr-x');
	t.is(symbolicMode(0o2644), 'rw-r-Sr--');
	t.is(symbolicMode(0o1777), 'rwxrwxrwt');
	t.is(describeStat(fileStat('/etc/docker', 0o755, 'root', 'root', 'directory')), '/etc/docker is root:root 0755 (rwxr-xr-x)');
	t.is(describeStat({path: '/x', exists: true, uid: 1001, gid: 1002, mode: 0o600}), '/x is 1001:1002 0600 (rw-------)');
});

test('excess bits are named in words', t => {
	t.is(describeBits(0o020), 'group write');
	t.is(describeBits(0o022), 'group and other write');
	t.is(describeBits(0o133), 'owner execute, group and other write and execute');
	t.is(describeBits(0o4000), 'setuid');
	t.is(describeBits(0o1006), 'other read and write, sticky');
});

// Permission checks -------------------------------------------------------------------------------

test('3.2: 0664 warns with the path, owner, mode and the excess bits', t => {
	const finding = audit('3.2', withFiles({dockerService: fileStat(servicePath, 0o664)}));
	t.is(finding.status, 'warn');
	t.deepEqual(finding.evidence, [`${servicePath} is root:root 0664 (rw-rw-r--): group write is beyond 0644`]);
	t.regex(finding.summary, /docker\.service is 0664/);
});

test('3.2: 0600 passes a 644 check; 0577 fails it although 577 < 644', t => {
	t.is(audit('3.2', withFiles({dockerService: fileStat(servicePath, 0o600)})).status, 'pass');
	const finding = audit('3.2', withFiles({dockerService: fileStat(servicePath, 0o577)}));
	t.is(finding.status, 'warn');
	t.is(evidenceText(finding), `${servicePath} is root:root 0577 (r-xrwxrwx): owner execute, group and other write and execute are beyond 0644`);
});

test('3.10: 0644 fails a 444 check (owner write)', t => {
	const finding = audit('3.10', withFiles({tlsCaCert: fileStat(caPath, 0o644)}));
	t.is(finding.status, 'warn');
	t.is(evidenceText(finding), `${caPath} is root:root 0644 (rw-r--r--): owner write is beyond 0444`);
	t.is(audit('3.10', withFiles({tlsCaCert: fileStat(caPath, 0o400)})).status, 'pass');
});

test('3.6: setuid 4755 and sticky 1755 fail 755; 0755 and 0700 pass', t => {
	const etc = (mode: number): Facts => withFiles({etcDocker: fileStat('/etc/docker', mode, 'root', 'root', 'directory')});
	const setuid = audit('3.6', etc(0o4755));
	t.is(setuid.status, 'warn');
	t.is(evidenceText(setuid), '/etc/docker is root:root 4755 (rwsr-xr-x): setuid is beyond 0755');
	t.regex(evidenceText(audit('3.6', etc(0o1755))), /sticky is beyond 0755/);
	t.is(audit('3.6', etc(0o755)).status, 'pass');
	t.is(audit('3.6', etc(0o700)).status, 'pass');
});

test('3.14: the server key must be 0400 or stricter', t => {
	t.is(audit('3.14', withFiles(tlsFiles)).status, 'pass');
	const finding = audit('3.14', withFiles({tlsKey: fileStat(keyPath, 0o440)}));
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /server-key\.pem is root:root 0440 \(r--r-----\): group read is beyond 0400/);
});

test('3.16 and 3.24: sockets at 0660 pass, 0666 warns', t => {
	t.is(audit('3.16').status, 'pass');
	t.is(audit('3.24').status, 'pass');
	const open = audit('3.16', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o666, 'root', 'docker', 'socket')}));
	t.is(open.status, 'warn');
	t.is(evidenceText(open), '/run/docker.sock is root:docker 0666 (rw-rw-rw-): other read and write are beyond 0660');
});

// Ownership checks --------------------------------------------------------------------------------

test('3.1: a non-root owner warns and names owner and group with their ids', t => {
	const finding = audit('3.1', withFiles({dockerService: fileStat(servicePath, 0o644, 'alice', 'root')}));
	t.is(finding.status, 'warn');
	t.is(evidenceText(finding), `${servicePath} is alice:root 0644 (rw-r--r--): owner alice (uid 1000) is not root (uid 0)`);
	t.is(finding.summary, 'docker.service is owned by alice:root, not root:root');
});

test('3.5: a non-root group warns', t => {
	const finding = audit('3.5', withFiles({etcDocker: fileStat('/etc/docker', 0o755, 'root', 'staff', 'directory')}));
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /group staff \(gid 1000\) is not root \(gid 0\)/);
});

test('3.15: root:docker 0660 passes; root:root fails when a docker group exists', t => {
	t.is(audit('3.15').status, 'pass');
	const finding = audit('3.15', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'root', 'socket')}));
	t.is(finding.status, 'warn');
	t.is(evidenceText(finding), '/run/docker.sock is root:root 0660 (rw-rw----): group root (gid 0) is not docker (gid 998)');
	t.is(finding.summary, 'The Docker socket is owned by root:root, not root:docker');
});

test('3.15: without a docker group, root:root passes and any other group warns', t => {
	const noGroup: FactOverrides = {dockerGroup: {exists: false, gid: undefined, members: [], primaryMembers: []}};
	const rootOnly = audit('3.15', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'root', 'socket')}, noGroup));
	t.is(rootOnly.status, 'pass');
	t.regex(evidenceText(rootOnly), /no docker group/);
	const staff = audit('3.15', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'staff', 'socket')}, noGroup));
	t.is(staff.status, 'warn');
	t.like(plan('3.15', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'staff', 'socket')}, noGroup)), {ok: false, code: 'not-applicable'});
});

test('rootless: the daemon\'s own socket, containerd socket and daemon.json are judged as its user\'s, a sticky bit on a socket is no finding, and no chown to root is offered', t => {
	const rootless: FactOverrides = {daemon: {process: {pid: 900, argv: ['dockerd'], uid: 1000}, rootless: {uid: 1000, user: 'alice', home: '/home/alice', runtimeDir: '/run/user/1000'}}};
	const own = withFiles({
		dockerSocket: fileStat('/run/user/1000/docker.sock', 0o1660, 'alice', 'alice', 'socket'),
		containerdSocket: fileStat('/run/user/1000/docker/containerd/containerd.sock', 0o660, 'alice', 'alice', 'socket'),
		daemonJson: fileStat('/home/alice/.config/docker/daemon.json', 0o644, 'alice', 'alice'),
	}, rootless);
	for (const id of ['3.15', '3.16', '3.17', '3.18', '3.23', '3.24']) {
		t.is(audit(id, own).status, 'pass', id);
	}

	t.regex(evidenceText(audit('3.15', own)), /the daemon runs rootless as uid 1000/);
	t.like(plan('3.15', own), {ok: false, code: 'not-applicable'});
	t.like(plan('3.23', own), {ok: false, code: 'not-applicable'});
	const foreign = withFiles({dockerSocket: fileStat('/run/user/1000/docker.sock', 0o660, 'root', 'root', 'socket')}, rootless);
	t.is(audit('3.15', foreign).status, 'warn');
	t.regex(audit('3.15', foreign).summary, /not by the rootless daemon's user \(uid 1000\)/);
	// Others' access is still a finding on a rootless socket.
	t.is(audit('3.16', withFiles({dockerSocket: fileStat('/run/user/1000/docker.sock', 0o666, 'alice', 'alice', 'socket')}, rootless)).status, 'warn');
});

test('3.23: the containerd socket must be root:root', t => {
	t.is(audit('3.23').status, 'pass');
	t.is(audit('3.23', withFiles({containerdSocket: fileStat('/run/containerd/containerd.sock', 0o660, 'root', 'docker', 'socket')})).status, 'warn');
});

// Registry certificates ---------------------------------------------------------------------------

test('3.7 and 3.8: each certificate file is judged on its own, one line per offending file', t => {
	const good = fileStat('/etc/docker/certs.d/registry:5000/ca.crt', 0o444);
	const badOwner = fileStat('/etc/docker/certs.d/registry:5000/client.cert', 0o444, 'alice', 'alice');
	const badMode = fileStat('/etc/docker/certs.d/registry:5000/client.key', 0o644);
	const facts = withFiles(certs(good, badOwner, badMode));
	const owners = audit('3.7', facts);
	t.is(owners.status, 'warn');
	t.is(owners.summary, '1 of 3 registry certificate files is not owned by root:root');
	t.is(owners.evidence.length, 2);
	t.regex(owners.evidence[0], /client\.cert is alice:alice 0444 \(r--r--r--\): owner alice \(uid 1000\) is not root \(uid 0\) and group alice/);
	t.regex(owners.evidence[1], /other 2 files/);

	const modes = audit('3.8', facts);
	t.is(modes.status, 'warn');
	t.regex(modes.evidence[0], /client\.key is root:root 0644 \(rw-r--r--\): owner write is beyond 0444/);
	t.false(evidenceText(modes).includes('ca.crt is'));

	const pass = audit('3.8', withFiles(certs(good, fileStat('/etc/docker/certs.d/r/b.crt', 0o400))));
	t.is(pass.status, 'pass');
	t.is(pass.evidence.length, 2);
});

test('3.8: directories under certs.d are not held to 444; 3.7 still checks their owner', t => {
	const dir = fileStat('/etc/docker/certs.d/registry:5000', 0o755, 'alice', 'root', 'directory');
	const facts = withFiles(certs(dir, fileStat('/etc/docker/certs.d/registry:5000/ca.crt', 0o444)));
	t.is(audit('3.8', facts).status, 'pass');
	t.is(audit('3.7', facts).status, 'warn');
});

test('3.7 and 3.8: no certificates skip; an unreadable one is an error', t => {
	const none = audit('3.7');
	t.is(none.status, 'skip');
	t.regex(none.summary, /No registry certificates under \/etc\/docker\/certs\.d/);
	const unreadable = audit('3.8', withFiles(certs({path: '/etc/docker/certs.d/r/ca.crt', exists: true, error: 'EACCES: permission denied'})));
	t.is(unreadable.status, 'error');
	t.regex(evidenceText(unreadable), /ca\.crt: EACCES/);
});

// Skips and errors --------------------------------------------------------------------------------

test('an absent path skips with the reason', t => {
	const finding = audit('3.21');
	t.is(finding.status, 'skip');
	t.is(finding.summary, '/etc/sysconfig/docker does not exist on this host');
	t.is(audit('3.22').status, 'skip');
	t.is(audit('3.18').summary, '/etc/docker/daemon.json does not exist on this host');
});

test('an unconfigured TLS file skips and says TLS is not configured', t => {
	t.is(audit('3.9').summary, 'The daemon names no tlscacert: TLS is not configured');
	t.deepEqual(audit('3.9').evidence, ['the daemon names no tlscacert: TLS is not configured']);
	t.is(audit('3.12').summary, 'The daemon names no tlscert: TLS is not configured');
	t.is(audit('3.13').status, 'skip');
	t.regex(evidenceText(audit('3.14')), /no tlskey: TLS is not configured/);
	t.like(plan('3.10'), {ok: false, code: 'not-applicable'});
});

test('a stat error is an error with the reason', t => {
	const finding = audit('3.17', withFiles({daemonJson: {path: '/etc/docker/daemon.json', exists: true, error: 'EACCES: permission denied'}}));
	t.is(finding.status, 'error');
	t.is(evidenceText(finding), 'cannot read the owner and mode of /etc/docker/daemon.json: EACCES: permission denied');
	t.like(plan('3.17', withFiles({daemonJson: {path: '/etc/docker/daemon.json', exists: true, error: 'EACCES'}})), {ok: false, code: 'not-applicable'});
});

// Fix plans -----------------------------------------------------------------------------------------

test('fix 3.2: chmod 0664 → 0644 removes group write only', t => {
	const fix = planOf(plan('3.2', withFiles({dockerService: fileStat(servicePath, 0o664)})));
	t.is(fix.title, 'Remove group write from docker.service (0664 → 0644)');
	t.deepEqual(fix.steps, [{kind: 'chmod', path: servicePath, mode: 0o644, before: 0o664}]);
	t.true(fix.needsRoot);
	t.deepEqual(fix.checkIds, []);
});

test('fix for a 444 check removes bits and never adds any', t => {
	const wide = planOf(plan('3.10', withFiles({tlsCaCert: fileStat(caPath, 0o577)})));
	t.deepEqual(wide.steps, [{kind: 'chmod', path: caPath, mode: 0o444, before: 0o577}]);
	t.is(wide.title, `Remove owner execute, group and other write and execute from ${caPath} (0577 → 0444)`);
	// 0640 becomes 0440, not 0444: other read is not added.
	const narrow = planOf(plan('3.10', withFiles({tlsCaCert: fileStat(caPath, 0o640)})));
	t.deepEqual(narrow.steps, [{kind: 'chmod', path: caPath, mode: 0o440, before: 0o640}]);
	const setuid = planOf(plan('3.6', withFiles({etcDocker: fileStat('/etc/docker', 0o4755, 'root', 'root', 'directory')})));
	t.deepEqual(setuid.steps, [{kind: 'chmod', path: '/etc/docker', mode: 0o755, before: 0o4755}]);
});

test('fix 3.5: chown to root:root keeps the before values', t => {
	const fix = planOf(plan('3.5', withFiles({etcDocker: fileStat('/etc/docker', 0o755, 'alice', 'staff', 'directory')})));
	t.is(fix.title, 'Set the owner of /etc/docker to root:root');
	t.deepEqual(fix.steps, [{kind: 'chown', path: '/etc/docker', uid: 0, gid: 0, owner: 'root:root', before: {uid: 1000, gid: 1000}}]);
	t.deepEqual(fix.warnings, []);
});

test('fix 3.15: chown the socket to root and the docker group, warning that restarts recreate it', t => {
	const fix = planOf(plan('3.15', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'root', 'socket')})));
	t.is(fix.title, 'Set the owner of /run/docker.sock to root:docker');
	t.deepEqual(fix.steps, [{kind: 'chown', path: '/run/docker.sock', uid: 0, gid: 998, owner: 'root:docker', before: {uid: 0, gid: 0}}]);
	const warnings = fix.warnings.join('\n');
	t.regex(warnings, /recreates the Docker socket/);
	t.regex(warnings, /SocketMode=0660, SocketUser=root and SocketGroup=docker/);
	t.regex(warnings, /docker group \(gid 998: alice\)/);
});

test('fix 3.16 and 3.24: socket chmods warn that the socket is recreated', t => {
	const docker = planOf(plan('3.16', withFiles({dockerSocket: fileStat('/run/docker.sock', 0o666, 'root', 'docker', 'socket')})));
	t.deepEqual(docker.steps, [{kind: 'chmod', path: '/run/docker.sock', mode: 0o660, before: 0o666}]);
	t.regex(docker.warnings.join('\n'), /SocketMode=0660/);
	const containerd = planOf(plan('3.24', withFiles({containerdSocket: fileStat('/run/containerd/containerd.sock', 0o666, 'root', 'root', 'socket')})));
	t.regex(containerd.warnings.join('\n'), /containerd recreates its socket/);
	const owner = planOf(plan('3.23', withFiles({containerdSocket: fileStat('/run/containerd/containerd.sock', 0o660, 'root', 'docker', 'socket')})));
	t.regex(owner.warnings.join('\n'), /\[grpc\]/);
});

test('fix 3.15 refuses without a docker group', t => {
	const outcome = plan('3.15', withFiles(
		{dockerSocket: fileStat('/run/docker.sock', 0o660, 'root', 'root', 'socket')},
		{dockerGroup: {exists: false, gid: undefined, members: [], primaryMembers: []}},
	));
	t.like(outcome, {ok: false, code: 'not-applicable'});
	t.regex(outcome.ok ? '' : outcome.reason, /no docker group/);
});

test('fixes refuse when already compliant or absent', t => {
	for (const id of ids) {
		const outcome = plan(id);
		t.false(outcome.ok, id);
	}

	t.like(plan('3.1'), {ok: false, code: 'nothing-to-do', reason: `${servicePath} is already root:root`});
	t.like(plan('3.2'), {ok: false, code: 'nothing-to-do', reason: `${servicePath} is already 0644 or more restrictive`});
	t.like(plan('3.21'), {ok: false, code: 'not-applicable', reason: '/etc/sysconfig/docker does not exist on this host: there is nothing to fix'});
	t.like(plan('3.7'), {ok: false, code: 'not-applicable'});
});

test('fix 3.7 and 3.8: one step per offending certificate file', t => {
	const facts = withFiles(certs(
		fileStat('/etc/docker/certs.d/r/ca.crt', 0o444),
		fileStat('/etc/docker/certs.d/r/a.cert', 0o644, 'alice', 'root'),
		fileStat('/etc/docker/certs.d/r/b.key', 0o600, 'alice', 'root'),
	));
	const owners = planOf(plan('3.7', facts));
	t.is(owners.title, 'Set the owner of 2 registry certificate files to root:root');
	t.deepEqual(owners.steps.map(step => step.kind === 'chown' && [step.path, step.before.uid]), [['/etc/docker/certs.d/r/a.cert', 1000], ['/etc/docker/certs.d/r/b.key', 1000]]);
	const modes = planOf(plan('3.8', facts));
	t.is(modes.title, 'Remove the permissions beyond 0444 from 2 registry certificate files');
	t.deepEqual(modes.steps, [
		{kind: 'chmod', path: '/etc/docker/certs.d/r/a.cert', mode: 0o444, before: 0o644},
		{kind: 'chmod', path: '/etc/docker/certs.d/r/b.key', mode: 0o400, before: 0o600},
	]);
});

test('planFilePermissions: one file of many, both rules, and unreadable files', t => {
	const single = planOf(planFilePermissions({files: [fileStat('/a', 0o444), fileStat('/b', 0o664, 'alice')], owner: {uid: 0, gid: 0, name: 'root:root'}, mode: 0o644, collective: 'files'}));
	t.is(single.title, 'Set the owner of /b to root:root and remove group write (0664 → 0644)');
	t.deepEqual(single.steps.map(step => step.kind), ['chown', 'chmod']);

	const partly = planOf(planFilePermissions({files: [fileStat('/a', 0o666), {path: '/b', exists: true, error: 'EACCES'}], mode: 0o644}));
	t.is(partly.steps.length, 1);
	t.regex(partly.warnings.join('\n'), /\/b \(EACCES\)/);
	t.like(planFilePermissions({files: [{path: '/b', exists: true, error: 'EACCES'}], mode: 0o644}), {ok: false, code: 'not-applicable'});
	t.like(planFilePermissions({files: [absentFile('/c')], mode: 0o644}), {ok: false, code: 'not-applicable'});
});
