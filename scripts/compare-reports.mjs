/*
node scripts/compare-reports.mjs BEFORE.json AFTER.json: whether two JSON reports of the same host say the same, apart
from what changes at every run (startedAt, durationMs, host.sshRoundTrips). Prints each difference (a check added or
gone, or a field of a check, evidence line by line) and exits 1 when there is one, 0 when the reports agree. npm run
bench uses it to hold a faster build to the report of an older one (BENCH_BASELINE).
*/
import fs from 'node:fs';
import {isDeepStrictEqual} from 'node:util';

/** The report without what differs between two runs of the same audit. */
function comparable(report) {
	const {startedAt: _startedAt, durationMs: _durationMs, ...rest} = report;
	const {sshRoundTrips: _roundTrips, ...host} = rest.host ?? {};
	return {...rest, host};
}

/** The differences between two reports, one line each; empty when they agree. */
export function reportDifferences(before, after) {
	const [a, b] = [comparable(before), comparable(after)];
	const differences = [];
	for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
		if (key !== 'results' && !isDeepStrictEqual(a[key], b[key])) {
			differences.push(`${key}: ${JSON.stringify(a[key])} before, ${JSON.stringify(b[key])} after`);
		}
	}

	const byId = results => new Map((results ?? []).map(result => [result.id, result]));
	const [resultsA, resultsB] = [byId(a.results), byId(b.results)];
	for (const id of new Set([...resultsA.keys(), ...resultsB.keys()])) {
		const [x, y] = [resultsA.get(id), resultsB.get(id)];
		if (x === undefined || y === undefined) {
			differences.push(`${id}: ${x === undefined ? 'only after' : 'only before'}`);
			continue;
		}

		for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
			if (field === 'evidence') {
				const [lines, others] = [x.evidence ?? [], y.evidence ?? []];
				const found = differences.length;
				for (const line of lines.filter(line => !others.includes(line))) {
					differences.push(`${id} evidence only before: ${line}`);
				}

				for (const line of others.filter(line => !lines.includes(line))) {
					differences.push(`${id} evidence only after: ${line}`);
				}

				if (differences.length === found && !isDeepStrictEqual(lines, others)) {
					differences.push(`${id} evidence: the same lines in another order`);
				}
			} else if (!isDeepStrictEqual(x[field], y[field])) {
				differences.push(`${id} ${field}: ${JSON.stringify(x[field])} before, ${JSON.stringify(y[field])} after`);
			}
		}
	}

	const order = report => (report.results ?? []).map(result => result.id).join(' ');
	if (differences.length === 0 && order(a) !== order(b)) {
		differences.push('results: the same checks in another order');
	}

	return differences;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
	const [before, after] = process.argv.slice(2).map(file => JSON.parse(fs.readFileSync(file, 'utf8')));
	if (before === undefined || after === undefined) {
		console.error('usage: node scripts/compare-reports.mjs BEFORE.json AFTER.json');
		process.exit(2);
	}

	const differences = reportDifferences(before, after);
	// A long value (a list of every container) is cut: the start of the line says where to look.
	const cut = line => line.length > 400 ? `${line.slice(0, 400)}…` : line;
	console.log(differences.length === 0 ? 'the reports agree (apart from startedAt, durationMs and host.sshRoundTrips)' : differences.map(line => cut(line)).join('\n'));
	process.exitCode = differences.length === 0 ? 0 : 1;
}
