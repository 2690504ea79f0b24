import test from 'ava';
import {guardedFacts, readsOnlyItsNeeds, type LooseLogic} from '../helpers/needs.js';
import type {Finding} from '../../source/benchmark/types.js';
import {section2Logic as section2LogicTable} from '../../source/benchmark/checks/section-2-daemon.js';
import {
	conflictingKeys,
	describeConfigFile,
	describeSetting,
	hasSecurityOption,
	lookupSetting,
	parseSecurityOption,
	settingLocation,
} from '../../source/model/daemon-settings.js';
import {
	daemonJson,
	defaultDaemonFlags,
	fixtureInfo,
	makeContainer,
	makeFacts,
	malformedDaemonJson,
	unreachableDocker,
	type FactOverrides,
} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section2Logic: LooseLogic = section2LogicTable;

const ids = Array.from({length: 18}, (_, index) => `2.${index + 1}`);

/** Runs one check's audit on fixture facts with these overrides. */
function audit(id: string, overrides: FactOverrides = {}): Finding {
	const logic = section2Logic[id];
	if (logic?.audit === undefined) {
		throw new Error(`no audit for ${id}`);
	}

	return logic.audit(makeFacts(overrides));
}

/** All evidence lines as one string, for substring assertions. */
const evidenceText = (finding: Finding): string => finding.evidence.join('\n');

const file = (config: Record<string, unknown>): FactOverrides => ({daemon: {configFile: daemonJson(config)}});
const flags = (extra: Record<string, string | boolean | readonly string[]>): FactOverrides => ({daemon: {flags: {...defaultDaemonFlags, ...extra}}});
const info = (fields: Parameters<typeof fixtureInfo>[0]): FactOverrides => ({docker: {info: fixtureInfo(fields)}});

/** Two running containers, cis-web and cis-legacy (--userns=host), with their init's uids as a daemon with (or without) userns-remap runs them. */
function remapped(on: boolean): FactOverrides {
	const web = makeContainer('cis-web');
	const legacy = makeContainer('cis-legacy', {HostConfig: {UsernsMode: 'host'}});
	const webUid = on ? 100_000 : 0;
	return {
		containers: {reachable: true, all: [web, legacy], execs: []},
		processes: {
			reachable: true,
			containers: [
				{name: 'cis-web', id: web.Id, via: 'proc', processes: [{user: String(webUid), pid: '2590', command: 'sleep 600', hostUid: webUid, containerUid: 0}]},
				{name: 'cis-legacy', id: legacy.Id, via: 'proc', processes: [{user: 'root', pid: '2612', command: 'sleep 600', hostUid: 0, containerUid: 0}]},
			],
			dockremap: {subuid: on ? [{start: 100_000, count: 65_536}] : [], subgid: []},
		},
	};
}

// Catalogue shape -----------------------------------------------------------------------------------

const fixable = new Set(['2.2', '2.3', '2.4', '2.9', '2.14', '2.15', '2.16', '2.18']);

test('section 2 has logic for all 18 checks of v1.6.0 and v1.8.0\'s new 2.7, each with an audit; the daemon.json settings have a fix planner', t => {
	t.deepEqual(Object.keys(section2Logic).sort(), [...ids, '2.7@1.8.0'].sort());
	for (const id of [...ids, '2.7@1.8.0']) {
		t.is(typeof section2Logic[id].audit, 'function', id);
		t.is(typeof section2Logic[id].planFix, fixable.has(id) ? 'function' : 'undefined', id);
		t.true(section2Logic[id].needs.length > 0, id);
	}
});

test('each fix planner reads only the facts its needs list and plans on the default fixture', t => {
	for (const id of fixable) {
		const logic = section2Logic[id];
		const guarded = guardedFacts(id, logic.needs, makeFacts());
		const outcome = logic.planFix?.(guarded, {auditKey: 'docker'});
		t.true(outcome?.ok, id);
	}
});

test('each audit reads only the facts its needs list', t => {
	const variants: FactOverrides[] = [
		{},
		{docker: unreachableDocker()},
		{daemon: {configFile: malformedDaemonJson()}},
		{daemon: {configFile: daemonJson({'userns-remap': 'default', icc: false, hosts: ['tcp://0.0.0.0:2376']})}},
	];
	readsOnlyItsNeeds(t, section2Logic, variants.map(overrides => makeFacts(overrides)));
});

test('every finding has a summary and evidence on the default fixture', t => {
	for (const id of ids) {
		const finding = audit(id);
		t.true(finding.summary.length > 0, id);
		t.true(finding.evidence.length > 0, id);
	}
});

// Helpers -------------------------------------------------------------------------------------------

test('lookupSetting and settingLocation say where a setting is', t => {
	const facts = makeFacts({daemon: {configFile: daemonJson({icc: false}), flags: {...defaultDaemonFlags, icc: true, 'live-restore': true}}});
	const icc = lookupSetting(facts.daemon, 'icc');
	t.deepEqual(icc.file, {value: false});
	t.deepEqual(icc.flag, {value: true});
	t.is(icc.value, true);
	t.is(settingLocation(facts.daemon, icc), 'both in /etc/docker/daemon.json and on the dockerd command line');
	t.is(settingLocation(facts.daemon, lookupSetting(facts.daemon, 'live-restore')), 'on the dockerd command line');
	t.is(settingLocation(facts.daemon, lookupSetting(facts.daemon, 'debug')), 'neither in /etc/docker/daemon.json nor on the dockerd command line');
	t.deepEqual(conflictingKeys(facts.daemon), ['icc']);
});

test('describeSetting quotes values and names the place', t => {
	const facts = makeFacts(file({'userns-remap': 'default'}));
	t.is(describeSetting(facts.daemon, lookupSetting(facts.daemon, 'userns-remap')), 'userns-remap is "default" in /etc/docker/daemon.json');
	t.is(describeSetting(facts.daemon, lookupSetting(facts.daemon, 'icc')), 'icc is set neither in /etc/docker/daemon.json nor on the dockerd command line');
});

test('a malformed config file leaves file settings unknown, flags still known', t => {
	const facts = makeFacts({daemon: {configFile: malformedDaemonJson(), flags: {...defaultDaemonFlags, icc: false}}});
	t.false(lookupSetting(facts.daemon, 'userns-remap').known);
	t.true(lookupSetting(facts.daemon, 'icc').known);
	t.regex(describeConfigFile(facts.daemon.configFile), /^\/etc\/docker\/daemon\.json is malformed: /);
	t.is(describeConfigFile({state: 'unreadable', path: '/etc/docker/daemon.json', error: 'EACCES: permission denied'}), '/etc/docker/daemon.json could not be read: EACCES: permission denied');
	t.is(describeConfigFile({state: 'absent', path: '/etc/docker/daemon.json'}), '/etc/docker/daemon.json does not exist');
});

test('security options are parsed by name', t => {
	t.deepEqual(parseSecurityOption('name=seccomp,profile=default'), {name: 'seccomp', profile: 'default'});
	t.deepEqual(parseSecurityOption('apparmor'), {name: 'apparmor'});
	const withUserns = fixtureInfo({SecurityOptions: ['name=apparmor', 'name=seccomp,profile=default', 'name=userns']});
	t.true(hasSecurityOption(withUserns, 'userns'));
	t.false(hasSecurityOption(withUserns, 'rootless'));
	t.false(hasSecurityOption(fixtureInfo({SecurityOptions: undefined}), 'userns'));
});

// 2.1 -----------------------------------------------------------------------------------------------

test('2.1 notes a root daemon with what was found', t => {
	const finding = audit('2.1');
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('docker info shows no name=rootless'));
	t.true(finding.evidence.includes('dockerd pid 812 runs as uid 0 (root)'));
});

test('2.1 passes for a rootless daemon', t => {
	const finding = audit('2.1', info({SecurityOptions: ['name=seccomp,profile=default', 'name=rootless', 'name=cgroupns']}));
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('docker info shows name=rootless'));
});

test('2.1 passes from the process owner when docker is unreachable', t => {
	const finding = audit('2.1', {
		docker: unreachableDocker('connect ENOENT /run/user/1000/docker.sock'),
		daemon: {process: {pid: 2345, exe: '/usr/bin/dockerd', argv: ['dockerd'], uid: 1000}},
	});
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('dockerd pid 2345 runs as uid 1000'));
});

test('2.1 still notes a root daemon when docker is unreachable', t => {
	const finding = audit('2.1', {docker: unreachableDocker()});
	t.is(finding.status, 'note');
	t.regex(evidenceText(finding), /not reachable: connect ENOENT/);
});

// 2.2 -----------------------------------------------------------------------------------------------

test('2.2 warns when the default bridge has icc on', t => {
	const finding = audit('2.2');
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], 'icc is set neither in /etc/docker/daemon.json nor on the dockerd command line; the default bridge network has com.docker.network.bridge.enable_icc=true');
});

test('2.2 passes when icc is off in daemon.json and on the default bridge', t => {
	const finding = audit('2.2', {
		daemon: {configFile: daemonJson({icc: false})},
		docker: {defaultBridge: {options: {'com.docker.network.bridge.enable_icc': 'false'}}},
	});
	t.is(finding.status, 'pass');
	t.is(finding.evidence[0], 'icc is false in /etc/docker/daemon.json; the default bridge network has com.docker.network.bridge.enable_icc=false');
});

test('2.2 passes from the --icc=false flag', t => {
	const finding = audit('2.2', {
		...flags({icc: false}),
		docker: {defaultBridge: {options: {'com.docker.network.bridge.enable_icc': 'false'}}},
	});
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /^icc is false on the dockerd command line/);
});

test('2.2 is pending when icc=false is written but the bridge still has icc on', t => {
	const finding = audit('2.2', file({icc: false}));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /pending.*restart the daemon/i);
	t.regex(evidenceText(finding), /pending: icc is configured but not in effect until the daemon is restarted/);
});

test('2.2 passes without a default bridge (bridge none)', t => {
	const finding = audit('2.2', {...flags({bridge: 'none'}), docker: {defaultBridge: undefined}});
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /bridge is "none" on the dockerd command line; the daemon has no default bridge network/);
});

test('2.2 warns from the configuration when docker is unreachable and icc is not set', t => {
	const finding = audit('2.2', {docker: unreachableDocker()});
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /docker at unix:\/\/\/var\/run\/docker\.sock is not reachable: connect ENOENT/);
});

test('2.2 is an error when docker is unreachable and icc=false cannot be confirmed', t => {
	const finding = audit('2.2', {daemon: {configFile: daemonJson({icc: false})}, docker: unreachableDocker('connect EACCES /var/run/docker.sock')});
	t.is(finding.status, 'error');
	t.regex(finding.summary, /connect EACCES/);
});

// 2.3 -----------------------------------------------------------------------------------------------

test('2.3 passes when log-level is unset', t => {
	const finding = audit('2.3');
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('log-level is set neither in /etc/docker/daemon.json nor on the dockerd command line'));
});

test('2.3 passes for log-level info on the command line', t => {
	t.is(audit('2.3', flags({'log-level': 'info'})).status, 'pass');
});

test('2.3 warns for log-level debug in daemon.json', t => {
	const finding = audit('2.3', file({'log-level': 'debug'}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('log-level is "debug" in /etc/docker/daemon.json'));
});

test('2.3 warns when debug is on (it forces the debug level)', t => {
	const finding = audit('2.3', flags({debug: true}));
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /debug is true on the dockerd command line/);
});

test('2.3 is an error when daemon.json is malformed and the level is not a flag', t => {
	const finding = audit('2.3', {daemon: {configFile: malformedDaemonJson()}});
	t.is(finding.status, 'error');
	t.regex(evidenceText(finding), /\/etc\/docker\/daemon\.json is malformed: /);
});

// 2.4 -----------------------------------------------------------------------------------------------

test('2.4 passes when iptables is not disabled', t => {
	t.is(audit('2.4').status, 'pass');
	t.is(audit('2.4', file({iptables: true})).status, 'pass');
});

test('2.4 warns when iptables is false on the command line', t => {
	const finding = audit('2.4', flags({iptables: false}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('iptables is false on the dockerd command line'));
});

test('2.4 warns when iptables is false in daemon.json', t => {
	const finding = audit('2.4', file({iptables: false}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('iptables is false in /etc/docker/daemon.json'));
});

// 2.5 -----------------------------------------------------------------------------------------------

test('2.5 passes with only the loopback insecure range', t => {
	const finding = audit('2.5');
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /docker info shows no insecure registries besides 127\.0\.0\.0\/8/);
});

test('2.5 warns naming insecure CIDRs and registries', t => {
	const finding = audit('2.5', {
		...file({'insecure-registries': ['10.0.0.0/8', 'registry.lan:5000']}),
		...info({
			RegistryConfig: {
				InsecureRegistryCIDRs: ['10.0.0.0/8', '127.0.0.0/8'],
				IndexConfigs: {
					'docker.io': {Name: 'docker.io', Secure: true},
					'registry.lan:5000': {Name: 'registry.lan:5000', Secure: false},
				},
			},
		}),
	});
	t.is(finding.status, 'warn');
	t.is(finding.summary, 'Insecure registries are in use: 10.0.0.0/8, registry.lan:5000');
	t.regex(finding.evidence[0], /^insecure-registries is \["10\.0\.0\.0\/8","registry\.lan:5000"\] in \/etc\/docker\/daemon\.json; docker info RegistryConfig shows insecure registries: 10\.0\.0\.0\/8, registry\.lan:5000$/);
});

test('2.5 warns from the configuration when docker is unreachable', t => {
	const finding = audit('2.5', {...flags({'insecure-registries': ['registry.lan:5000']}), docker: unreachableDocker()});
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /insecure-registries is \["registry\.lan:5000"\] on the dockerd command line/);
});

// 2.6 -----------------------------------------------------------------------------------------------

test('2.6 passes for overlay2', t => {
	const finding = audit('2.6');
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /docker info shows Driver: overlay2$/);
});

test('2.6 warns for aufs', t => {
	const finding = audit('2.6', info({Driver: 'aufs'}));
	t.is(finding.status, 'warn');
	t.regex(finding.evidence[0], /Driver: aufs/);
});

test('2.6 is an error when docker is unreachable and the driver is auto-selected', t => {
	const finding = audit('2.6', {docker: unreachableDocker('connection refused')});
	t.is(finding.status, 'error');
	t.regex(finding.summary, /connection refused/);
});

test('2.6 warns from the configuration when aufs is configured and docker is unreachable', t => {
	t.is(audit('2.6', {...file({'storage-driver': 'aufs'}), docker: unreachableDocker()}).status, 'warn');
});

// 2.7 -----------------------------------------------------------------------------------------------

test('2.7 passes with only fd:// and unix sockets', t => {
	const finding = audit('2.7', flags({hosts: ['fd://', 'unix:///var/run/docker.sock']}));
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /hosts is \["fd:\/\/","unix:\/\/\/var\/run\/docker\.sock"\] on the dockerd command line/);
});

test('2.7 warns for a TCP host flag without TLS, naming the listener', t => {
	const finding = audit('2.7', flags({hosts: ['fd://', 'tcp://0.0.0.0:2375']}));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /tcp:\/\/0\.0\.0\.0:2375/);
	t.true(finding.evidence.includes('tcp://0.0.0.0:2375 is served without tlsverify, tlscacert, tlscert, tlskey'));
});

test('2.7 warns for a scheme-less host address (dockerd reads it as TCP)', t => {
	t.is(audit('2.7', flags({hosts: ['fd://', '0.0.0.0:2375']})).status, 'warn');
});

test('2.7 passes for a TCP host in daemon.json with full TLS', t => {
	const finding = audit('2.7', {daemon: {
		flags: {containerd: '/run/containerd/containerd.sock'},
		configFile: daemonJson({
			hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'],
			tlsverify: true,
			tlscacert: '/etc/docker/tls/ca.pem',
			tlscert: '/etc/docker/tls/server-cert.pem',
			tlskey: '/etc/docker/tls/server-key.pem',
		}),
	}});
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /tlscacert is "\/etc\/docker\/tls\/ca\.pem" in \/etc\/docker\/daemon\.json/);
});

test('2.7 warns for TLS without client verification, naming what is missing', t => {
	const finding = audit('2.7', flags({hosts: ['tcp://10.0.0.5:2376'], tls: true, tlscert: '/etc/docker/cert.pem', tlskey: '/etc/docker/key.pem'}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('tcp://10.0.0.5:2376 is served without tlsverify, tlscacert'));
});

test('2.7 judges the flag (what runs) and reports hosts given both as a flag and in daemon.json', t => {
	const finding = audit('2.7', file({hosts: ['tcp://0.0.0.0:2375']}));
	t.is(finding.status, 'pass');
	t.regex(evidenceText(finding), /hosts is set both in \/etc\/docker\/daemon\.json and on the dockerd command line: dockerd refuses to start/);
});

test('2.7 passes without any hosts setting', t => {
	const finding = audit('2.7', {daemon: {flags: {}}});
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /default unix socket/);
});

// 2.8 -----------------------------------------------------------------------------------------------

test('2.8 notes that no default ulimits are set', t => {
	const finding = audit('2.8');
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('default-ulimits is set neither in /etc/docker/daemon.json nor on the dockerd command line'));
});

test('2.8 notes the configured default ulimits', t => {
	const finding = audit('2.8', flags({'default-ulimits': ['nofile=64000:64000']}));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('default-ulimits is ["nofile=64000:64000"] on the dockerd command line'));
});

// 2.9 -----------------------------------------------------------------------------------------------

test('2.9 warns when userns-remap is set nowhere', t => {
	const finding = audit('2.9');
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], 'userns-remap is set neither in /etc/docker/daemon.json nor on the dockerd command line; docker info shows no userns');
});

test('2.9 passes when set in daemon.json and docker info shows userns', t => {
	const finding = audit('2.9', {...file({'userns-remap': 'default'}), ...info({SecurityOptions: ['name=seccomp,profile=default', 'name=userns']})});
	t.is(finding.status, 'pass');
	t.deepEqual(finding.evidence, ['userns-remap is "default" in /etc/docker/daemon.json; docker info shows name=userns', 'web: uid 0 in the container = uid 0 on the host (pid 4242)']);
});

test('2.9 passes when set on the command line', t => {
	const finding = audit('2.9', {...flags({'userns-remap': 'dockremap'}), ...info({SecurityOptions: ['name=userns']})});
	t.is(finding.status, 'pass');
	t.is(finding.evidence[0], 'userns-remap is "dockremap" on the dockerd command line; docker info shows name=userns');
});

test('2.9 is pending when daemon.json sets userns-remap but docker info lacks userns', t => {
	const finding = audit('2.9', file({'userns-remap': 'default'}));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /^Pending: .*restart the daemon/);
	t.is(finding.evidence[0], 'userns-remap is "default" in /etc/docker/daemon.json; docker info shows no userns');
	t.true(finding.evidence.includes('pending: userns-remap is configured but not in effect until the daemon is restarted'));
});

test('2.9 uses the config file path of the running dockerd', t => {
	const finding = audit('2.9', {daemon: {configFile: {state: 'absent', path: '/srv/docker/daemon.json'}, configFileHow: 'the --config-file of the running dockerd'}});
	t.is(finding.evidence[0], 'userns-remap is set neither in /srv/docker/daemon.json nor on the dockerd command line; docker info shows no userns');
});

test('2.9 reports a setting in both places, which dockerd refuses', t => {
	const finding = audit('2.9', {
		daemon: {configFile: daemonJson({'userns-remap': 'default'}), flags: {...defaultDaemonFlags, 'userns-remap': 'default'}},
		...info({SecurityOptions: ['name=userns']}),
	});
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('userns-remap is set both in /etc/docker/daemon.json and on the dockerd command line: dockerd refuses to start with a setting in both places, so the next restart will fail'));
});

test('2.9 decides from docker info when daemon.json is malformed', t => {
	const finding = audit('2.9', {daemon: {configFile: malformedDaemonJson('{"userns-remap": "default",}')}});
	t.is(finding.status, 'warn');
	t.regex(finding.evidence[0], /^userns-remap is not on the dockerd command line, and its value in \/etc\/docker\/daemon\.json is unknown; docker info shows no userns$/);
	t.regex(evidenceText(finding), /\/etc\/docker\/daemon\.json is malformed: /);
});

test('2.9 passes for a rootless daemon', t => {
	const finding = audit('2.9', info({SecurityOptions: ['name=seccomp,profile=default', 'name=rootless']}));
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /docker info shows name=rootless/);
	t.false(evidenceText(finding).includes('next restart'));
});

test('2.9 notes that a running remap is no longer configured', t => {
	const finding = audit('2.9', info({SecurityOptions: ['name=userns']}));
	t.is(finding.status, 'pass');
	t.regex(evidenceText(finding), /at the next restart of the daemon userns-remap changes/);
});

test('2.9 warns from the configuration when docker is unreachable and userns-remap is not set', t => {
	const finding = audit('2.9', {docker: unreachableDocker()});
	t.is(finding.status, 'warn');
	t.deepEqual(finding.evidence, [
		'userns-remap is set neither in /etc/docker/daemon.json nor on the dockerd command line',
		'docker at unix:///var/run/docker.sock is not reachable: connect ENOENT /var/run/docker.sock',
	]);
});

test('2.9 is an error when docker is unreachable and userns-remap cannot be confirmed', t => {
	const finding = audit('2.9', {...file({'userns-remap': 'default'}), docker: unreachableDocker('connect ECONNREFUSED /var/run/docker.sock')});
	t.is(finding.status, 'error');
	t.regex(finding.summary, /ECONNREFUSED/);
});

test('2.9 is an error when docker is unreachable and daemon.json is malformed', t => {
	const finding = audit('2.9', {daemon: {configFile: malformedDaemonJson()}, docker: unreachableDocker()});
	t.is(finding.status, 'error');
	t.regex(evidenceText(finding), /malformed/);
});

test('2.9 is an error when docker is unreachable and daemon.json is unreadable', t => {
	const finding = audit('2.9', {
		daemon: {configFile: {state: 'unreadable', path: '/etc/docker/daemon.json', error: 'EACCES: permission denied'}},
		docker: unreachableDocker(),
	});
	t.is(finding.status, 'error');
	t.regex(evidenceText(finding), /could not be read: EACCES/);
});

test('2.9 says when the dockerd command line was not read', t => {
	const finding = audit('2.9', {daemon: {process: undefined, flags: {}, processNote: 'no dockerd process found in /proc'}});
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('the dockerd command line was not read: no dockerd process found in /proc'));
});

test('2.9 lists each running container\'s init uid in the container and on the host', t => {
	const unmapped = audit('2.9', remapped(false));
	t.true(unmapped.evidence.includes('cis-web: uid 0 in the container = uid 0 on the host (pid 2590)'), evidenceText(unmapped));

	const finding = audit('2.9', {...file({'userns-remap': 'default'}), ...info({SecurityOptions: ['name=userns']}), ...remapped(true)});
	t.is(finding.status, 'pass');
	t.deepEqual(finding.evidence.slice(1), [
		'cis-web: uid 0 in the container = uid 100000 on the host (pid 2590; dockremap range 100000-165535 from /etc/subuid)',
		'cis-legacy: uid 0 in the container = uid 0 on the host (pid 2612; --userns=host: not remapped)',
	]);
});

test('2.9 says when uids are not visible', t => {
	const finding = audit('2.9', {processes: {containers: [{name: 'web', id: makeContainer('web').Id, via: 'top', processes: [{user: 'root', pid: '4242', command: 'nginx'}]}]}});
	t.true(finding.evidence.includes('web: uids not visible: the container\'s processes were listed through docker top'), evidenceText(finding));
});

// 2.10 ----------------------------------------------------------------------------------------------

test('2.10 passes with the default cgroup parent', t => {
	t.is(audit('2.10').status, 'pass');
});

test('2.10 warns and asks to confirm a changed cgroup parent', t => {
	const finding = audit('2.10', file({'cgroup-parent': '/docker-limited'}));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /confirm/);
	t.true(finding.evidence.includes('cgroup-parent is "/docker-limited" in /etc/docker/daemon.json'));
});

// 2.11 ----------------------------------------------------------------------------------------------

test('2.11 passes without dm.basesize', t => {
	t.is(audit('2.11').status, 'pass');
	t.is(audit('2.11', file({'storage-opts': ['overlay2.override_kernel_check=true']})).status, 'pass');
});

test('2.11 warns when dm.basesize is set', t => {
	const finding = audit('2.11', flags({'storage-opts': ['dm.basesize=20G']}));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /dm\.basesize=20G/);
});

// 2.12 ----------------------------------------------------------------------------------------------

test('2.12 warns without authorization plugins', t => {
	const finding = audit('2.12');
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('authorization-plugins is set neither in /etc/docker/daemon.json nor on the dockerd command line'));
});

test('2.12 passes with an authorization plugin', t => {
	const finding = audit('2.12', file({'authorization-plugins': ['opa-docker-authz']}));
	t.is(finding.status, 'pass');
	t.regex(finding.summary, /opa-docker-authz/);
});

// 2.13 ----------------------------------------------------------------------------------------------

test('2.13 warns for json-file, naming it', t => {
	const finding = audit('2.13');
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /json-file/);
	t.regex(finding.evidence[0], /docker info shows LoggingDriver: json-file$/);
});

test('2.13 warns for local', t => {
	t.regex(audit('2.13', info({LoggingDriver: 'local'})).summary, /local/);
});

test('2.13 passes for syslog', t => {
	const finding = audit('2.13', {...file({'log-driver': 'syslog'}), ...info({LoggingDriver: 'syslog'})});
	t.is(finding.status, 'pass');
	t.is(finding.evidence[0], 'log-driver is "syslog" in /etc/docker/daemon.json; docker info shows LoggingDriver: syslog');
});

test('2.13 is pending when log-driver is written but not running', t => {
	const finding = audit('2.13', file({'log-driver': 'gelf'}));
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /Pending/);
});

test('2.13 warns from the configuration when docker is unreachable', t => {
	t.is(audit('2.13', {docker: unreachableDocker()}).status, 'warn');
	t.is(audit('2.13', {...file({'log-driver': 'journald'}), docker: unreachableDocker()}).status, 'error');
});

// 2.14 ----------------------------------------------------------------------------------------------

test('2.14 warns without no-new-privileges', t => {
	t.is(audit('2.14').status, 'warn');
	t.is(audit('2.14', file({'no-new-privileges': false})).status, 'warn');
});

test('2.14 passes with no-new-privileges true in daemon.json or as a flag', t => {
	const fromFile = audit('2.14', file({'no-new-privileges': true}));
	t.is(fromFile.status, 'pass');
	t.true(fromFile.evidence.includes('no-new-privileges is true in /etc/docker/daemon.json'));
	t.is(audit('2.14', flags({'no-new-privileges': true})).status, 'pass');
});

// 2.15 ----------------------------------------------------------------------------------------------

test('2.15 warns when live restore is off', t => {
	const finding = audit('2.15');
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], 'live-restore is set neither in /etc/docker/daemon.json nor on the dockerd command line; docker info shows LiveRestoreEnabled: false');
});

test('2.15 does not apply on a swarm node: skipped with the reason, and so offers no fix', t => {
	const finding = audit('2.15', info({Swarm: {LocalNodeState: 'active', ControlAvailable: true}}));
	t.is(finding.status, 'skip');
	t.regex(finding.summary, /^Not applicable on a swarm node: dockerd does not support live restore in swarm mode/);
	t.true(finding.evidence.includes('docker info shows Swarm.LocalNodeState: active'));
	t.is(audit('2.15', info({Swarm: {LocalNodeState: 'inactive'}})).status, 'warn');
});

test('2.15 passes when docker info shows live restore', t => {
	t.is(audit('2.15', {...file({'live-restore': true}), ...info({LiveRestoreEnabled: true})}).status, 'pass');
});

test('2.15 is pending when live-restore is written but not running', t => {
	const finding = audit('2.15', file({'live-restore': true}));
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /pending: live-restore is configured but not in effect until the daemon is restarted/);
});

// 2.16 ----------------------------------------------------------------------------------------------

test('2.16 warns when the userland proxy is on by default', t => {
	t.is(audit('2.16').status, 'warn');
});

test('2.16 passes with userland-proxy false', t => {
	const finding = audit('2.16', flags({'userland-proxy': false}));
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('userland-proxy is false on the dockerd command line'));
});

// 2.17 ----------------------------------------------------------------------------------------------

test('2.17 notes the default seccomp profile', t => {
	const finding = audit('2.17');
	t.is(finding.status, 'note');
	t.regex(finding.evidence[0], /seccomp-profile is set neither .*; docker info shows name=seccomp,profile=default/);
});

test('2.17 notes a custom seccomp profile', t => {
	const finding = audit('2.17', {
		...file({'seccomp-profile': '/etc/docker/seccomp.json'}),
		...info({SecurityOptions: ['name=seccomp,profile=/etc/docker/seccomp.json']}),
	});
	t.is(finding.status, 'note');
	t.is(finding.evidence[0], 'seccomp-profile is "/etc/docker/seccomp.json" in /etc/docker/daemon.json; docker info shows name=seccomp,profile=/etc/docker/seccomp.json');
});

// 2.18 ----------------------------------------------------------------------------------------------

test('2.18 passes when experimental is off', t => {
	const finding = audit('2.18');
	t.is(finding.status, 'pass');
	t.regex(finding.evidence[0], /docker info shows ExperimentalBuild: false$/);
});

test('2.18 warns when experimental features are on', t => {
	const finding = audit('2.18', {...file({experimental: true}), ...info({ExperimentalBuild: true})});
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], 'experimental is true in /etc/docker/daemon.json; docker info shows ExperimentalBuild: true');
});

test('2.18 is an error when docker is unreachable and experimental is not configured', t => {
	const finding = audit('2.18', {docker: unreachableDocker('connect ENOENT /var/run/docker.sock')});
	t.is(finding.status, 'error');
	t.regex(finding.summary, /connect ENOENT/);
});
