import fs from 'node:fs';
import test from 'ava';
import {catalogueOf, sections} from '../../source/benchmark/catalogue.js';
import type {Result} from '../../source/benchmark/types.js';
import {runChecks} from '../../source/benchmark/runner.js';
import {dockerBenchScore, formatDockerBench} from '../../source/report/docker-bench.js';
import {buildReport, type Report} from '../../source/report/report.js';
import {applyWaivers} from '../../source/waivers/apply-waivers.js';
import {makeFacts} from '../helpers/fixture-facts.js';

// The waiver and the ids of these tests are v1.6.0's (2.9 is user namespaces); the format is the same in every version.
const {checks} = catalogueOf('1.6.0');

/** A real log of Docker Bench 1.6.0, from a host with one container (sections 4 and 5). */
const example: unknown = JSON.parse(fs.readFileSync(new URL('../fixtures/docker-bench-log-example.json', import.meta.url), 'utf8'));

/** The type of a JSON value as the shape compares it. */
function kind(value: unknown): string {
	if (Array.isArray(value)) {
		return 'array';
	}

	return value === null ? 'null' : typeof value;
}

/** The keys a result may carry, as Docker Bench's output_lib.sh writes them. */
const resultKeys = ['id', 'desc', 'result', 'details', 'items', 'remediation', 'remediation-impact'];

/** What the reader found: the nesting, each key with its type, and the results flattened. */
type Shape = {
	readonly top: string[];
	readonly test: string[];
	readonly result: Record<string, string>;
	readonly results: Array<Record<string, unknown>>;
};

/**
The one reader of a Docker Bench log: walks `{dockerbenchsecurity, start, tests: [{id, desc, results: [...]}], checks, score, end}` and
records each key with its type. Throws on anything the shape does not allow (an unknown key, a key with two types, items that are not strings).
*/
function readShape(log: unknown): Shape {
	if (kind(log) !== 'object') {
		throw new Error('a log is an object');
	}

	const top = Object.entries(log as Record<string, unknown>).map(([key, value]) => `${key}:${kind(value)}`);
	const testKeys = new Set<string>();
	const result: Record<string, string> = {};
	const results: Array<Record<string, unknown>> = [];
	for (const entry of (log as {tests: unknown[]}).tests) {
		for (const [key, value] of Object.entries(entry as Record<string, unknown>)) {
			testKeys.add(`${key}:${kind(value)}`);
		}

		for (const item of (entry as {results: Array<Record<string, unknown>>}).results) {
			results.push(item);
			for (const [key, value] of Object.entries(item)) {
				if (!resultKeys.includes(key)) {
					throw new Error(`unknown result key ${key}`);
				}

				if (result[key] !== undefined && result[key] !== kind(value)) {
					throw new Error(`${key} is both ${result[key]} and ${kind(value)}`);
				}

				if (key === 'items' && !(value as unknown[]).every(element => typeof element === 'string')) {
					throw new Error('items holds strings only');
				}

				result[key] = kind(value);
			}
		}
	}

	return {top, test: [...testKeys], result, results};
}

/** Every check evaluated on the fixture host (docker.io 20.10, no daemon.json, one running container), with one waiver applied. */
async function fixtureReport(): Promise<Report> {
	const facts = makeFacts();
	const results: Result[] = applyWaivers(await runChecks(checks, {get: async name => facts[name]}), [{id: '2.9', reason: 'legacy images need root', expires: '2099-01-31'}], '2026-01-01');
	return buildReport({version: '0.1.0', hostname: 'debian-host', dockerVersion: '20.10.24', root: '/', startedAt: new Date('2026-03-04T05:06:07.890Z'), durationMs: 2500, checks, results});
}

test('dockwarden\'s log has the structure of Docker Bench\'s, key for key and type for type', async t => {
	const report = await fixtureReport();
	const theirs = readShape(example);
	const ours = readShape(JSON.parse(formatDockerBench(report, checks, sections)));
	t.deepEqual(ours.top, theirs.top, 'the same top-level keys, in the same order, with the same types');
	t.deepEqual(ours.test, theirs.test);
	for (const [key, type] of Object.entries(theirs.result)) {
		t.is(ours.result[key], type, key);
	}

	// The example was run without -p, so it has no remediation; ours carries it for every result but PASS, as -p writes it.
	t.deepEqual(Object.keys(ours.result).sort(), [...resultKeys].sort());
	t.true(ours.results.every(result => typeof result.id === 'string' && typeof result.desc === 'string' && typeof result.result === 'string'));
	t.true(ours.results.every(result => result.result !== 'PASS' || result.remediation === undefined), 'no remediation on a PASS');
});

test('desc carries the benchmark\'s (Automated) or (Manual) label as Docker Bench writes it, and result one of its four words', async t => {
	const words = new Set(['PASS', 'WARN', 'INFO', 'NOTE']);
	const report = await fixtureReport();
	for (const shape of [readShape(example), readShape(JSON.parse(formatDockerBench(report, checks, sections)))]) {
		t.true(shape.results.every(result => / \((Automated|Manual)\)$/.test(result.desc as string)));
		t.true(shape.results.every(result => words.has(result.result as string)));
	}

	const log = JSON.parse(formatDockerBench(report, checks, sections)) as {tests: Array<{id: string; desc: string; results: Array<{id: string; desc: string; result: string; details: string; items?: string[]}>}>};
	const byId = new Map(log.tests.flatMap(entry => entry.results).map(result => [result.id, result]));
	for (const entry of report.results) {
		const written = byId.get(entry.id)!;
		t.is(written.desc, `${entry.title} (${entry.automated ? 'Automated' : 'Manual'})`);
		t.deepEqual(written.items ?? [], entry.evidence);
		t.true(written.details.startsWith(entry.status === 'error' ? `not evaluated: ${entry.summary}` : entry.summary));
	}

	t.deepEqual(log.tests.map(entry => entry.id), ['1', '2', '3', '4', '5', '6', '7']);
	t.is(log.tests[4].desc, 'Container Runtime');
	t.is(byId.get('2.9')!.result, 'NOTE', 'a waived check is a NOTE, with the waiver in its details');
	t.regex(byId.get('2.9')!.details, /waived: legacy images need root \(until 2099-01-31\)/);
});

/** DefectDojo's docker-bench-security importer, as it decides what becomes a finding and how severe (dojo/tools/dockerbench/parser.py). */
function defectDojoSeverity(result: {result: string; desc: string}): string | undefined {
	const manual = result.desc.includes('(Manual)');
	const severities: Record<string, string> = {WARN: 'High', INFO: 'Low', NOTE: 'Info'};
	return manual ? undefined : severities[result.result.toUpperCase()];
}

test('as DefectDojo imports it: every automated WARN is a High finding, manual checks and passes are not imported', async t => {
	const report = await fixtureReport();
	const log = JSON.parse(formatDockerBench(report, checks, sections)) as {tests: Array<{results: Array<{id: string; desc: string; result: string}>}>};
	const imported = new Map(log.tests.flatMap(entry => entry.results).flatMap(result => {
		const severity = defectDojoSeverity(result);
		return severity === undefined ? [] : [[result.id, severity] as const];
	}));
	const warns = report.results.filter(result => result.status === 'warn' && result.automated);
	t.true(warns.length > 5, 'the fixture host has automated warnings');
	for (const result of warns) {
		t.is(imported.get(result.id), 'High', result.id);
	}

	for (const result of report.results.filter(result => !result.automated || result.status === 'pass')) {
		t.false(imported.has(result.id), result.id);
	}
});

test('score, checks, start and end are counted as Docker Bench counts them', async t => {
	const report = await fixtureReport();
	const log = JSON.parse(formatDockerBench(report, checks, sections)) as {dockerbenchsecurity: string; start: number; end: number; checks: number; score: number};
	const automated = report.results.filter(result => result.automated);
	t.is(log.score, automated.filter(result => result.status === 'pass').length - automated.filter(result => result.status === 'warn').length);
	t.is(log.score, dockerBenchScore(report.results));
	t.is(log.checks, report.results.length);
	t.is(log.start, Date.parse('2026-03-04T05:06:07Z') / 1000);
	t.is(log.end, Date.parse('2026-03-04T05:06:10Z') / 1000, '2.5 s later, in whole seconds as date +%s gives them');
	t.is(log.dockerbenchsecurity, report.benchmark.version);
	const other = {...report, benchmark: {...report.benchmark, version: '1.8.0'}} as unknown as Report;
	t.is((JSON.parse(formatDockerBench(other, checks, sections)) as {dockerbenchsecurity: string}).dockerbenchsecurity, '1.8.0', 'the version comes from the report');
});

test('the reader rejects what is not Docker Bench\'s shape', t => {
	t.throws(() => readShape({tests: [{id: '1', desc: 'x', results: [{id: '1.1', desc: 'y (Automated)', result: 'WARN', severity: 'high'}]}]}), {message: /unknown result key severity/});
	t.throws(() => readShape({tests: [{id: '1', desc: 'x', results: [{id: '1.1', items: [1]}]}]}), {message: /items holds strings only/});
});
