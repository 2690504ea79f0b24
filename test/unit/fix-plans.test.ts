import test from 'ava';
import type {AuditWatch} from '../../source/model/facts.js';
import {appendRule, dockerRulesFile, installAuditSteps, planAuditWatch} from '../../source/benchmark/plans/plan-audit-watch.js';
import {
	editDaemonJson,
	planDaemonSetting,
	planExperimental,
	planIcc,
	planIptables,
	planLiveRestore,
	planLogLevel,
	planNoNewPrivileges,
	planUserlandProxy,
	planUsernsRemap,
	restartMethod,
} from '../../source/benchmark/plans/plan-daemon-setting.js';
import {checkCandidateConfig} from '../../source/benchmark/plans/candidate-config.js';
import {execStartArgv, unitFileFlags} from '../../source/host/unit-file-flags.js';
import {describePlan} from '../../source/fixes/describe-plan.js';
import type {Plan, PlanOutcome, Step} from '../../source/model/plan.js';
import {daemonJson, defaultDaemonFlags, fixtureInfo, makeFacts, malformedDaemonJson, systemdLauncher, unreachableDocker, type FactOverrides} from '../helpers/fixture-facts.js';

const options = {auditKey: 'docker'};
const dockerd = {path: '/usr/sbin/dockerd', exists: true, how: 'found on PATH'};

test('the audit plan adds the live rule and the persisted line, and shows both', t => {
	const outcome = planAuditWatch(dockerd, makeFacts().audit, options);
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	t.deepEqual(outcome.plan.steps[0], {kind: 'run', argv: ['/usr/sbin/auditctl', '-w', '/usr/sbin/dockerd', '-k', 'docker'], undoArgv: ['/usr/sbin/auditctl', '-W', '/usr/sbin/dockerd', '-k', 'docker']});
	const text = describePlan(outcome.plan).map(line => line.text);
	t.true(text.includes('1. run: /usr/sbin/auditctl -w /usr/sbin/dockerd -k docker'));
	t.true(text.some(line => line === '   +-w /usr/sbin/dockerd -k docker'));
});

test('appending a rule never duplicates a line and keeps the file\'s own lines', t => {
	t.is(appendRule('-w /etc/docker -k docker', '-w /etc/docker -k docker'), '-w /etc/docker -k docker');
	t.is(appendRule('# mine', '-w /x -k docker'), '# mine\n-w /x -k docker\n');
	t.true(appendRule(undefined, '-w /x -k docker').endsWith('\n-w /x -k docker\n'));
});

test('the audit plan refuses when there is nothing to do or no auditctl', t => {
	const live: AuditWatch = {path: '/usr/sbin', permissions: 'wa', text: '-w /usr/sbin -p wa', source: 'live'};
	const covered = planAuditWatch(dockerd, {...makeFacts().audit, live: [live], persisted: [{...live, source: 'f:1'}]}, options);
	t.like(covered, {ok: false, code: 'nothing-to-do'});
	t.like(planAuditWatch(dockerd, {...makeFacts().audit, auditctl: undefined}, options), {ok: false, code: 'auditctl-missing'});
	t.like(planAuditWatch({...dockerd, exists: false}, makeFacts().audit, options), {ok: false, code: 'not-applicable'});
});

test('userns: every other key is kept and the impact names this host\'s numbers', t => {
	const outcome = planUsernsRemap(makeFacts({daemon: {configFile: daemonJson({'log-level': 'info', icc: false})}}), options);
	t.true(outcome.ok);
	if (!outcome.ok) {
		return;
	}

	const write = outcome.plan.steps[0];
	t.is(write?.kind, 'write');
	if (write?.kind === 'write') {
		t.deepEqual(JSON.parse(write.after), {'log-level': 'info', icc: false, 'userns-remap': 'default'});
	}

	t.like(outcome.plan.steps[1], {kind: 'restart-daemon', method: {kind: 'systemd', argv: ['systemctl', 'restart', 'docker.service']}, expectSecurityOption: 'name=userns'});
	t.true(outcome.plan.warnings.some(line => line.includes('the restart stops 1 running container: web')));
});

test('userns: a malformed daemon.json, a flag conflict and an unreachable daemon are refused', t => {
	t.like(planUsernsRemap(makeFacts({daemon: {configFile: malformedDaemonJson()}}), options), {ok: false, code: 'malformed-config'});
	const conflict = planUsernsRemap(makeFacts({daemon: {flags: {'userns-remap': 'default'}}}), options);
	t.like(conflict, {ok: false, code: 'flag-conflict'});
	t.true(!conflict.ok && conflict.reason.includes('--userns-remap=default'));
	t.like(planUsernsRemap(makeFacts({docker: unreachableDocker()}), options), {ok: false, code: 'docker-unreachable'});
});

test('the restart goes through --restart-command, else the launcher of the proven dockerd; a dockerd started by hand has none', t => {
	const {daemon} = makeFacts();
	t.deepEqual(restartMethod(daemon, {auditKey: 'docker', restartCommand: 'my-restart'}), {kind: 'command', argv: ['sh', '-c', 'my-restart']});
	t.deepEqual(restartMethod(daemon, options), {kind: 'systemd', argv: ['systemctl', 'restart', 'docker.service']});
	t.deepEqual(restartMethod({...daemon, launcher: {kind: 'openrc', how: 'x', restart: ['rc-service', 'docker', 'restart'], nextFlags: {}, nextFlagsHow: 'x'}}, options), {kind: 'service', argv: ['rc-service', 'docker', 'restart']});
	t.is(restartMethod({...daemon, launcher: {kind: 'manual', how: 'started by hand', nextFlags: {}, nextFlagsHow: 'x'}}, options), undefined);
	const manual = refusalOf(planIcc(makeFacts({daemon: {launcher: {kind: 'manual', how: 'no service manager claims pid 812', nextFlags: defaultDaemonFlags, nextFlagsHow: 'x'}}}), options));
	t.regex(manual.reason, /does not know how to restart dockerd pid 812: no service manager claims pid 812; give the command that restarts it with --restart-command/);
});

test('where the launcher is unknown, the TUI is asked how to restart: with --restart-command, or write now and restart later (no restart step, verified by nothing)', t => {
	const manualLauncher = {kind: 'manual' as const, how: 'no service manager claims pid 812', nextFlags: defaultDaemonFlags, nextFlagsHow: 'x'};
	const facts = makeFacts({daemon: {launcher: manualLauncher}});
	// Without a command: the refusal carries the question, with no command to offer.
	t.deepEqual(refusalOf(planIcc(facts, options)).restartChoice, {daemon: 'dockerd pid 812: no service manager claims pid 812', work: 'fix'});
	// With a command, the command line plans with it at once; the TUI (ask) offers it as a choice instead.
	const withCommand = {...options, restartCommand: 'my-restart'};
	t.true(planIcc(facts, withCommand).ok);
	const asked = refusalOf(planIcc(facts, {...withCommand, unknownLauncher: 'ask'}));
	t.deepEqual(asked.restartChoice, {daemon: 'dockerd pid 812: no service manager claims pid 812', work: 'fix', command: 'my-restart'});
	t.regex(asked.reason, /restart it with your --restart-command, or write daemon.json now and restart it yourself later/);
	const command = planOf(planIcc(facts, {...withCommand, unknownLauncher: 'command'}));
	t.like(command.steps.at(-1), {kind: 'restart-daemon', method: {kind: 'command', argv: ['sh', '-c', 'my-restart']}});
	// Later: the write alone, nothing restarted, the check left WARN until the operator restarts dockerd.
	const later = planOf(planIcc(facts, {...options, unknownLauncher: 'later'}));
	t.deepEqual(later.steps.map(step => step.kind), ['write']);
	t.is(later.verify, 'none');
	t.regex(later.title, /restart left to you$/);
	t.regex(later.warnings[0]!, /^dockwarden restarts nothing: the new \/etc\/docker\/daemon.json takes effect when you restart dockerd pid 812 yourself; until then the daemon runs with its current settings, and a check judged on the running daemon stays WARN \(pending\)/);
	const text = describePlan(later).map(line => line.text).join('\n');
	t.false(text.includes('restart the Docker daemon'), text);
	// A known launcher ignores the choice: the restart goes through it as ever.
	const known = planOf(planIcc(makeFacts(), {...options, unknownLauncher: 'later'}));
	t.like(known.steps.at(-1), {kind: 'restart-daemon', method: {kind: 'systemd'}});
	t.true(planOf(planIcc(makeFacts(), {...options, unknownLauncher: 'ask'})).steps.some(step => step.kind === 'restart-daemon'));
	// Later with the setting written already: nothing to write, and nothing is restarted.
	const written = makeFacts({daemon: {launcher: manualLauncher, configFile: daemonJson({icc: false})}});
	t.like(planIcc(written, {...options, unknownLauncher: 'later'}), {ok: false, code: 'nothing-to-do'});
});

// Helpers ------------------------------------------------------------------------------------------

type WriteStep = Extract<Step, {kind: 'write'}>;

/** The plan of an outcome, failing the test when it is a refusal. */
function planOf(outcome: PlanOutcome): Plan {
	if (!outcome.ok) {
		throw new Error(`expected a plan, got ${outcome.code}: ${outcome.reason}`);
	}

	return outcome.plan;
}

/** The plan's one write step. */
function writeOf(plan: Plan): WriteStep {
	const write = plan.steps.find((step): step is WriteStep => step.kind === 'write');
	if (!write) {
		throw new Error('the plan has no write step');
	}

	return write;
}

/** The refusal of an outcome, failing the test when it is a plan. */
function refusalOf(outcome: PlanOutcome): Extract<PlanOutcome, {ok: false}> {
	if (outcome.ok) {
		throw new Error(`expected a refusal, got the plan ${outcome.plan.title}`);
	}

	return outcome;
}

const withFile = (config: Record<string, unknown>, more: FactOverrides = {}): FactOverrides => ({...more, daemon: {configFile: daemonJson(config), ...more.daemon}});
const withFlags = (extra: Record<string, string | boolean | readonly string[]>): FactOverrides['daemon'] => ({flags: {...defaultDaemonFlags, ...extra}});

// Unit file flags ----------------------------------------------------------------------------------

const debianUnit = `[Unit]
Description=Docker Application Container Engine
After=network-online.target docker.socket firewalld.service containerd.service
# ExecStart=/usr/bin/dockerd --icc=false

[Service]
Type=notify
ExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock
ExecReload=/bin/kill -s HUP $MAINPID
`;

test('unit file flags: the ExecStart of the Debian unit, comments ignored', t => {
	t.deepEqual(unitFileFlags(debianUnit), {hosts: ['fd://'], containerd: '/run/containerd/containerd.sock'});
});

test('unit file flags: a drop-in resets ExecStart and the last non-empty one wins, with continuations, quotes and prefixes', t => {
	const text = `${debianUnit}
# /etc/systemd/system/docker.service.d/override.conf
[Service]
ExecStart=
ExecStart=-/usr/bin/dockerd \\
  -H fd:// \\
  --icc=false \\
  --log-opt "max-size=10m" \\
  --iptables=false
`;
	t.deepEqual(execStartArgv(text), ['/usr/bin/dockerd', '-H', 'fd://', '--icc=false', '--log-opt', 'max-size=10m', '--iptables=false']);
	t.deepEqual(unitFileFlags(text), {hosts: ['fd://'], icc: false, 'log-opts': ['max-size=10m'], iptables: false});
});

test('unit file flags: flags after a dockerd word behind a wrapper; none without ExecStart or outside [Service]', t => {
	t.deepEqual(unitFileFlags('[Service]\nExecStart=/usr/bin/env dockerd --live-restore\n'), {'live-restore': true});
	t.deepEqual(unitFileFlags('[Unit]\nDescription=x\n'), {});
	t.deepEqual(unitFileFlags('[Install]\nExecStart=/usr/bin/dockerd --icc=false\n'), {});
	t.deepEqual(unitFileFlags('[Service]\nExecStart=\n'), {});
});

// Candidate config ---------------------------------------------------------------------------------

test('candidate config: a JSON object without conflicts passes', t => {
	t.deepEqual(checkCandidateConfig('{"icc": false, "log-level": "info"}\n', defaultDaemonFlags), {ok: true});
	t.deepEqual(checkCandidateConfig('{}', {}), {ok: true});
});

test('candidate config: text that is not a JSON object is refused', t => {
	t.like(checkCandidateConfig('{"icc": false,', {}), {ok: false});
	const array = checkCandidateConfig('[1]', {});
	t.true(!array.ok && array.reason.includes('must be a JSON object, not an array'));
	t.like(checkCandidateConfig('null', {}), {ok: false});
});

test('candidate config: a key that is also a dockerd flag is refused, naming the flag', t => {
	const verdict = checkCandidateConfig('{"hosts": ["unix:///var/run/docker.sock"]}', defaultDaemonFlags);
	t.false(verdict.ok);
	t.true(!verdict.ok && verdict.reason.includes('"hosts" is set in daemon.json and also given as the dockerd flag --hosts=fd://'));
});

test('candidate config: icc=false with iptables=false is refused, from the file or the flags', t => {
	const inFile = checkCandidateConfig('{"icc": false, "iptables": false}', {});
	t.true(!inFile.ok && inFile.reason.includes('dockerd will not start with icc=false and iptables=false'));
	const asFlag = checkCandidateConfig('{"icc": false}', {iptables: false});
	t.true(!asFlag.ok && asFlag.reason.includes('the dockerd flag --iptables=false'));
	t.deepEqual(checkCandidateConfig('{"icc": false, "iptables": true}', {}), {ok: true});
	t.deepEqual(checkCandidateConfig('{"iptables": false}', {}), {ok: true});
});

test('candidate config: live-restore is refused on a swarm node only', t => {
	const verdict = checkCandidateConfig('{"live-restore": true}', {}, {swarmActive: true});
	t.true(!verdict.ok && verdict.reason.includes('live-restore is not supported on a swarm node'));
	t.deepEqual(checkCandidateConfig('{"live-restore": true}', {}, {swarmActive: false}), {ok: true});
	t.deepEqual(checkCandidateConfig('{"live-restore": true}', {}), {ok: true});
});

// daemon.json edits --------------------------------------------------------------------------------

test('daemon.json edit: sets a key, keeps the others and the indent, ends with a newline', t => {
	const text = '{\n  "log-driver": "journald",\n  "icc": true\n}';
	t.is(editDaemonJson([{key: 'icc', value: false}])(text), '{\n  "log-driver": "journald",\n  "icc": false\n}\n');
	t.is(editDaemonJson([{key: 'icc', value: false}])(undefined), '{\n\t"icc": false\n}\n');
	t.is(editDaemonJson([{key: 'icc', value: false}])(''), '{\n\t"icc": false\n}\n');
});

test('daemon.json edit: removes a key, leaves text that already has the change as it is, and throws on a malformed file', t => {
	t.is(editDaemonJson([{key: 'experimental', value: undefined}])('{\n\t"experimental": true,\n\t"icc": false\n}\n'), '{\n\t"icc": false\n}\n');
	const compact = '{"icc":false}';
	t.is(editDaemonJson([{key: 'icc', value: false}])(compact), compact);
	t.is(editDaemonJson([{key: 'debug', value: undefined}])(compact), compact);
	t.throws(() => editDaemonJson([{key: 'icc', value: false}])('{"icc": '));
	t.throws(() => editDaemonJson([{key: 'icc', value: false}])('[]'));
});

test('daemon.json edit changes only the keys it sets: the operator\'s layout, order and other lines stay', t => {
	const text = '{\n    "insecure-registries": ["registry.lab:5000"],\n    "log-opts": {"max-size": "10m"},\n    "debug": true\n}\n';
	t.is(editDaemonJson([{key: 'userns-remap', value: 'default'}])(text), '{\n    "insecure-registries": ["registry.lab:5000"],\n    "log-opts": {"max-size": "10m"},\n    "debug": true,\n    "userns-remap": "default"\n}\n');
	t.is(editDaemonJson([{key: 'debug', value: undefined}, {key: 'log-level', value: 'info'}])(text), '{\n    "insecure-registries": ["registry.lab:5000"],\n    "log-opts": {"max-size": "10m"},\n    "log-level": "info"\n}\n');
	t.is(editDaemonJson([{key: 'debug', value: false}])(text), text.replace('"debug": true', '"debug": false'), 'a changed value is changed in place');
});

test('daemon.json edits of several plans merge into one write', t => {
	const facts = makeFacts(withFile({'log-driver': 'journald'}));
	const edits = [planIcc(facts, options), planNoNewPrivileges(facts, options), planLiveRestore(facts, options)].map(outcome => writeOf(planOf(outcome)).edit);
	const before = facts.daemon.configFile.state === 'ok' ? facts.daemon.configFile.text : undefined;
	const merged = edits.reduce<string | undefined>((text, edit) => edit!(text), before);
	t.deepEqual(JSON.parse(merged!), {'log-driver': 'journald', icc: false, 'no-new-privileges': true, 'live-restore': true});
});

// daemon.json fixes --------------------------------------------------------------------------------

test('every daemon.json write step has an edit that gives its after from its before', t => {
	const facts = makeFacts(withFile({icc: true, iptables: false, experimental: true, 'log-level': 'debug', debug: true}));
	for (const planner of [planIptables, planLogLevel, planNoNewPrivileges, planLiveRestore, planUserlandProxy, planExperimental, planUsernsRemap]) {
		const write = writeOf(planOf(planner(facts, options)));
		t.is(write.edit?.(write.before), write.after, planner.name);
	}
});

test('2.2 icc: false keeps every other key and warns about published ports and links', t => {
	const plan = planOf(planIcc(makeFacts(withFile({'log-driver': 'journald'})), options));
	t.deepEqual(JSON.parse(writeOf(plan).after), {'log-driver': 'journald', icc: false});
	t.like(plan.steps[1], {kind: 'restart-daemon', method: {kind: 'systemd'}});
	t.true(plan.warnings.some(line => line.includes('reach each other only through published ports or links')));
	t.true(plan.warnings.includes('the restart stops 1 running container: web'));
});

test('2.2 is refused while iptables is off: in daemon.json, as a flag, or in the unit file', t => {
	const inFile = refusalOf(planIcc(makeFacts(withFile({iptables: false})), options));
	t.is(inFile.code, 'invalid-config');
	t.regex(inFile.reason, /dockerd will not start with icc=false and iptables=false \(.*"iptables": false in daemon\.json\)/);
	const asFlag = refusalOf(planIcc(makeFacts({daemon: withFlags({iptables: false})}), options));
	t.is(asFlag.code, 'invalid-config');
	t.regex(asFlag.reason, /--iptables=false/);
	const inUnit = refusalOf(planIcc(makeFacts({daemon: {launcher: systemdLauncher({...defaultDaemonFlags, iptables: false})}}), options));
	t.regex(inUnit.reason, /--iptables=false/);
});

test('2.2 is refused when the next start of dockerd gets icc as a flag; a flag only of the running process does not count', t => {
	const running = refusalOf(planIcc(makeFacts({daemon: withFlags({icc: true})}), options));
	t.is(running.code, 'flag-conflict');
	t.regex(running.reason, /--icc at its next start \(the ExecStart of docker\.service and its drop-ins\)/);
	const unit = refusalOf(planIcc(makeFacts({daemon: {launcher: systemdLauncher(unitFileFlags('[Service]\nExecStart=/usr/bin/dockerd -H fd:// --icc=true\n'))}}), options));
	t.is(unit.code, 'flag-conflict');
	t.regex(unit.reason, /--icc at its next start/);
	// The unit was edited since the start: the running --icc=true goes away at the restart.
	t.true(planIcc(makeFacts({daemon: {flags: {...defaultDaemonFlags, icc: true}, launcher: systemdLauncher(defaultDaemonFlags)}}), options).ok);
});

test('a conflict that exists already and that the fix does not touch is a warning, not a refusal', t => {
	const facts = makeFacts({daemon: {configFile: daemonJson({hosts: ['unix:///run/docker.sock']}), launcher: systemdLauncher({...defaultDaemonFlags, hosts: ['fd://']})}});
	const plan = planOf(planIcc(facts, options));
	t.true(plan.warnings.some(line => /^already so before this fix, which does not change it: "hosts" is set in daemon\.json and also given as the dockerd flag --hosts=fd:\/\//.test(line)));
	t.true(plan.warnings.some(line => line.includes('was started by the systemd unit docker.service')));
});

test('no daemon fix is planned when no dockerd was proven to serve the socket', t => {
	const unknown = refusalOf(planUsernsRemap(makeFacts({daemon: {process: undefined, launcher: undefined, configFile: {state: 'unknown', path: '/etc/docker/daemon.json', reason: 'no process could be proven to serve /run/docker.sock'}}}), options));
	t.is(unknown.code, 'not-applicable');
	t.regex(unknown.reason, /no process could be proven to serve \/run\/docker\.sock: dockwarden plans no daemon fix from a guess/);
});

test('2.3 sets log-level info, and removes debug: true', t => {
	const plain = planOf(planLogLevel(makeFacts(withFile({'log-level': 'debug', icc: false})), options));
	t.deepEqual(JSON.parse(writeOf(plain).after), {'log-level': 'info', icc: false});
	t.true(plain.warnings.some(line => line.includes('debug messages are no longer written')));
	const debug = planOf(planLogLevel(makeFacts(withFile({debug: true})), options));
	t.deepEqual(JSON.parse(writeOf(debug).after), {'log-level': 'info'});
	t.regex(debug.title, /debug mode off/);
	t.is(refusalOf(planLogLevel(makeFacts({daemon: withFlags({debug: true})}), options)).code, 'flag-conflict');
});

test('2.4 removes "iptables": false and keeps the rest; refused when --iptables=false is a flag', t => {
	const plan = planOf(planIptables(makeFacts(withFile({iptables: false, 'log-level': 'info'})), options));
	t.deepEqual(JSON.parse(writeOf(plan).after), {'log-level': 'info'});
	t.true(plan.warnings.some(line => line.includes('DOCKER-USER')));
	const flag = refusalOf(planIptables(makeFacts({daemon: withFlags({iptables: false})}), options));
	t.is(flag.code, 'flag-conflict');
	t.regex(flag.reason, /--iptables=false/);
});

test('2.14 sets no-new-privileges and warns that sudo and su break', t => {
	const plan = planOf(planNoNewPrivileges(makeFacts(), options));
	const write = writeOf(plan);
	t.is(write.before, undefined);
	t.is(write.after, '{\n\t"no-new-privileges": true\n}\n');
	t.true(plan.warnings.some(line => line.includes('sudo or su break')));
});

test('2.15 sets live-restore, and is refused on a swarm node', t => {
	const plan = planOf(planLiveRestore(makeFacts(), options));
	t.deepEqual(JSON.parse(writeOf(plan).after), {'live-restore': true});
	const swarm = refusalOf(planLiveRestore(makeFacts({docker: {info: fixtureInfo({Swarm: {LocalNodeState: 'active'}})}}), options));
	t.is(swarm.code, 'invalid-config');
	t.regex(swarm.reason, /swarm/);
});

test('2.16 sets userland-proxy false and warns about hairpin NAT', t => {
	const plan = planOf(planUserlandProxy(makeFacts(), options));
	t.deepEqual(JSON.parse(writeOf(plan).after), {'userland-proxy': false});
	t.true(plan.warnings.some(line => line.includes('iptables rules only') && line.includes('hairpin NAT')));
});

test('2.18 removes experimental; refused when --experimental is a flag', t => {
	const plan = planOf(planExperimental(makeFacts(withFile({experimental: true, icc: false})), options));
	t.deepEqual(JSON.parse(writeOf(plan).after), {icc: false});
	t.is(refusalOf(planExperimental(makeFacts({daemon: withFlags({experimental: true})}), options)).code, 'flag-conflict');
});

test('a daemon.json that dockerd would already refuse, for a key the fix does not touch, is planned with the problem said; a new problem is refused', t => {
	const plan = planOf(planNoNewPrivileges(makeFacts(withFile({hosts: ['unix:///var/run/docker.sock']})), options));
	t.true(plan.warnings.some(line => /^already so before this fix, which does not change it: "hosts" is set in daemon\.json and also given as the dockerd flag --hosts=fd:\/\//.test(line)));
	const introduced = refusalOf(planIcc(makeFacts(withFile({hosts: ['unix:///var/run/docker.sock'], iptables: false})), options));
	t.is(introduced.code, 'invalid-config');
	t.regex(introduced.reason, /^dockerd would not start with the new \/etc\/docker\/daemon\.json: dockerd will not start with icc=false and iptables=false/);
});

test('a setting already in daemon.json plans only the restart; a malformed file is never written', t => {
	const pending = planOf(planDaemonSetting(makeFacts(withFile({'live-restore': true})), {key: 'live-restore', value: true, title: 't', warnings: []}, options));
	t.deepEqual(pending.steps.map(step => step.kind), ['restart-daemon']);
	t.is(refusalOf(planIcc(makeFacts({daemon: {configFile: malformedDaemonJson()}}), options)).code, 'malformed-config');
	t.is(refusalOf(planIcc(makeFacts({docker: unreachableDocker()}), options)).code, 'docker-unreachable');
});

test('with live restore on, the restart warning says running containers keep running', t => {
	const plan = planOf(planIcc(makeFacts({docker: {info: fixtureInfo({LiveRestoreEnabled: true})}}), options));
	t.true(plan.warnings.includes('live restore is on, so running containers keep running through the daemon restart'));
});

// Audit: install, immutable config, edits ---------------------------------------------------------

const missing = {...makeFacts().audit, auditctl: undefined, live: undefined, liveError: 'auditctl: not found', enabled: undefined, auditdRunning: false, rulesFiles: []};

test('the install steps of each package manager, and how auditd is started', t => {
	const argv = (steps: readonly Step[]) => steps.map(step => step.kind === 'run' ? step.argv.join(' ') : step.kind);
	t.deepEqual(argv(installAuditSteps('apt-get', true)), ['env DEBIAN_FRONTEND=noninteractive apt-get install -y auditd', 'systemctl start auditd']);
	t.deepEqual(argv(installAuditSteps('dnf', true)), ['dnf install -y audit', 'systemctl start auditd']);
	t.deepEqual(argv(installAuditSteps('yum', false)), ['yum install -y audit', 'service auditd start']);
	t.deepEqual(argv(installAuditSteps('zypper', true)), ['zypper --non-interactive install audit', 'systemctl start auditd']);
	t.deepEqual(argv(installAuditSteps('apk', false)), ['apk add audit', 'rc-service auditd start']);
});

test('without auditctl, the plan installs and starts auditd, then adds the live and persisted rules', t => {
	const plan = planOf(planAuditWatch(dockerd, missing, options, {packageManager: 'apt-get', systemd: true}));
	t.deepEqual(plan.steps.slice(0, 3).map(step => step.kind === 'run' ? step.argv : step.kind), [
		['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', 'auditd'],
		['systemctl', 'start', 'auditd'],
		['auditctl', '-w', '/usr/sbin/dockerd', '-k', 'docker'],
	]);
	t.like(plan.steps[2], {undoArgv: ['auditctl', '-W', '/usr/sbin/dockerd', '-k', 'docker']});
	const write = writeOf(plan);
	t.is(write.path, dockerRulesFile);
	t.true(write.after.endsWith('\n-w /usr/sbin/dockerd -k docker\n'));
	t.regex(plan.title, /^Install auditd and watch/);
	t.true(plan.warnings.some(line => line.includes('env DEBIAN_FRONTEND=noninteractive apt-get install -y auditd')));
});

test('without auditctl and without a known package manager, the fix is refused with the install hint', t => {
	const refusal = refusalOf(planAuditWatch(dockerd, missing, options, {systemd: true}));
	t.is(refusal.code, 'auditctl-missing');
	t.regex(refusal.reason, /apt-get install auditd/);
	t.is(refusalOf(planAuditWatch(dockerd, missing, options)).code, 'auditctl-missing');
});

test('an immutable audit config (enabled 2) gets the persisted rule only, no verify, and a reboot warning', t => {
	const plan = planOf(planAuditWatch(dockerd, {...makeFacts().audit, enabled: 2}, options));
	t.deepEqual(plan.steps.map(step => step.kind), ['write']);
	t.is(plan.verify, 'none');
	t.true(plan.warnings.some(line => line.includes('takes effect after a reboot') && line.includes('locked') && line.includes('auditctl -e 2')));
	const persisted: AuditWatch = {path: '/usr/sbin/dockerd', permissions: 'wa', text: '-w /usr/sbin/dockerd -k docker', source: `${dockerRulesFile}:3`};
	t.like(planAuditWatch(dockerd, {...makeFacts().audit, enabled: 2, persisted: [persisted]}, options), {ok: false, code: 'nothing-to-do'});
	t.is(planOf(planAuditWatch(dockerd, makeFacts().audit, options)).verify, undefined);
});

test('the docker.rules write has an edit that appends the line once, so plans merge into one write', t => {
	const audit = makeFacts().audit;
	const first = writeOf(planOf(planAuditWatch(dockerd, audit, options)));
	const second = writeOf(planOf(planAuditWatch({path: '/etc/docker', exists: true, how: 'the default path'}, audit, options)));
	t.is(first.edit?.(first.before), first.after);
	const merged = second.edit!(first.edit!(undefined));
	t.true(merged.endsWith('-w /usr/sbin/dockerd -k docker\n-w /etc/docker -k docker\n'));
	t.is(first.edit!(merged), merged);
});
