import {catalogueOf} from '../benchmark/catalogue.js';
import type {Waiver} from '../benchmark/types.js';
import {benchmarkVersions, legacyBenchmark, type BenchmarkVersion} from '../model/benchmark-versions.js';

/** The check ids of each version, for validating a waiver against the version it names. */
const knownIdsOf = new Map(benchmarkVersions.map(version => [version, new Set(catalogueOf(version).checks.map(check => check.id))]));

/** The ids a waiver recorded under `version` may name. */
export function knownIdsIn(version: BenchmarkVersion): ReadonlySet<string> {
	return knownIdsOf.get(version)!;
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
