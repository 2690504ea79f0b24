import {catalogueOf} from '../benchmark/catalogue.js';
import type {Waiver} from '../benchmark/types.js';
import {legacyBenchmark, type BenchmarkVersion} from '../model/benchmark-versions.js';

/** The check ids of each version a waiver has named so far, for validating a waiver against the version it names. */
const knownIdsOf = new Map<BenchmarkVersion, ReadonlySet<string>>();

/** The ids a waiver recorded under `version` may name (that version's catalogue is built only when a waiver names it). */
export function knownIdsIn(version: BenchmarkVersion): ReadonlySet<string> {
	let known = knownIdsOf.get(version);
	if (!known) {
		known = new Set(catalogueOf(version).checks.map(check => check.id));
		knownIdsOf.set(version, known);
	}

	return known;
}

/** The stable key of the check a waiver names, in the version it was recorded under (none: v1.6.0). */
export function keyOfWaiver(waiver: Waiver): string | undefined {
	return catalogueOf(waiver.benchmark ?? legacyBenchmark).findCheck(waiver.id)?.key;
}

/**
The waivers of a file as they apply under `version`, with that version's ids. A waiver recorded under another version
applies to the same check under its id here (v1.6.0's 2.9 is v1.8.0's 2.10) and keeps what it was recorded as
(`recordedAs`); one whose check this version does not have is left out. Where two name one check, the one recorded under
this version wins.
*/
export function waiversIn(version: BenchmarkVersion, recorded: readonly Waiver[]): Waiver[] {
	const catalogue = catalogueOf(version);
	const carried = new Map<string, Waiver>();
	for (const waiver of recorded) {
		const recordedUnder = waiver.benchmark ?? legacyBenchmark;
		const check = catalogue.byKey(keyOfWaiver(waiver) ?? '');
		if (check && (!carried.has(check.id) || recordedUnder === version)) {
			carried.set(check.id, recordedUnder === version ? waiver : {...waiver, id: check.id, benchmark: version, ...(check.id === waiver.id ? {} : {recordedAs: {id: waiver.id, benchmark: recordedUnder}})});
		}
	}

	return [...carried.values()];
}
