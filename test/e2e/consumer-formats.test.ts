import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {execa} from 'execa';
import {runCli} from '../helpers/cli.js';
import {makeFakeRoot} from '../helpers/fake-root.js';

// The built CLI writes each consumer's format, to stdout and with --output, on a fake host tree with no Docker daemon.
const nowhere = `unix://${path.join(os.tmpdir(), 'dw-no-daemon.sock')}`;

test('--format docker-bench: Docker Bench\'s log, to stdout and to --output', async t => {
	const root = makeFakeRoot();
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-formats-'));
	const file = path.join(directory, 'docker-bench.json');
	const args = ['--format', 'docker-bench', '--section', '1,3', '--root', root.dir, '--docker-host', nowhere];
	const printed = await runCli(args);
	const written = await runCli([...args, '--output', file]);
	t.is(printed.exitCode, written.exitCode);
	t.is(written.stdout, '');
	for (const text of [printed.stdout, fs.readFileSync(file, 'utf8')]) {
		const log = JSON.parse(text) as {dockerbenchsecurity: string; start: number; end: number; checks: number; score: number; tests: Array<{id: string; desc: string; results: Array<{id: string; desc: string; result: string}>}>};
		t.deepEqual(Object.keys(log), ['dockerbenchsecurity', 'start', 'tests', 'checks', 'score', 'end']);
		t.deepEqual(log.tests.map(entry => entry.id), ['1', '3']);
		t.is(log.checks, log.tests.flatMap(entry => entry.results).length);
		t.true(Number.isInteger(log.start) && log.end >= log.start && Math.abs(log.start - (Date.now() / 1000)) < 600);
		t.true(log.tests.flatMap(entry => entry.results).every(result => /^[1-7]\.[\d.]+$/.test(result.id) && / \((Automated|Manual)\)$/.test(result.desc) && ['PASS', 'WARN', 'INFO', 'NOTE'].includes(result.result)));
	}

	root.remove();
	fs.rmSync(directory, {recursive: true});
});

test('--format prometheus: a textfile promtool accepts, to stdout and to --output', async t => {
	const root = makeFakeRoot();
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-formats-'));
	const file = path.join(directory, 'dockwarden.prom');
	const args = ['--format', 'prometheus', '--section', '1,3', '--root', root.dir, '--docker-host', nowhere];
	const printed = await runCli(args);
	const written = await runCli([...args, '--output', file]);
	t.is(written.stdout, '');
	// execa drops the last newline of stdout; the exposition format needs it.
	for (const text of [`${printed.stdout}\n`, fs.readFileSync(file, 'utf8')]) {
		t.regex(text, /^# HELP dockwarden_check /);
		t.regex(text, /^dockwarden_check\{id="1\.1\.1",section="1",level="1",status="[a-z]+"} 1$/m);
		t.regex(text, /^dockwarden_benchmark_info\{name="CIS Docker Benchmark",version="\d+\.\d+\.\d+"} 1$/m);
		const checked = await execa('promtool', ['check', 'metrics'], {input: text, reject: false});
		if ((checked as {code?: string}).code === 'ENOENT') {
			t.false(Boolean(process.env.CI), 'promtool is missing: .ci/run installs the Debian package prometheus');
		} else {
			t.is(checked.exitCode, 0, String(checked.stderr));
		}
	}

	root.remove();
	fs.rmSync(directory, {recursive: true});
});

test('--format sarif --output: every result of a real run has a location and a fingerprint', async t => {
	const root = makeFakeRoot();
	const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-formats-'));
	const file = path.join(directory, 'dockwarden.sarif');
	const written = await runCli(['--format', 'sarif', '--section', '1,3', '--root', root.dir, '--docker-host', nowhere, '--output', file]);
	t.is(written.stdout, '');
	const log = JSON.parse(fs.readFileSync(file, 'utf8')) as {runs: Array<{results: Array<{ruleId: string; locations: Array<{physicalLocation: {artifactLocation: {uri: string}}}>; partialFingerprints: Record<string, string>}>}>};
	const {results} = log.runs[0];
	t.true(results.length > 0);
	t.true(results.every(result => result.locations[0].physicalLocation.artifactLocation.uri.length > 0 && Object.keys(result.partialFingerprints).length === 1));
	t.true(results.some(result => result.ruleId === '1.1.3' && result.locations[0].physicalLocation.artifactLocation.uri.endsWith('dockerd')), 'the audit watch of dockerd points at it');
	root.remove();
	fs.rmSync(directory, {recursive: true});
});
