import test from 'ava';
import {readsOnlyItsNeeds, type LooseLogic} from '../helpers/needs.js';
import type {SwarmFacts} from '../../source/model/facts.js';
import type {Finding} from '../../source/benchmark/types.js';
import {section7Text} from '../../source/benchmark/text/section-7-swarm.js';
import {
	defaultNodeCertExpiry,
	formatDuration,
	inactiveReason,
	section7Logic as section7LogicTable,
	workerReason,
} from '../../source/benchmark/checks/section-7-swarm.js';
import {makeFacts, type FactOverrides} from '../helpers/fixture-facts.js';

/** The section's logic looked up by any id string. */
const section7Logic: LooseLogic = section7LogicTable;

const ids = Array.from({length: 9}, (_, index) => `7.${index + 1}`);

const hour = 3_600_000_000_000;

type SwarmOverrides = Partial<Extract<SwarmFacts, {readonly reachable: true}>>;

/** A healthy three-manager swarm seen from one of its managers. */
const manager: SwarmOverrides = {
	state: 'active',
	isManager: true,
	managers: 3,
	nodes: 5,
	autoLock: true,
	nodeCertExpiry: defaultNodeCertExpiry,
	nodeAddress: '10.0.0.5',
	overlayNetworks: [{name: 'ingress', encrypted: true}, {name: 'appnet', encrypted: true}],
	services: [{name: 'api', ports: [{target: 8080}]}],
};

/** The same swarm seen from a worker: docker info only, as the fact gatherer reports it. */
const worker: SwarmOverrides = {state: 'active', isManager: false, nodeAddress: '10.0.0.7', overlayNetworks: [], services: []};

const unreachable: FactOverrides = {swarm: {reachable: false, error: 'connect ENOENT /var/run/docker.sock'}};

/** Runs one check's audit on fixture facts with these overrides. */
function audit(id: string, overrides: FactOverrides = {}): Finding {
	const logic = section7Logic[id];
	if (logic?.audit === undefined) {
		throw new Error(`no audit for ${id}`);
	}

	return logic.audit(makeFacts(overrides));
}

/** Runs one check on the manager fixture with some swarm fields changed. */
const onManager = (id: string, swarm: SwarmOverrides = {}): Finding => audit(id, {swarm: {...manager, ...swarm}});

const evidenceText = (finding: Finding): string => finding.evidence.join('\n');

// Catalogue shape -----------------------------------------------------------------------------------

test('section 7 has logic for every check with text, each reading only the swarm fact, none fixable', t => {
	t.deepEqual(Object.keys(section7Logic).sort(), Object.keys(section7Text).sort());
	t.deepEqual(Object.keys(section7Logic).sort(), ids);
	for (const id of ids) {
		t.is(typeof section7Logic[id].audit, 'function', id);
		t.is(section7Logic[id].planFix, undefined, id);
		t.deepEqual(section7Logic[id].needs, ['swarm'], id);
	}
});

test('each audit reads only the facts its needs list', t => {
	const variants: FactOverrides[] = [
		{},
		unreachable,
		{swarm: manager},
		{swarm: worker},
		{swarm: {state: 'locked', isManager: false}},
		{swarm: {state: 'pending', isManager: false}},
	];
	readsOnlyItsNeeds(t, section7Logic, variants.map(overrides => makeFacts(overrides)));
});

test('every finding has a one-line summary and evidence in every situation', t => {
	for (const overrides of [{}, unreachable, {swarm: manager}, {swarm: worker}, {swarm: {state: 'locked'}}]) {
		for (const id of ids) {
			const finding = audit(id, overrides);
			t.true(finding.summary.length > 0 && !finding.summary.includes('\n'), id);
			t.true(finding.evidence.length > 0, id);
		}
	}
});

// Situations ----------------------------------------------------------------------------------------

test('inactive swarm: 7.1 passes, every other check is skipped with the reason', t => {
	const first = audit('7.1');
	t.is(first.status, 'pass');
	t.is(first.summary, 'Swarm mode is inactive on this node, so no managers need checking');
	for (const id of ids.slice(1)) {
		const finding = audit(id);
		t.is(finding.status, 'skip', id);
		t.true(evidenceText(finding).includes(inactiveReason), id);
		t.regex(evidenceText(finding), /Swarm\.LocalNodeState inactive/, id);
	}
});

test('unreachable docker: every check is an error with the reason', t => {
	for (const id of ids) {
		const finding = audit(id, unreachable);
		t.is(finding.status, 'error', id);
		t.is(finding.summary, 'Cannot reach the Docker daemon: connect ENOENT /var/run/docker.sock', id);
	}
});

test('worker node: checks needing manager data are skipped, 7.9 still notes the node address', t => {
	for (const id of ['7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8']) {
		const finding = audit(id, {swarm: worker});
		t.is(finding.status, 'skip', id);
		t.true(finding.evidence.includes(workerReason), id);
		t.true(finding.evidence.includes('this node\'s swarm address is 10.0.0.7 (docker info Swarm.NodeAddr)'), id);
	}

	const dataPath = audit('7.9', {swarm: worker});
	t.is(dataPath.status, 'note');
	t.regex(dataPath.summary, /10\.0\.0\.7/);
});

test('worker node: 7.1 judges the manager count when docker info gives it', t => {
	const finding = audit('7.1', {swarm: {...worker, managers: 2, nodes: 6}});
	t.is(finding.status, 'warn');
	t.regex(finding.evidence[0], /^2 managers of 6 nodes/);
});

test('locked manager: 7.5 passes, 7.6 and 7.9 note, the others are errors saying to unlock', t => {
	const swarm: FactOverrides = {swarm: {state: 'locked', isManager: false, nodeAddress: '10.0.0.5'}};
	t.is(audit('7.5', swarm).status, 'pass');
	t.regex(evidenceText(audit('7.5', swarm)), /only happens when auto-lock is on/);
	t.is(audit('7.6', swarm).status, 'note');
	t.is(audit('7.9', swarm).status, 'note');
	for (const id of ['7.1', '7.2', '7.3', '7.4', '7.7', '7.8']) {
		const finding = audit(id, swarm);
		t.is(finding.status, 'error', id);
		t.regex(finding.summary, /docker swarm unlock/, id);
	}
});

test('pending or errored swarm: checks are errors naming the state', t => {
	for (const id of ids) {
		const finding = audit(id, {swarm: {state: 'pending', isManager: false}});
		t.is(finding.status, 'error', id);
		t.regex(finding.summary, /Swarm mode is pending on this node/, id);
	}
});

// 7.1 -----------------------------------------------------------------------------------------------

test('7.1 passes for 1, 3, 5 and 7 managers, naming the count and the nodes', t => {
	for (const managers of [1, 3, 5, 7]) {
		const finding = onManager('7.1', {managers, nodes: 9});
		t.is(finding.status, 'pass', String(managers));
		t.regex(finding.evidence[0], new RegExp(`^${managers} managers? of 9 nodes`));
	}

	t.is(onManager('7.1').evidence[1], '3 managers tolerate the loss of 1 manager');
});

test('7.1 warns for 2 managers, an even number', t => {
	const finding = onManager('7.1', {managers: 2, nodes: 4});
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /2 managers, an even number/);
	t.regex(finding.evidence[0], /^2 managers of 4 nodes/);
	t.regex(evidenceText(finding), /tolerate the loss of 0 managers, no more than 1 manager/);
});

test('7.1 warns for more than 7 managers', t => {
	const finding = onManager('7.1', {managers: 9, nodes: 20});
	t.is(finding.status, 'warn');
	t.regex(finding.summary, /9 managers, more than the 7/);
});

test('7.1 is an error when a manager does not report the count', t => {
	t.is(onManager('7.1', {managers: undefined}).status, 'error');
});

// 7.2 -----------------------------------------------------------------------------------------------

test('7.2 warns when a swarm port listens on every interface, naming the socket and the ingress ports', t => {
	const finding = onManager('7.2', {
		listeners: [{address: '0.0.0.0', port: 2377}, {address: '10.0.0.5', port: 7946}],
		services: [
			{name: 'web', ports: [{published: 8080, target: 80, mode: 'ingress'}]},
			{name: 'api', ports: [{target: 8080}]},
		],
	});
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], '2377/tcp listens on 0.0.0.0 (every interface)');
	t.is(finding.evidence[1], '7946/tcp listens on 10.0.0.5');
	t.regex(evidenceText(finding), /--listen-addr/);
	t.regex(evidenceText(finding), /service web publishes port 8080 \(to 80 in the tasks\) in ingress mode/);
	t.notRegex(evidenceText(finding), /service api/);
});

test('7.2 treats [::] as every interface and a published port without a mode as ingress', t => {
	const finding = onManager('7.2', {listeners: [{address: '::', port: 2377}], services: [{name: 'web', ports: [{published: 80}]}]});
	t.is(finding.status, 'warn');
	t.is(finding.evidence[0], '2377/tcp listens on [::] (every interface)');
	t.regex(evidenceText(finding), /service web publishes port 80 in ingress mode/);
});

test('7.2 passes when the swarm ports listen on one address, and notes when they are not found', t => {
	t.is(onManager('7.2', {listeners: [{address: '10.0.0.5', port: 2377}, {address: '10.0.0.5', port: 7946}]}).status, 'pass');
	const unknown = onManager('7.2');
	t.is(unknown.status, 'note');
	t.regex(evidenceText(unknown), /10\.0\.0\.5/);
});

// 7.3 -----------------------------------------------------------------------------------------------

test('7.3 warns naming each unencrypted overlay network, ingress as the built-in one', t => {
	const finding = onManager('7.3', {overlayNetworks: [
		{name: 'ingress', encrypted: false},
		{name: 'appnet', encrypted: false},
		{name: 'secure', encrypted: true},
	]});
	t.is(finding.status, 'warn');
	t.is(finding.summary, '2 overlay networks are not encrypted: ingress, appnet');
	t.true(finding.evidence.includes('overlay network ingress (the built-in routing-mesh network) is not encrypted (no encrypted option)'));
	t.true(finding.evidence.includes('overlay network appnet is not encrypted (no encrypted option)'));
	t.regex(evidenceText(finding), /--ingress -d overlay --opt encrypted ingress/);
	t.true(finding.evidence.includes('encrypted: secure'));
});

test('7.3 passes when every overlay network is encrypted, and when there are none', t => {
	const all = onManager('7.3');
	t.is(all.status, 'pass');
	t.is(all.summary, 'All 2 overlay networks are encrypted');
	t.is(onManager('7.3', {overlayNetworks: []}).status, 'pass');
});

// 7.4 -----------------------------------------------------------------------------------------------

test('7.4 notes docker secret and lists the services', t => {
	const finding = onManager('7.4', {services: [{name: 'api', ports: []}, {name: 'db', ports: []}]});
	t.is(finding.status, 'note');
	t.regex(finding.summary, /2 swarm services .* docker secret, not environment variables/);
	t.is(finding.evidence[0], '2 services: api, db');
	t.is(onManager('7.4', {services: []}).status, 'note');
});

// 7.5 / 7.6 -----------------------------------------------------------------------------------------

test('7.5 passes with auto-lock on and warns with it off', t => {
	t.is(onManager('7.5').status, 'pass');
	const off = onManager('7.5', {autoLock: false});
	t.is(off.status, 'warn');
	t.true(off.evidence.includes('docker swarm inspect shows Spec.EncryptionConfig.AutoLockManagers false'));
});

test('7.6 notes unlock-key rotation with auto-lock on, and is skipped without auto-lock', t => {
	const on = onManager('7.6');
	t.is(on.status, 'note');
	t.regex(on.summary, /docker swarm unlock-key --rotate/);
	const off = onManager('7.6', {autoLock: false});
	t.is(off.status, 'skip');
	t.regex(off.summary, /no unlock key to rotate/);
});

// 7.7 -----------------------------------------------------------------------------------------------

test('formatDuration writes days and hours', t => {
	t.is(formatDuration(defaultNodeCertExpiry), '90 days');
	t.is(formatDuration(720 * hour), '30 days');
	t.is(formatDuration(36 * hour), '1 day 12 hours');
	t.is(formatDuration(5 * hour), '5 hours');
	t.is(formatDuration(hour / 2), '30 minutes');
});

test('7.7 notes the node certificate lifetime against the 90-day default', t => {
	const byDefault = onManager('7.7');
	t.is(byDefault.status, 'note');
	t.regex(byDefault.summary, /valid for 90 days/);
	t.is(byDefault.evidence[0], 'docker swarm inspect shows Spec.CAConfig.NodeCertExpiry 2160h (90 days), the default of 90 days');
	const long = onManager('7.7', {nodeCertExpiry: 8760 * hour});
	t.regex(long.evidence[0], /8760h \(365 days\), longer than the default/);
	const unknown = onManager('7.7', {nodeCertExpiry: undefined});
	t.is(unknown.status, 'note');
	t.regex(unknown.summary, /default is 90 days/);
});

// 7.8 / 7.9 -----------------------------------------------------------------------------------------

test('7.8 notes CA rotation with docker swarm ca --rotate', t => {
	const finding = onManager('7.8');
	t.is(finding.status, 'note');
	t.regex(finding.summary, /docker swarm ca --rotate/);
	t.regex(evidenceText(finding), /all 5 nodes/);
});

test('7.9 notes the node address and --data-path-addr', t => {
	const finding = onManager('7.9');
	t.is(finding.status, 'note');
	t.is(finding.evidence[0], 'this node\'s swarm address is 10.0.0.5 (docker info Swarm.NodeAddr)');
	t.regex(evidenceText(finding), /--data-path-addr/);
	const noAddress = onManager('7.9', {nodeAddress: undefined});
	t.regex(noAddress.evidence[0], /does not show this node's swarm address/);
});
