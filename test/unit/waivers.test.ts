import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {checks} from '../../source/benchmark/catalogue.js';
import type {Result, Status, Waiver} from '../../source/benchmark/types.js';
import {createRootFs} from '../../source/host/root-fs.js';
import {applyWaivers, expiredNotice, expiredWaivers, isExpired, localDay} from '../../source/waivers/apply-waivers.js';
import {findJsonSyntaxError, lineAndColumn} from '../../source/waivers/json-syntax.js';
import {
	addWaiver,
	defaultWaiversPath,
	formatWaivers,
	hostWaiverSource,
	isRealDay,
	localWaiverSource,
	parseWaivers,
	readWaivers,
	type WaiverSource,
} from '../../source/waivers/waiver-file.js';

const knownIds: ReadonlySet<string> = new Set(checks.map(check => check.id));

/** A fresh temporary directory. */
function temporaryDirectory(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'dw-waivers-'));
}

/** A waivers source held in memory, recording what was written. */
function memorySource(text?: string): WaiverSource & {written: string[]} {
	const written: string[] = [];
	return {
		label: 'waivers.json',
		written,
		read: async () => written.at(-1) ?? text,
		async write(next) {
			written.push(next);
		},
	};
}

function result(id: string, status: Status, evidence: string[] = []): Result {
	return {id, status, summary: `summary of ${id}`, evidence, fixable: false, durationMs: 1};
}

test('parseWaivers reads a valid file, keeping only the keys given, in file order', t => {
	const text = `\uFEFF{
	"waivers": [
		{"added": "2026-01-05T10:00:00Z", "expires": "2027-01-31", "reason": "CI runners need it", "id": "2.9"},
		{"id": "5.1", "reason": "swarm is used here"},
		{"id": "1.1.3", "reason": "audited elsewhere", "added": "2026-02-01"}
	]
}
`;
	t.deepEqual(parseWaivers(text, 'waivers.json', knownIds), [
		{id: '2.9', reason: 'CI runners need it', expires: '2027-01-31', added: '2026-01-05T10:00:00Z'},
		{id: '5.1', reason: 'swarm is used here'},
		{id: '1.1.3', reason: 'audited elsewhere', added: '2026-02-01'},
	]);
	t.deepEqual(Object.keys(parseWaivers(text, 'waivers.json', knownIds)[0]), ['id', 'reason', 'expires', 'added']);
	t.deepEqual(parseWaivers('{"waivers": []}', 'waivers.json', knownIds), []);
});

test('parseWaivers: each kind of bad file is one line naming the file and where', t => {
	const missingComma = '{\n  "waivers": [\n    {"id": "2.9",\n     "reason": "x"\n     "expires": "2027-01-31"}\n  ]\n}\n';
	const cases: Array<[string, string]> = [
		[missingComma, 'waivers.json: line 5, column 6: not valid JSON: expected "," or "}", found a string'],
		['{"waivers": [],}', 'waivers.json: line 1, column 16: not valid JSON: a comma before "}" (JSON allows none there)'],
		['{"waivers": [{"id": "2.9", "reason": "x"},]}', 'waivers.json: line 1, column 43: not valid JSON: a comma before "]" (JSON allows none there)'],
		['{waivers: []}', 'waivers.json: line 1, column 2: not valid JSON: expected a key in double quotes, found waivers'],
		['{"waivers": [{"id": "2.9", "reason": yes}]}', 'waivers.json: line 1, column 38: not valid JSON: expected a value (text goes in double quotes), found yes'],
		['{"waivers": [{"id": "2.9", "reason": "x\n"}]}', 'waivers.json: line 1, column 40: not valid JSON: a line break or control character inside a string (is a closing " missing?)'],
		['{"waivers": [{"id": "2.9", "reason": "x', 'waivers.json: line 1, column 38: not valid JSON: a string that is never closed (no closing ")'],
		['{"waivers": [{"id": "2.9", "reason": "\\x"}]}', 'waivers.json: line 1, column 39: not valid JSON: bad escape "\\\\x" in a string'],
		['{"waivers": [\n', 'waivers.json: line 2, column 1: not valid JSON: expected a value, found the end of the file'],
		['', 'waivers.json: line 1, column 1: not valid JSON: expected a value, found the end of the file'],
		['{"waivers": []} x', 'waivers.json: line 1, column 17: not valid JSON: expected the end of the file after the JSON value, found x'],
		['{"waivers": [{"id": "2.9", "id": "2.10", "reason": "x"}]}', 'waivers.json: line 1, column 28: not valid JSON: the key "id" appears twice in one object'],
		['[{"id": "2.9", "reason": "x"}]', 'waivers.json: expected an object like {"waivers": […]}, found an array'],
		['{"waivers": [], "version": 1}', 'waivers.json: unknown key "version" (the file has only "waivers")'],
		['{}', 'waivers.json: no "waivers" array'],
		['{"waivers": {"2.9": "x"}}', 'waivers.json: "waivers" must be an array, not an object'],
		['{"waivers": ["2.9"]}', 'waivers.json: waivers[0]: a waiver must be an object, not a string'],
		[
			'{"waivers": [{"id": "2.9", "reason": "a"}, {"id": "5.1", "reason": "b"}, {"id": "1.1.3", "reson": "c"}]}',
			'waivers.json: waivers[2]: unknown key "reson" (a waiver has id, reason, expires, added, benchmark)',
		],
		['{"waivers": [{"reason": "x"}]}', 'waivers.json: waivers[0]: no "id"'],
		['{"waivers": [{"id": 2.9, "reason": "x"}]}', 'waivers.json: waivers[0]: "id" must be a string, not a number'],
		['{"waivers": [{"id": "9.99", "reason": "x"}]}', 'waivers.json: waivers[0]: unknown check id "9.99"'],
		['{"waivers": [{"id": "2.9"}]}', 'waivers.json: waivers[0]: no "reason"'],
		['{"waivers": [{"id": "2.9", "reason": "  "}]}', 'waivers.json: waivers[0]: "reason" must not be empty'],
		['{"waivers": [{"id": "2.9", "reason": "two\\nlines"}]}', 'waivers.json: waivers[0]: "reason" must be one line, without control characters'],
		['{"waivers": [{"id": "2.9", "reason": "x", "expires": null}]}', 'waivers.json: waivers[0]: "expires" must be a string, not null'],
		['{"waivers": [{"id": "2.9", "reason": "x", "expires": "31/01/2027"}]}', 'waivers.json: waivers[0]: "expires" must be a day written YYYY-MM-DD, not "31/01/2027"'],
		['{"waivers": [{"id": "2.9", "reason": "x", "expires": "2027-02-30"}]}', 'waivers.json: waivers[0]: "expires" is not a real day: "2027-02-30"'],
		[
			'{"waivers": [{"id": "2.9", "reason": "x", "added": "yesterday"}]}',
			'waivers.json: waivers[0]: "added" must be an ISO-8601 date-time such as "2025-03-04T05:06:07Z", not "yesterday"',
		],
		[
			'{"waivers": [{"id": "2.9", "reason": "a"}, {"id": "5.1", "reason": "b"}, {"id": "2.9", "reason": "c"}]}',
			'waivers.json: waivers[2]: a second waiver for 2.9 (waivers[0] is the first; keep one)',
		],
	];
	for (const [text, message] of cases) {
		const error = t.throws(() => parseWaivers(text, 'waivers.json', knownIds), undefined, text);
		t.is(error.message, message, text);
		t.false(error.message.includes('\n'), text);
	}
});

test('the JSON scanner agrees with JSON.parse on valid text, and positions count lines and columns from 1', t => {
	for (const text of ['{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}}', ' [] ', '"x"', '0']) {
		t.notThrows(() => JSON.parse(text));
		t.is(findJsonSyntaxError(text), undefined, text);
	}

	t.deepEqual(lineAndColumn('ab\ncd\r\nef', 0), {line: 1, column: 1});
	t.deepEqual(lineAndColumn('ab\ncd\r\nef', 4), {line: 2, column: 2});
	t.deepEqual(lineAndColumn('ab\ncd\r\nef', 7), {line: 3, column: 1});
});

test('isRealDay accepts calendar days only', t => {
	t.true(isRealDay('2027-01-31'));
	t.true(isRealDay('2028-02-29'));
	t.false(isRealDay('2027-02-29'));
	t.false(isRealDay('2027-13-01'));
	t.false(isRealDay('2027-1-31'));
	t.false(isRealDay('2027-01-31T00:00:00Z'));
});

test('readWaivers: no file is no waivers; a local file and a host file under --root are read', async t => {
	const directory = temporaryDirectory();
	t.deepEqual(await readWaivers(localWaiverSource(path.join(directory, 'none.json')), knownIds), []);

	const local = path.join(directory, 'mine.json');
	fs.writeFileSync(local, '{"waivers": [{"id": "2.9", "reason": "local"}]}');
	t.deepEqual(await readWaivers(localWaiverSource(local), knownIds), [{id: '2.9', reason: 'local'}]);

	const rootFs = createRootFs(directory);
	const host = hostWaiverSource(rootFs);
	t.is(host.label, path.join(directory, defaultWaiversPath));
	t.deepEqual(await readWaivers(host, knownIds), []);
	fs.mkdirSync(path.join(directory, 'etc/dockwarden'), {recursive: true});
	fs.writeFileSync(path.join(directory, defaultWaiversPath), '{"waivers": [{"id": "5.1", "reason": "host", "wrong": 1}]}');
	await t.throwsAsync(readWaivers(host, knownIds), {message: `${host.label}: waivers[0]: unknown key "wrong" (a waiver has id, reason, expires, added, benchmark)`});
	fs.rmSync(directory, {recursive: true, force: true});
});

test('readWaivers: a file that cannot be read is one line naming it', async t => {
	const directory = temporaryDirectory();
	const source = localWaiverSource(directory);
	await t.throwsAsync(readWaivers(source, knownIds), {message: `${directory}: cannot read it (EISDIR)`});
	fs.rmSync(directory, {recursive: true, force: true});
});

test('addWaiver creates the file, appends, and replaces the waiver of the same check in place', async t => {
	const directory = temporaryDirectory();
	const source = hostWaiverSource(createRootFs(directory));
	const file = path.join(directory, defaultWaiversPath);
	const first: Waiver = {id: '2.9', reason: 'CI runners', expires: '2027-01-31', added: '2026-01-05T10:00:00.000Z'};
	t.deepEqual(await addWaiver(source, first, knownIds), [first]);
	t.is(fs.readFileSync(file, 'utf8'), [
		'{',
		'  "waivers": [',
		'    {',
		'      "id": "2.9",',
		'      "reason": "CI runners",',
		'      "expires": "2027-01-31",',
		'      "added": "2026-01-05T10:00:00.000Z"',
		'    }',
		'  ]',
		'}',
		'',
	].join('\n'));

	await addWaiver(source, {id: '5.1', reason: 'swarm'}, knownIds);
	await addWaiver(source, {id: '1.1.3', reason: 'audited elsewhere'}, knownIds);
	const replaced = await addWaiver(source, {id: '5.1', reason: 'swarm, until the migration', expires: '2026-12-31'}, knownIds);
	const expected = [first, {id: '5.1', reason: 'swarm, until the migration', expires: '2026-12-31'}, {id: '1.1.3', reason: 'audited elsewhere'}];
	t.deepEqual(replaced, expected);
	t.is(fs.readFileSync(file, 'utf8'), formatWaivers(expected));
	t.deepEqual(await readWaivers(source, knownIds), expected);
	fs.rmSync(directory, {recursive: true, force: true});
});

test('addWaiver refuses an invalid waiver and never overwrites an invalid file', async t => {
	const empty = memorySource();
	await t.throwsAsync(addWaiver(empty, {id: '9.99', reason: 'x'}, knownIds), {message: 'waivers.json: the waiver for 9.99: unknown check id "9.99"'});
	await t.throwsAsync(addWaiver(empty, {id: '2.9', reason: ''}, knownIds), {message: 'waivers.json: the waiver for 2.9: "reason" must not be empty'});
	await t.throwsAsync(addWaiver(empty, {id: '2.9', reason: 'x', expires: '2027-02-30'}, knownIds), {message: 'waivers.json: the waiver for 2.9: "expires" is not a real day: "2027-02-30"'});
	t.deepEqual(empty.written, []);

	const broken = memorySource('{"waivers": [{"id": "2.9", "reason": "x",}]}');
	await t.throwsAsync(addWaiver(broken, {id: '5.1', reason: 'y'}, knownIds), {message: 'waivers.json: line 1, column 42: not valid JSON: a comma before "}" (JSON allows none there)'});
	t.deepEqual(broken.written, []);

	const unwritable: WaiverSource = {
		label: '/etc/dockwarden/waivers.json',
		read: async () => undefined,
		async write() {
			throw Object.assign(new Error('EROFS: read-only file system'), {code: 'EROFS'});
		},
	};
	await t.throwsAsync(addWaiver(unwritable, {id: '2.9', reason: 'x'}, knownIds), {message: '/etc/dockwarden/waivers.json: cannot write it (EROFS)'});
});

test('applyWaivers: a live waiver turns a warn into waived, the reason first in the evidence', t => {
	const waiver: Waiver = {id: '2.9', reason: 'CI runners', expires: '2027-01-31'};
	const [applied] = applyWaivers([result('2.9', 'warn', ['no userns-remap'])], [waiver], '2026-06-01');
	t.deepEqual(applied, {...result('2.9', 'waived', ['waived: CI runners (until 2027-01-31)', 'no userns-remap']), waiver});
	t.is(applied.summary, 'summary of 2.9');

	const [onLastDay] = applyWaivers([result('2.9', 'warn')], [waiver], '2027-01-31');
	t.is(onLastDay.status, 'waived', 'a waiver still applies on its expiry day');
	const [forever] = applyWaivers([result('5.1', 'warn')], [{id: '5.1', reason: 'swarm'}], '2099-01-01');
	t.deepEqual(forever.evidence, ['waived: swarm']);
	t.deepEqual(applyWaivers([applied], [waiver], '2026-06-01'), [applied], 'applying twice changes nothing');
});

test('applyWaivers: an expired waiver leaves the warn, marks the waiver expired and says so', t => {
	const waiver: Waiver = {id: '2.9', reason: 'CI runners', expires: '2026-05-31'};
	const [applied] = applyWaivers([result('2.9', 'warn', ['no userns-remap'])], [waiver], '2026-06-01');
	t.deepEqual(applied, {
		...result('2.9', 'warn', ['the waiver of 2026-05-31 has expired: this WARN counts again', 'no userns-remap']),
		waiver: {...waiver, expired: true},
	});
	t.true(isExpired(waiver, '2026-06-01'));
	t.false(isExpired(waiver, '2026-05-31'));
	t.false(isExpired({id: '5.1', reason: 'x'}, '2999-12-31'));
});

test('applyWaivers: a waiver on a check that is not a warn only adds an evidence line', t => {
	const waivers: Waiver[] = [{id: '2.9', reason: 'CI runners'}, {id: '5.1', reason: 'swarm'}];
	const passing = result('2.9', 'pass', ['userns-remap is default']);
	const failing = result('5.1', 'error', ['EACCES']);
	const untouched = result('1.1.3', 'warn');
	const [pass, error, other] = applyWaivers([passing, failing, untouched], waivers, '2026-06-01');
	t.deepEqual(pass, {...passing, evidence: ['userns-remap is default', 'a waiver is on file (CI runners), but the check passes now: the waiver is not needed']});
	t.deepEqual(error, {...failing, evidence: ['EACCES', 'a waiver is on file (swarm), but the check is ERROR now, not WARN: the waiver does not apply']});
	t.is(pass.waiver, undefined);
	t.is(other, untouched, 'a result without a waiver is returned as it is');
});

test('expiredWaivers and expiredNotice name the waivers that no longer apply', t => {
	const waivers: Waiver[] = [
		{id: '2.9', reason: 'CI runners', expires: '2026-05-31'},
		{id: '5.1', reason: 'swarm'},
		{id: '1.1.3', reason: 'audited elsewhere', expires: '2026-06-01'},
	];
	t.deepEqual(expiredWaivers(waivers, '2026-06-01'), [waivers[0]]);
	t.is(expiredNotice(waivers[0]), 'the waiver for 2.9 (CI runners) expired after 2026-05-31: a WARN of 2.9 counts again');
	t.is(localDay(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
	t.regex(localDay(), /^\d{4}-\d{2}-\d{2}$/);
});
