import test from 'ava';
import {catalogueOf} from '../../source/benchmark/catalogue.js';
import {auditDevicemapper, devicemapperCheck} from '../../source/benchmark/checks/storage-driver.js';
import type {Facts} from '../../source/model/facts.js';
import {guardedFacts} from '../helpers/needs.js';
import {daemonJson, defaultDaemonFlags, fixtureInfo, makeFacts, malformedDaemonJson, unreachableDocker, type FactOverrides} from '../helpers/fixture-facts.js';

/** v1.8.0's 2.7 on fixture facts, through the runner's guard: it may read only the facts it declares. */
const audit = (overrides: FactOverrides = {}) => auditDevicemapper(guardedFacts('2.7', devicemapperCheck.needs, makeFacts(overrides) as Facts));
const file = (config: Record<string, unknown>): FactOverrides['daemon'] => ({configFile: daemonJson(config)});
const driver = (name: string | undefined): FactOverrides['docker'] => ({info: fixtureInfo({Driver: name})});

test('2.7 of v1.8.0 is the devicemapper check, evaluated by its own audit', t => {
	const check = catalogueOf('1.8.0').findCheck('2.7')!;
	t.is(check.title, 'Ensure devicemapper storage driver is not used');
	t.is(check.audit, devicemapperCheck.audit);
	t.is(catalogueOf('1.6.0').findCheck('2.7')!.title, 'Ensure TLS authentication for Docker daemon is configured');
});

test('2.7 passes on overlay2, saying what docker info shows and that nothing configures a driver', t => {
	const finding = audit({docker: driver('overlay2')});
	t.is(finding.status, 'pass');
	t.is(finding.summary, 'The devicemapper storage driver is not used');
	t.regex(finding.evidence[0]!, /storage-driver is set neither in \/etc\/docker\/daemon\.json nor on the dockerd command line; docker info shows Driver: overlay2$/);
});

test('2.7 warns when the running daemon uses devicemapper', t => {
	const finding = audit({docker: driver('devicemapper')});
	t.is(finding.status, 'warn');
	t.is(finding.summary, 'The devicemapper storage driver is used');
	t.regex(finding.evidence[0]!, /Driver: devicemapper/);
});

test('2.7 warns from daemon.json naming devicemapper while another driver runs: the next start reads it', t => {
	const finding = audit({docker: driver('overlay2'), daemon: file({'storage-driver': 'devicemapper'})});
	t.is(finding.status, 'warn');
	t.is(finding.summary, 'The devicemapper storage driver is configured');
	t.regex(finding.evidence[0]!, /storage-driver is "devicemapper" in \/etc\/docker\/daemon\.json; docker info shows Driver: overlay2/);
	t.regex(finding.evidence[1]!, /next start reads storage-driver devicemapper, which Docker Engine 25\.0 and later refuse/);
});

test('2.7 warns from a --storage-driver devicemapper flag', t => {
	const finding = audit({docker: driver('overlay2'), daemon: {flags: {...defaultDaemonFlags, 'storage-driver': 'devicemapper'}}});
	t.is(finding.status, 'warn');
	t.regex(finding.evidence[0]!, /on the dockerd command line/);
});

test('2.7 warns from the configuration alone when the daemon does not answer: a devicemapper daemon.json is evidence on its own', t => {
	const finding = audit({docker: unreachableDocker('connection refused'), daemon: file({'storage-driver': 'devicemapper'})});
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /judged from the configuration, as docker is not reachable/);
	t.true(finding.evidence.some(line => /not reachable: connection refused/.test(line)));
	t.true(finding.evidence.some(line => /does not start on Docker Engine 25\.0 and later/.test(line)));
});

test('2.7 without an answer from the daemon: a configured overlay2 passes on the configuration, an unset driver cannot be confirmed', t => {
	t.is(audit({docker: unreachableDocker(), daemon: file({'storage-driver': 'overlay2'})}).status, 'pass');
	const unset = audit({docker: unreachableDocker('connection refused')});
	t.is(unset.status, 'error');
	t.regex(unset.summary, /no storage driver is configured/);
});

test('2.7 is an error when the daemon does not answer and daemon.json cannot be parsed; with the daemon answering, the running driver decides', t => {
	t.is(audit({docker: unreachableDocker(), daemon: {configFile: malformedDaemonJson()}}).status, 'error');
	const answering = audit({docker: driver('overlay2'), daemon: {configFile: malformedDaemonJson()}});
	t.is(answering.status, 'pass');
	t.true(answering.evidence.some(line => /not valid JSON|malformed|parse/i.test(line)));
});

test('2.7 with devicemapper case-insensitively in daemon.json warns', t => {
	t.is(audit({docker: driver('overlay2'), daemon: file({'storage-driver': 'DeviceMapper'})}).status, 'warn');
});
