import test from 'ava';
import {catalogueOf} from '../../source/benchmark/catalogue.js';
import type {Result} from '../../source/benchmark/types.js';
import {runChecks} from '../../source/benchmark/runner.js';
import {buildReport, type Report} from '../../source/report/report.js';
import {formatSarif, sarifResultStatuses} from '../../source/report/sarif.js';
import {applyWaivers} from '../../source/waivers/apply-waivers.js';
import {makeContainer, makeFacts} from '../helpers/fixture-facts.js';

// The waiver and the ids of these tests are v1.6.0's (2.9 is user namespaces); the format is the same in every version.
const {checks} = catalogueOf('1.6.0');

/** What GitHub code scanning reads of an upload. */
type Upload = {
	$schema?: string;
	version?: string;
	runs: Array<{
		tool: {driver: {name?: string; rules: Array<{id?: string}>}};
		automationDetails?: {id: string};
		originalUriBaseIds?: Record<string, {uri: string}>;
		results: Array<{
			ruleId?: string;
			ruleIndex: number;
			level: string;
			message: {text?: string};
			locations?: Array<{
				physicalLocation?: {artifactLocation?: {uri?: string; uriBaseId?: string}; region?: {startLine?: number}};
				logicalLocations?: Array<{kind: string; name: string; fullyQualifiedName: string}>;
			}>;
			partialFingerprints?: Record<string, string>;
			properties: {status: string};
		}>;
	}>;
};

/** The fixture host (one running container, web, publishing 8080 on every interface; no daemon.json; no audit rules) with a second container, root-run and privileged. */
async function fixtureResults(options: {secondName?: string; startedAt?: string} = {}): Promise<Result[]> {
	const facts = makeFacts();
	const second = makeContainer(options.secondName ?? 'db', {HostConfig: {Privileged: true}});
	const withTwo = {...facts, containers: {...facts.containers, all: [...(facts.containers.reachable ? facts.containers.all : []), second]}} as typeof facts;
	return applyWaivers(await runChecks(checks, {get: async name => withTwo[name]}), [{id: '2.9', reason: 'legacy images need root'}], '2026-01-01');
}

/** The report of a run at `startedAt` taking `durationMs`. */
function report(results: Result[], startedAt = '2026-03-04T05:06:07.000Z', durationMs = 2500): Report {
	return buildReport({version: '0.1.0', hostname: 'debian-host', dockerVersion: '20.10.24', root: '/', startedAt: new Date(startedAt), durationMs, checks, results});
}

/** A relative URI reference GitHub can store as a path: not empty, no scheme, no leading slash, nothing outside RFC 3986's characters. */
const relativeUri = /^(?![a-z][a-z\d+.-]*:)[A-Za-z\d\-._~!$&'()*+,;=:@%/]+$/;

test('every result has what GitHub requires of an upload: rule, message, a physical location with a URI, a region from line 1', async t => {
	const log = JSON.parse(formatSarif(report(await fixtureResults()), checks)) as Upload;
	t.is(log.version, '2.1.0');
	t.is(typeof log.$schema, 'string');
	const [run] = log.runs;
	t.is(run.tool.driver.name, 'dockwarden');
	t.true(run.tool.driver.rules.every(rule => typeof rule.id === 'string' && rule.id !== ''));
	t.is(run.automationDetails?.id, 'dockwarden/debian-host/', 'one category per host');
	t.is(run.originalUriBaseIds?.HOSTROOT.uri, 'file:///');
	t.true(run.results.length > 10);
	for (const result of run.results) {
		t.is(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
		t.true(typeof result.message.text === 'string' && result.message.text !== '');
		t.true(result.locations !== undefined && result.locations.length === 1, result.ruleId);
		const uri = result.locations![0].physicalLocation?.artifactLocation?.uri;
		t.true(typeof uri === 'string' && relativeUri.test(uri), `${result.ruleId}: ${uri}`);
		t.true(result.locations![0].physicalLocation!.region!.startLine! >= 1);
		t.regex(result.partialFingerprints?.['dockwardenFinding/v1'] ?? '', /^[\da-f]{64}$/);
		t.true(sarifResultStatuses.has(result.properties.status as never), 'GitHub makes an alert of every result: only warn, error and waived are uploaded');
	}
});

test('a finding about a file points at the file, one about containers is one result per container with a logical location', async t => {
	const log = JSON.parse(formatSarif(report(await fixtureResults()), checks)) as Upload;
	const results = log.runs[0].results;
	const watch = results.find(result => result.ruleId === '1.1.3')!;
	t.deepEqual(watch.locations![0].physicalLocation!.artifactLocation, {uri: 'usr/sbin/dockerd', uriBaseId: 'HOSTROOT'}, 'the audit watch is about the dockerd binary');
	const privileged = results.filter(result => result.ruleId === '5.5');
	t.is(privileged.length, 1, 'only db is privileged');
	t.deepEqual(privileged[0].locations![0].logicalLocations, [{kind: 'resource', name: 'db', fullyQualifiedName: 'containers/db'}]);
	t.is(privileged[0].locations![0].physicalLocation!.artifactLocation!.uri, 'docker-host/containers/db');
	const anyMany = results.filter(result => result.ruleId === '5.4' || result.ruleId === '5.11');
	t.true(anyMany.some(result => result.locations![0].logicalLocations![0].name === 'web') && anyMany.some(result => result.locations![0].logicalLocations![0].name === 'db'), 'a check that blames both containers is an alert for each');
	const fingerprints = results.map(result => result.partialFingerprints!['dockwardenFinding/v1']);
	t.is(new Set(fingerprints).size, fingerprints.length, 'no two results share a fingerprint');
	const daemon = results.find(result => result.ruleId === '2.2')!;
	t.deepEqual(daemon.locations![0].physicalLocation!.artifactLocation, {uri: 'etc/docker/daemon.json', uriBaseId: 'HOSTROOT'}, 'a daemon-wide finding points at the daemon\'s configuration');
	t.is(daemon.locations![0].logicalLocations![0].name, 'dockerd');
	t.true(results.some(result => result.ruleId === '2.9' && result.properties.status === 'waived'));
	t.false(results.some(result => result.properties.status === 'pass'));
});

test('fingerprints are the same in another run of the same findings, at another time, with other timings', async t => {
	const first = JSON.parse(formatSarif(report(await fixtureResults()), checks)) as Upload;
	const later = (await fixtureResults()).map(result => ({...result, durationMs: result.durationMs + 17, evidence: [...result.evidence, 'seen at 2026-03-05T01:02:03Z, pid 4711']}));
	const second = JSON.parse(formatSarif(report(later, '2026-03-05T01:02:03.000Z', 9000), checks)) as Upload;
	const prints = (log: Upload) => log.runs[0].results.map(result => `${result.ruleId} ${result.partialFingerprints!['dockwardenFinding/v1']}`);
	t.deepEqual(prints(second), prints(first));
	const renamed = JSON.parse(formatSarif(report(await fixtureResults({secondName: 'cache'})), checks)) as Upload;
	t.notDeepEqual(prints(renamed), prints(first), 'another container is another alert');
});

test('a hostile container name stays inside its pseudo path and prints no control characters', async t => {
	// The attacker controls a container's name as the Docker API reports it (a compromised or fake daemon): it must not leave
	// docker-host/containers/ in the URI, inject a scheme or a line, nor reach the log with raw control characters.
	const hostile = 'x/../../etc/passwd\n\u001B[31mred "quoted" \u202Eevil';
	const log = JSON.parse(formatSarif(report(await fixtureResults({secondName: hostile})), checks)) as Upload;
	const blamed = log.runs[0].results.filter(result => result.ruleId === '5.5');
	t.is(blamed.length, 1);
	const [location] = blamed[0].locations!;
	const uri = location.physicalLocation!.artifactLocation!.uri!;
	t.regex(uri, /^docker-host\/containers\/[^/]+$/);
	t.regex(uri, relativeUri);
	const {name} = location.logicalLocations![0];
	t.notRegex(name, /[\u0000-\u001F\u007F-\u009F\u202A-\u202E]/);
	t.notRegex(JSON.stringify(log), /\\u001b|\u001B|\u202E/);
});

test('a hostile file path stays under HOSTROOT', t => {
	// The attacker controls a path the host reports (a unit's FragmentPath, the dockerd behind /proc/PID/exe): its `..` segments must
	// not climb out of the host's root in the URI, nor its spaces and controls break the URI.
	const result: Result = {id: '3.1', status: 'warn', summary: 'docker.service is owned by 1000:1000', evidence: [], fixable: false, durationMs: 1, subjects: [{kind: 'file', path: '/lib/../../../root/.ssh/a b\u001B'}]};
	const log = JSON.parse(formatSarif(report([result]), checks)) as Upload;
	const uri = log.runs[0].results[0].locations![0].physicalLocation!.artifactLocation!.uri!;
	t.regex(uri, relativeUri);
	t.false(uri.split('/').includes('..'));
	t.is(uri, 'lib/%2E%2E/%2E%2E/%2E%2E/root/.ssh/a%20b%5Cx1b');
});
