import test from 'ava';
import {readsOnlyItsNeeds, type LooseLogic} from '../helpers/needs.js';
import type {ContainerInspect, ExecInstance} from '../../source/model/facts.js';
import type {Finding} from '../../source/benchmark/types.js';
import {section5Logic as section5LogicTable} from '../../source/benchmark/checks/section-5-runtime.js';
import {isSshd} from '../../source/benchmark/checks/section-5-isolation.js';
import {isDockerSocket, isRootUser} from '../../source/benchmark/checks/section-5-privileges.js';
import {formatBytes, isSameOrUnder, parseSecurityOpt} from '../../source/benchmark/checks/container-findings.js';
import {daemonJson, fixtureInfo, makeContainer, makeFacts, unreachableDocker, type FactOverrides} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section5Logic: LooseLogic = section5LogicTable;

const ids = Array.from({length: 32}, (_, index) => `5.${index + 1}`);
const mib = 1024 * 1024;

/** Runs one check's audit on fixture facts with these overrides. */
function audit(id: string, overrides: FactOverrides = {}): Finding {
	const logic = section5Logic[id];
	if (logic?.audit === undefined) {
		throw new Error(`no audit for ${id}`);
	}

	return logic.audit(makeFacts(overrides));
}

/** All evidence lines as one string, for substring assertions. */
const evidenceText = (finding: Finding): string => finding.evidence.join('\n');

/** Overrides with these containers (and exec instances) instead of the fixture's one web container. */
const withContainers = (all: ContainerInspect[], execs: ExecInstance[] = []): FactOverrides => ({containers: {reachable: true, all, execs}});

/** Overrides with one container built by makeContainer. */
const one = (name: string, overrides: Parameters<typeof makeContainer>[1]): FactOverrides => withContainers([makeContainer(name, overrides)]);

const stopped = {State: {Running: false, Status: 'exited', Pid: 0}} as const;

/** A container hardened for every automated per-container check. */
const hardened = makeContainer('cis-hardened', {
	Config: {Healthcheck: {Test: ['CMD-SHELL', 'wget -q -O /dev/null http://localhost/ || exit 1']}},
	HostConfig: {
		CapDrop: ['ALL'],
		ReadonlyRootfs: true,
		Memory: 256 * mib,
		CpuShares: 512,
		PidsLimit: 100,
		SecurityOpt: ['no-new-privileges:true'],
		RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 5},
		PortBindings: {'80/tcp': [{HostIp: '127.0.0.1', HostPort: '8080'}]},
		NetworkMode: 'appnet',
	},
	NetworkSettings: {Networks: {appnet: {}}, Ports: {'80/tcp': [{HostIp: '127.0.0.1', HostPort: '8080'}]}},
});

const unreachable: FactOverrides = {
	docker: unreachableDocker(),
	containers: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
	processes: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
	swarm: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'},
};

const securityModules = {docker: {info: fixtureInfo({SecurityOptions: ['name=apparmor', 'name=seccomp,profile=default', 'name=selinux']})}} satisfies FactOverrides;

const noneRunning: FactOverrides = {
	...withContainers([makeContainer('old', stopped)]),
	processes: {reachable: true, containers: []},
	...securityModules,
};

// Catalogue shape ---------------------------------------------------------------------------------

test('section 5 has logic for all 32 checks, each with an audit and no fix planner', t => {
	t.deepEqual(Object.keys(section5Logic).sort(), [...ids].sort());
	for (const id of ids) {
		t.is(typeof section5Logic[id].audit, 'function', id);
		t.is(section5Logic[id].planFix, undefined, id);
		t.true(section5Logic[id].needs.length > 0, id);
	}
});

test('each audit reads only the facts its needs list', t => {
	const variants: FactOverrides[] = [
		{},
		unreachable,
		noneRunning,
		{...withContainers([hardened]), ...securityModules, daemon: {configFile: daemonJson({'no-new-privileges': true})}},
	];
	readsOnlyItsNeeds(t, section5Logic, variants.map(overrides => makeFacts(overrides)));
});

test('every check errors with the daemon error when docker is unreachable', t => {
	for (const id of ids) {
		const finding = audit(id, unreachable);
		t.is(finding.status, 'error', id);
		t.is(finding.summary, 'Cannot reach the Docker daemon: connect ENOENT /var/run/docker.sock', id);
	}
});

test('per-container checks skip when no container runs; 5.5 still considers the stopped one', t => {
	for (const id of ids.filter(id => id !== '5.1' && id !== '5.5')) {
		const finding = audit(id, noneRunning);
		t.is(finding.status, 'skip', id);
		t.is(finding.summary, 'no running container to check', id);
	}

	t.is(audit('5.5', noneRunning).status, 'pass');
	t.regex(audit('5.5', noneRunning).evidence[0], /^1 container considered, running or not \(docker ps --all\): old \(exited\)$/);
});

test('the first evidence line says which running containers were considered', t => {
	const finding = audit('5.11', withContainers([makeContainer('a'), makeContainer('b'), makeContainer('c', stopped)]));
	t.is(finding.evidence[0], '2 running containers considered: a, b; 1 stopped container not considered');
	t.is(finding.summary, 'Running containers without a memory limit: a, b (2 of 2)');
});

test('a hardened container passes every automated check it is hardened for', t => {
	const overrides = {...withContainers([hardened]), ...securityModules};
	for (const id of ['5.4', '5.5', '5.6', '5.8', '5.10', '5.11', '5.12', '5.13', '5.14', '5.15', '5.16', '5.17', '5.20', '5.21', '5.22', '5.23', '5.25', '5.26', '5.27', '5.29', '5.31', '5.32']) {
		t.is(audit(id, overrides).status, 'pass', id);
	}
});

test('every finding has a summary and evidence on the default fixture', t => {
	for (const id of ids) {
		const finding = audit(id);
		t.true(finding.summary.length > 0, id);
		t.true(finding.evidence.length > 0, id);
	}
});

// Helpers -----------------------------------------------------------------------------------------

test('path comparison is by whole components', t => {
	t.true(isSameOrUnder('/etc', '/etc'));
	t.true(isSameOrUnder('/etc/nginx/', '/etc'));
	t.true(isSameOrUnder('//etc//nginx', '/etc/'));
	t.false(isSameOrUnder('/etcetera', '/etc'));
	t.false(isSameOrUnder('/usr2', '/usr'));
});

test('security options split at the first = or :', t => {
	t.deepEqual(parseSecurityOpt('label=type:svirt_apache_t'), {key: 'label', value: 'type:svirt_apache_t'});
	t.deepEqual(parseSecurityOpt('label:disable'), {key: 'label', value: 'disable'});
	t.deepEqual(parseSecurityOpt('no-new-privileges'), {key: 'no-new-privileges'});
	t.deepEqual(parseSecurityOpt('seccomp={"defaultAction":"SCMP_ACT_ERRNO"}'), {key: 'seccomp', value: '{"defaultAction":"SCMP_ACT_ERRNO"}'});
});

test('byte counts read as people read them', t => {
	t.is(formatBytes(512 * mib), '512 MiB');
	t.is(formatBytes(1536 * mib), '1.5 GiB');
	t.is(formatBytes(1000), '1000 bytes');
});

// 5.1 ---------------------------------------------------------------------------------------------

test('5.1 passes when swarm is inactive', t => {
	t.is(audit('5.1').status, 'pass');
});

test('5.1 warns on an active manager and on a worker', t => {
	const manager = audit('5.1', {swarm: {state: 'active', isManager: true}});
	t.is(manager.status, 'warn');
	t.true(manager.evidence.includes('swarm mode is active on this node (manager): leave the swarm if it is not needed'));
	t.regex(evidenceText(audit('5.1', {swarm: {state: 'active', isManager: false}})), /\(worker\): leave the swarm/);
});

test('5.1 errors when docker is unreachable', t => {
	t.is(audit('5.1', {swarm: {reachable: false, error: 'EACCES'}}).status, 'error');
});

// 5.2 / 5.3 ---------------------------------------------------------------------------------------

test('5.2 is not applicable without AppArmor on the host', t => {
	const finding = audit('5.2');
	t.is(finding.status, 'skip');
	t.regex(evidenceText(finding), /no name=apparmor/);
});

test('5.2 warns for unconfined and empty profiles when AppArmor is enabled', t => {
	const finding = audit('5.2', {
		...securityModules,
		...withContainers([makeContainer('cis-web', {AppArmorProfile: 'unconfined'}), makeContainer('cis-db', {AppArmorProfile: ''}), makeContainer('ok')]),
	});
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-web: AppArmor profile unconfined'));
	t.true(finding.evidence.includes('cis-db: no AppArmor profile (AppArmorProfile is empty)'));
	t.false(evidenceText(finding).includes('ok:'));
});

test('5.2 passes with docker-default', t => {
	const finding = audit('5.2', securityModules);
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('web: AppArmor profile docker-default'));
});

test('5.3 is not applicable without SELinux in the daemon', t => {
	t.is(audit('5.3').status, 'skip');
});

test('5.3 warns for label=disable (SELinux off) and for missing labels', t => {
	const finding = audit('5.3', {
		...securityModules,
		...withContainers([
			makeContainer('off', {HostConfig: {SecurityOpt: ['label=disable']}}),
			makeContainer('off2', {HostConfig: {SecurityOpt: ['label:disable']}}),
			makeContainer('bare'),
			makeContainer('labelled', {HostConfig: {SecurityOpt: ['label=level:s0:c100,c200']}}),
		]),
	});
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('off: --security-opt label=disable: SELinux is off for this container'));
	t.true(finding.evidence.includes('off2: --security-opt label:disable: SELinux is off for this container'));
	t.true(finding.evidence.includes('bare: no SELinux label options in SecurityOpt'));
	t.false(evidenceText(finding).includes('labelled:'));
});

test('5.3 passes with label options', t => {
	const finding = audit('5.3', {...securityModules, ...one('labelled', {HostConfig: {SecurityOpt: ['label=type:svirt_apache_t']}})});
	t.is(finding.status, 'pass');
});

// 5.4 / 5.5 ---------------------------------------------------------------------------------------

test('5.4 warns for added capabilities, naming them', t => {
	const finding = audit('5.4', one('cis-web', {HostConfig: {CapAdd: ['NET_ADMIN', 'SYS_ADMIN']}}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-web: --cap-add NET_ADMIN, SYS_ADMIN'));
});

test('5.4 says --cap-add ALL is the worst', t => {
	const finding = audit('5.4', one('cis-web', {HostConfig: {CapAdd: ['ALL']}}));
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /cis-web: --cap-add ALL: every capability, the worst case/);
});

test('5.4 passes when nothing is added and mentions --cap-drop ALL as good', t => {
	t.is(audit('5.4').status, 'pass');
	const finding = audit('5.4', one('tight', {HostConfig: {CapDrop: ['ALL']}}));
	t.is(finding.status, 'pass');
	t.regex(evidenceText(finding), /tight: --cap-drop ALL: runs without any capability \(good\)/);
});

test('5.4 accepts --cap-drop ALL with default capabilities added back, not beyond', t => {
	t.is(audit('5.4', one('tight', {HostConfig: {CapDrop: ['ALL'], CapAdd: ['NET_BIND_SERVICE']}})).status, 'pass');
	const finding = audit('5.4', one('tight', {HostConfig: {CapDrop: ['ALL'], CapAdd: ['NET_BIND_SERVICE', 'CAP_SYS_PTRACE']}}));
	t.is(finding.status, 'warn');
	t.regex(evidenceText(finding), /tight: --cap-add NET_BIND_SERVICE, CAP_SYS_PTRACE \(beyond the default set: CAP_SYS_PTRACE\), after --cap-drop ALL/);
});

test('5.5 reports a stopped privileged container and says every container was considered', t => {
	const finding = audit('5.5', withContainers([makeContainer('web'), makeContainer('cis-priv', {...stopped, HostConfig: {Privileged: true}})]));
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], '2 containers considered, running or not (docker ps --all): web (running), cis-priv (exited)');
	t.true(finding.evidence.includes('cis-priv: --privileged (exited)'));
	t.is(audit('5.5').status, 'pass');
});

// 5.6 ---------------------------------------------------------------------------------------------

const bind = (Source: string, Destination: string, RW = true): ContainerInspect['Mounts'][number] => ({Type: 'bind', Source, Destination, RW, Mode: RW ? '' : 'ro', Propagation: 'rprivate'});

test('5.6 warns for /etc mounted read-only, saying ro', t => {
	const finding = audit('5.6', one('cis-web', {Mounts: [bind('/etc', '/host/etc', false)]}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-web: /etc → /host/etc (ro)'));
});

test('5.6 warns for / and subdirectories read-write, saying rw is worse', t => {
	const finding = audit('5.6', one('cis-web', {Mounts: [bind('/', '/host'), bind('/etc/nginx', '/etc/nginx')]}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-web: / → /host (rw), /etc/nginx → /etc/nginx (rw)'));
	t.regex(evidenceText(finding), /rw mounts let the container change these host files, which is worse/);
});

test('5.6 ignores /usr2, /etcetera, other directories and volumes', t => {
	const finding = audit('5.6', one('app', {Mounts: [
		bind('/usr2', '/a'),
		bind('/etcetera', '/b'),
		bind('/srv/app', '/c'),
		{Type: 'volume', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true},
	]}));
	t.is(finding.status, 'pass');
});

// 5.7 ---------------------------------------------------------------------------------------------

const top = (name: string, commands: string[], error?: string) => ({
	name,
	id: `${name}-id`,
	processes: commands.map((command, index) => ({user: 'root', pid: String(100 + index), command})),
	...(error === undefined ? {} : {error}),
});

test('5.7 warns for sshd among the container\'s own processes', t => {
	const finding = audit('5.7', {processes: {reachable: true, containers: [top('cis-ssh', ['/usr/sbin/sshd -D']), top('web', ['nginx: master process'])]}});
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-ssh: sshd runs as root (pid 100): /usr/sbin/sshd -D'));
	t.is(finding.summary, 'sshd runs in containers: cis-ssh (1 of 2)');
});

test('5.7 does not count a --pid=host container unless sshd is in its own top', t => {
	const facts: FactOverrides = {
		...one('cis-pidhost', {HostConfig: {PidMode: 'host'}}),
		processes: {reachable: true, containers: [top('cis-pidhost', ['sleep infinity'])]},
	};
	t.is(audit('5.7', facts).status, 'pass');
});

test('5.7 matches the program, never a substring', t => {
	t.true(isSshd('sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups'));
	t.true(isSshd('sshd: root@pts/0'));
	t.true(isSshd('sshd -D'));
	t.false(isSshd('/usr/bin/sshd-keygen-wrapper'));
	t.false(isSshd('grep sshd'));
	t.false(isSshd('/bin/sh -c /usr/sbin/sshd'));
	const finding = audit('5.7', {processes: {reachable: true, containers: [top('web', ['/usr/bin/sshd-keygen-wrapper', 'grep sshd'])]}});
	t.is(finding.status, 'pass');
});

test('5.7 lists a failed docker top; error only when nothing else decides', t => {
	const failed = audit('5.7', {processes: {reachable: true, containers: [top('broken', [], 'container is restarting'), top('web', ['nginx'])]}});
	t.is(failed.status, 'error');
	t.true(failed.evidence.includes('broken: could not list its processes: container is restarting'));
	const decided = audit('5.7', {processes: {reachable: true, containers: [top('broken', [], 'container is restarting'), top('cis-ssh', ['sshd: /usr/sbin/sshd -D'])]}});
	t.is(decided.status, 'warn');
	t.true(decided.evidence.includes('broken: could not list its processes: container is restarting'));
});

// 5.8 / 5.9 / 5.14 --------------------------------------------------------------------------------

const ports = (map: Record<string, Array<{HostIp: string; HostPort: string}> | null>) => ({NetworkSettings: {Ports: map}});

test('5.8 warns for a host port below 1024, once per port', t => {
	const finding = audit('5.8', one('cis-web', ports({'80/tcp': [{HostIp: '0.0.0.0', HostPort: '80'}, {HostIp: '::', HostPort: '80'}], '8443/tcp': [{HostIp: '0.0.0.0', HostPort: '8443'}]})));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-web: host port 80 → 80/tcp'));
});

test('5.8 passes for high host ports', t => {
	t.is(audit('5.8').status, 'pass');
});

test('5.9 notes each container\'s published and exposed ports', t => {
	const finding = audit('5.9', withContainers([
		makeContainer('cis-web', ports({'80/tcp': [{HostIp: '0.0.0.0', HostPort: '8080'}], '443/tcp': null})),
		makeContainer('quiet'),
	]));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('cis-web: publishes 0.0.0.0:8080 → 80/tcp; exposes without publishing 443/tcp'));
	t.true(finding.evidence.includes('quiet: publishes no ports'));
});

test('5.14 warns for ports on every interface and passes for a specific address', t => {
	const warn = audit('5.14', one('cis-web', ports({'80/tcp': [{HostIp: '0.0.0.0', HostPort: '8080'}, {HostIp: '::', HostPort: '8080'}]})));
	t.is(warn.status, 'warn');
	t.true(warn.evidence.includes('cis-web: 0.0.0.0:8080 → 80/tcp, [::]:8080 → 80/tcp (every host interface)'));
	const empty = audit('5.14', one('cis-web', ports({'80/tcp': [{HostIp: '', HostPort: '8080'}]})));
	t.is(empty.status, 'warn');
	const pass = audit('5.14', one('local', ports({'80/tcp': [{HostIp: '127.0.0.1', HostPort: '8080'}]})));
	t.is(pass.status, 'pass');
	t.true(pass.evidence.includes('local: bound to specific addresses: 127.0.0.1:8080 → 80/tcp'));
});

// Namespaces --------------------------------------------------------------------------------------

test('host namespace checks warn naming the container and the mode', t => {
	const cases = [
		['5.10', {NetworkMode: 'host'}, 'cis-ns: --network=host (HostConfig.NetworkMode is host)'],
		['5.16', {PidMode: 'host'}, 'cis-ns: --pid=host (HostConfig.PidMode is host)'],
		['5.17', {IpcMode: 'host'}, 'cis-ns: --ipc=host (HostConfig.IpcMode is host)'],
		['5.21', {UTSMode: 'host'}, 'cis-ns: --uts=host (HostConfig.UTSMode is host)'],
		['5.31', {UsernsMode: 'host'}, 'cis-ns: --userns=host (HostConfig.UsernsMode is host)'],
	] as const;
	for (const [id, hostConfig, line] of cases) {
		const finding = audit(id, withContainers([makeContainer('cis-ns', {HostConfig: hostConfig}), makeContainer('web')]));
		t.is(finding.status, 'warn', id);
		t.true(finding.evidence.includes(line), id);
		t.false(finding.evidence.some(evidence => evidence.startsWith('web:') && !evidence.includes(' in the container = ')), id);
		t.is(audit(id).status, 'pass', id);
	}
});

test('5.31 lists each running container\'s init uid in the container and on the host', t => {
	const web = makeContainer('cis-web');
	const legacy = makeContainer('cis-legacy', {HostConfig: {UsernsMode: 'host'}});
	const listing = (container: ContainerInspect, pid: string, hostUid: number) => ({name: container.Name, id: container.Id, via: 'proc' as const, processes: [{user: 'root', pid, command: 'sleep 600', hostUid, containerUid: 0}]});
	const finding = audit('5.31', {
		...withContainers([web, legacy]),
		processes: {reachable: true, containers: [listing(web, '2590', 100_000), listing(legacy, '2612', 0)], dockremap: {subuid: [{start: 100_000, count: 65_536}], subgid: []}},
	});
	t.is(finding.status, 'warn');
	t.deepEqual(finding.evidence.slice(1), [
		'cis-legacy: --userns=host (HostConfig.UsernsMode is host)',
		'cis-web: uid 0 in the container = uid 100000 on the host (pid 2590; dockremap range 100000-165535 from /etc/subuid)',
		'cis-legacy: uid 0 in the container = uid 0 on the host (pid 2612; --userns=host: not remapped)',
	]);

	const unmapped = audit('5.31');
	t.is(unmapped.status, 'pass');
	t.true(unmapped.evidence.includes('web: uid 0 in the container = uid 0 on the host (pid 4242)'), evidenceText(unmapped));

	const viaTop = audit('5.31', {processes: {containers: [{name: 'web', id: makeContainer('web').Id, via: 'top', processes: [{user: 'root', pid: '4242', command: 'nginx'}]}]}});
	t.true(viaTop.evidence.includes('web: uids not visible: the container\'s processes were listed through docker top'), evidenceText(viaTop));
});

// Limits ------------------------------------------------------------------------------------------

test('5.11 warns without a memory limit and passes with one', t => {
	const finding = audit('5.11');
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('web: no memory limit (HostConfig.Memory is 0; set --memory)'));
	const pass = audit('5.11', one('web', {HostConfig: {Memory: 512 * mib}}));
	t.is(pass.status, 'pass');
	t.true(pass.evidence.includes('web: --memory 512 MiB'));
});

test('5.12 warns for default CPU shares and passes for shares, --cpus or a quota', t => {
	t.is(audit('5.12').status, 'warn');
	t.regex(evidenceText(audit('5.12', one('w', {HostConfig: {CpuShares: 1024}}))), /w: CPU shares not set \(CpuShares 1024/);
	t.is(audit('5.12', one('w', {HostConfig: {CpuShares: 512}})).status, 'pass');
	t.true(audit('5.12', one('w', {HostConfig: {NanoCpus: 1_500_000_000}})).evidence.includes('w: --cpus 1.5'));
	t.is(audit('5.12', one('w', {HostConfig: {CpuShares: 1024, CpuQuota: 50_000}})).status, 'pass');
});

test('5.13 warns for a writable root filesystem', t => {
	const finding = audit('5.13');
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('web: root filesystem is writable (ReadonlyRootfs is false; no --read-only)'));
	t.is(audit('5.13', one('w', {HostConfig: {ReadonlyRootfs: true}})).status, 'pass');
});

test('5.29 warns for null, 0 and -1 PIDs limits', t => {
	for (const PidsLimit of [null, 0, -1]) {
		const finding = audit('5.29', one('cis-web', {HostConfig: {PidsLimit}}));
		t.is(finding.status, 'warn', String(PidsLimit));
		t.regex(finding.evidence[1], /^cis-web: no PIDs limit/);
	}

	t.true(audit('5.29', one('w', {HostConfig: {PidsLimit: 100}})).evidence.includes('w: --pids-limit 100'));
});

// 5.15 --------------------------------------------------------------------------------------------

test('5.15 passes for no policy and on-failure up to 5, warns otherwise', t => {
	const cases: Array<[string, number, Finding['status']]> = [
		['no', 0, 'pass'],
		['', 0, 'pass'],
		['on-failure', 5, 'pass'],
		['on-failure', 1, 'pass'],
		['on-failure', 0, 'warn'],
		['on-failure', 6, 'warn'],
		['always', 0, 'warn'],
		['unless-stopped', 0, 'warn'],
	];
	for (const [Name, MaximumRetryCount, status] of cases) {
		t.is(audit('5.15', one('cis-web', {HostConfig: {RestartPolicy: {Name, MaximumRetryCount}}})).status, status, `${Name}:${MaximumRetryCount}`);
	}

	t.true(audit('5.15', one('cis-web', {HostConfig: {RestartPolicy: {Name: 'always', MaximumRetryCount: 0}}})).evidence.includes('cis-web: --restart always (restarts without limit; use on-failure:5)'));
	t.regex(evidenceText(audit('5.15', one('cis-web', {HostConfig: {RestartPolicy: {Name: 'on-failure', MaximumRetryCount: 0}}}))), /cis-web: --restart on-failure with no retry limit/);
});

// Manual checks -----------------------------------------------------------------------------------

test('5.18 notes host devices, and says so when there are none', t => {
	const finding = audit('5.18', one('cis-dev', {HostConfig: {Devices: [{PathOnHost: '/dev/ttyUSB0', PathInContainer: '/dev/ttyUSB0', CgroupPermissions: 'rwm'}]}}));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('cis-dev: --device /dev/ttyUSB0 → /dev/ttyUSB0 (rwm)'));
	const none = audit('5.18');
	t.is(none.status, 'note');
	t.is(none.summary, 'No running container is given host devices');
});

test('5.19 notes ulimit overrides and the containers on the defaults', t => {
	const finding = audit('5.19', withContainers([makeContainer('cis-ul', {HostConfig: {Ulimits: [{Name: 'nofile', Soft: 1024, Hard: 2048}]}}), makeContainer('web')]));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('cis-ul: --ulimit nofile=1024:2048'));
	t.true(finding.evidence.includes('use the daemon\'s default ulimits: web'));
});

test('5.24 notes exec instances run as root', t => {
	const execs: ExecInstance[] = [
		{containerName: 'web', id: 'aaaaaaaaaaaaaaaa', privileged: false, user: 'root', command: 'sh'},
		{containerName: 'web', id: 'bbbbbbbbbbbbbbbb', privileged: false, user: '0:0', command: 'id'},
		{containerName: 'web', id: 'cccccccccccccccc', privileged: false, user: 'nginx', command: 'ls'},
	];
	const finding = audit('5.24', withContainers([makeContainer('web')], execs));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('web: exec aaaaaaaaaaaa --user root: sh'));
	t.true(finding.evidence.includes('web: exec bbbbbbbbbbbb --user 0:0: id'));
	t.false(evidenceText(finding).includes('cccc'));
	t.true(isRootUser('root:root'));
	t.false(isRootUser('rooty'));
	t.is(audit('5.24').status, 'note');
});

test('5.28 notes each running container\'s image and how it is pinned', t => {
	const finding = audit('5.28', withContainers([makeContainer('web'), makeContainer('cis-latest', {Config: {Image: 'busybox'}})]));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('web: nginx:1.25 (tag 1.25; image a8758716bb6a)'));
	t.regex(evidenceText(finding), /cis-latest: busybox \(mutable :latest tag/);
});

test('5.30 notes containers on the default bridge', t => {
	const finding = audit('5.30', withContainers([makeContainer('web'), hardened]));
	t.is(finding.status, 'note');
	t.true(finding.evidence.includes('web: attached to the default bridge (docker0)'));
	t.true(finding.evidence.includes('not on docker0: cis-hardened (appnet)'));
});

// 5.20 / 5.22 / 5.23 / 5.25 -----------------------------------------------------------------------

test('5.20 warns for shared and rshared propagation, naming the mount', t => {
	const finding = audit('5.20', one('cis-prop', {Mounts: [{...bind('/srv/data', '/data'), Propagation: 'rshared'}, bind('/srv/x', '/x')]}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-prop: /srv/data → /data (rshared)'));
	t.is(audit('5.20').status, 'pass');
});

test('5.22 warns for seccomp unconfined in both spellings and for privileged containers', t => {
	const finding = audit('5.22', withContainers([
		makeContainer('a', {HostConfig: {SecurityOpt: ['seccomp=unconfined']}}),
		makeContainer('b', {HostConfig: {SecurityOpt: ['seccomp:unconfined']}}),
		makeContainer('c', {HostConfig: {Privileged: true}}),
		makeContainer('d', {HostConfig: {SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ERRNO"}']}}),
		makeContainer('e'),
	]));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('a: --security-opt seccomp=unconfined'));
	t.true(finding.evidence.includes('b: --security-opt seccomp:unconfined'));
	t.regex(evidenceText(finding), /c: --privileged: Docker applies no seccomp profile/);
	t.is(finding.summary, 'Running containers without seccomp filtering: a, b, c (3 of 5)');
	t.is(audit('5.22').status, 'pass');
});

test('5.22 warns when the daemon default seccomp profile is unconfined', t => {
	const finding = audit('5.22', {docker: {info: fixtureInfo({SecurityOptions: ['name=seccomp,profile=unconfined']})}});
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('web: no seccomp profile (the daemon default profile is unconfined)'));
});

test('5.23 warns for a privileged exec and passes saying how many were seen', t => {
	const execs: ExecInstance[] = [{containerName: 'web', id: '0123456789abcdef', privileged: true, user: '', command: 'sh -c id'}, {containerName: 'web', id: 'fedcba9876543210', privileged: false, user: '', command: 'ls'}];
	const finding = audit('5.23', withContainers([makeContainer('web')], execs));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('web: exec 0123456789ab --privileged: sh -c id'));
	const pass = audit('5.23', withContainers([makeContainer('web')], execs.slice(1)));
	t.is(pass.status, 'pass');
	t.regex(evidenceText(pass), /1 exec instance seen .*, none privileged/);
});

test('5.25 warns for a cgroup parent', t => {
	const finding = audit('5.25', one('cis-cg', {HostConfig: {CgroupParent: '/custom'}}));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-cg: --cgroup-parent /custom (confirm it is intended)'));
	t.is(audit('5.25').status, 'pass');
});

// 5.26 / 5.27 -------------------------------------------------------------------------------------

test('5.26 accepts every spelling of no-new-privileges and warns without it', t => {
	for (const option of ['no-new-privileges', 'no-new-privileges:true', 'no-new-privileges=true']) {
		t.is(audit('5.26', one('w', {HostConfig: {SecurityOpt: [option]}})).status, 'pass', option);
	}

	const finding = audit('5.26');
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('web: no --security-opt no-new-privileges'));
});

test('5.26 passes from the daemon-wide setting and says so, unless a container opts out', t => {
	const daemon = {daemon: {configFile: daemonJson({'no-new-privileges': true})}};
	const finding = audit('5.26', daemon);
	t.is(finding.status, 'pass');
	t.true(finding.evidence.includes('no-new-privileges is true in /etc/docker/daemon.json'));
	t.true(finding.evidence.includes('web: no-new-privileges from the daemon-wide setting'));
	const optOut = audit('5.26', {...daemon, ...one('cis-out', {HostConfig: {SecurityOpt: ['no-new-privileges=false']}})});
	t.is(optOut.status, 'warn');
	t.true(optOut.evidence.includes('cis-out: --security-opt no-new-privileges=false: opts out of no-new-privileges'));
});

test('5.27 warns without a health check or with NONE', t => {
	t.true(audit('5.27').evidence.includes('web: no health check (neither the image nor docker run defines one)'));
	const none = audit('5.27', one('w', {Config: {Healthcheck: {Test: ['NONE']}}}));
	t.is(none.status, 'warn');
	t.regex(evidenceText(none), /w: health check disabled/);
	t.is(audit('5.27', one('w', {Config: {Healthcheck: {Test: ['CMD', 'curl', '-f', 'http://localhost/']}}})).status, 'pass');
});

// 5.32 --------------------------------------------------------------------------------------------

test('5.32 warns for docker.sock mounted anywhere', t => {
	const finding = audit('5.32', withContainers([
		makeContainer('cis-sock', {Mounts: [bind('/var/run/docker.sock', '/tmp/x')]}),
		makeContainer('cis-run', {Mounts: [bind('/run/docker.sock', '/var/run/docker.sock', false)]}),
		makeContainer('cis-dir', {Mounts: [bind('/var/run', '/host/run')]}),
		makeContainer('web'),
	]));
	t.is(finding.status, 'warn');
	t.true(finding.evidence.includes('cis-sock: /var/run/docker.sock → /tmp/x (rw)'));
	t.true(finding.evidence.includes('cis-run: /run/docker.sock → /var/run/docker.sock (ro)'));
	t.true(finding.evidence.includes('cis-dir: /var/run → /host/run (rw): contains docker.sock'));
	t.is(finding.summary, 'Running containers that mount the Docker socket: cis-sock, cis-run, cis-dir (3 of 4)');
});

test('5.32 recognises the socket by path, not by name alone', t => {
	t.true(isDockerSocket('/run/user/1000/docker.sock'));
	t.false(isDockerSocket('/srv/docker.sock'));
	t.false(isDockerSocket('/var/run/docker.socket'));
	t.true(isDockerSocket('/srv/docker/api.sock', '/srv/docker/api.sock'), 'the socket of the Docker host in use, wherever it lives');
	t.is(audit('5.32').status, 'pass');
});

test('5.31 under a rootless daemon: --userns=host shares the daemon\'s own user namespace, not the host\'s', t => {
	const overrides = one('cis-ns', {HostConfig: {UsernsMode: 'host'}});
	t.is(audit('5.31', overrides).status, 'warn');
	const rootless = audit('5.31', {...overrides, daemon: {rootless: {uid: 1001, user: 'rose'}}});
	t.is(rootless.status, 'pass');
	t.true(rootless.evidence.some(line => line.includes('cis-ns: --userns=host shares the user namespace of the rootless daemon (uid 1001), not the host\'s')));
});
