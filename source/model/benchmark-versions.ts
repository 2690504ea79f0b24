/**
The versions of CIS Docker Benchmark that dockwarden speaks: one catalogue of checks, and per version a table of which checks it
has, under which id and title. A check's stable key is its v1.6.0 id; a check new in a later version is keyed `ID@VERSION`
(`2.7@1.8.0`, devicemapper), and one whose subject changed gets a new key (`1.1.9@1.7.0`, the docker.sock file, where v1.6.0's
1.1.9 audits the docker.socket unit). What changed comes from the benchmark texts as listed in the project's versions notes:
- v1.7.0: 1.1.9 is about the Docker socket file, not the docker.socket unit; 1.1.5's remediation adds audit exclusions.
- v1.8.0: a new 2.7 (devicemapper); the old 2.7–2.18 become 2.8–2.19, titles unchanged.
*/

/** Every version, oldest first. */
export const benchmarkVersions = ['1.6.0', '1.7.0', '1.8.0'] as const;
export type BenchmarkVersion = typeof benchmarkVersions[number];

/** The default: the newest. */
export const newestBenchmark: BenchmarkVersion = '1.8.0';

/** The version of an id recorded without one (waivers and journal entries written before dockwarden knew versions). */
export const legacyBenchmark: BenchmarkVersion = '1.6.0';

/** True for a version dockwarden knows. */
export function isBenchmarkVersion(value: unknown): value is BenchmarkVersion {
	return typeof value === 'string' && (benchmarkVersions as readonly string[]).includes(value);
}

/** True when `version` is `since` or newer. */
export function atLeast(version: BenchmarkVersion, since: BenchmarkVersion): boolean {
	return benchmarkVersions.indexOf(version) >= benchmarkVersions.indexOf(since);
}

/** Keys that a later version replaced, with the version that dropped them. */
const droppedIn: Readonly<Record<string, BenchmarkVersion>> = {'1.1.9': '1.7.0'};

/** The version a key first appears in, and its id there: `2.7@1.8.0` is 2.7 from v1.8.0 on; a plain key is a v1.6.0 id. */
export function parseKey(key: string): {id: string; since: BenchmarkVersion} {
	const [id, since] = key.split('@');
	return {id: id!, since: isBenchmarkVersion(since) ? since : legacyBenchmark};
}

/** True when the version has the check of this key. */
export function hasKey(version: BenchmarkVersion, key: string): boolean {
	const dropped = droppedIn[key];
	return atLeast(version, parseKey(key).since) && (dropped === undefined || !atLeast(version, dropped));
}

/** The id of the check of this key in that version (which must have it): v1.8.0 moves the old 2.7–2.18 one down. */
export function idInVersion(version: BenchmarkVersion, key: string): string {
	const {id, since} = parseKey(key);
	const match = /^2\.(\d+)$/.exec(id);
	if (since === legacyBenchmark && match && Number(match[1]) >= 7 && atLeast(version, '1.8.0')) {
		return `2.${Number(match[1]) + 1}`;
	}

	return id;
}
