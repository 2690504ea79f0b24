/**
The report as Docker Bench for Security's JSON log (`docker-bench-security.log.json`), field for field, so that pipelines built for
Docker Bench (DefectDojo's "docker-bench-security Scan" importer above all) take dockwarden's reports unchanged.

The shape, as Docker Bench 1.6.0 writes it (functions/output_lib.sh):
`{dockerbenchsecurity, start, tests: [{id, desc, results: [{id, desc, result, details?, items?, remediation?, remediation-impact?}]}], checks, score, end}`.
*/
import type {Check, Section, Status} from '../benchmark/types.js';
import type {Report} from './report.js';

/** A result word of Docker Bench. */
export type DockerBenchResult = 'PASS' | 'WARN' | 'INFO' | 'NOTE';

/** One check of a Docker Bench log. */
export type DockerBenchCheck = {
	readonly id: string;
	/** The title, then ` (Automated)` or ` (Manual)` as the benchmark labels the check. */
	readonly desc: string;
	readonly result: DockerBenchResult;
	readonly details?: string;
	readonly items?: readonly string[];
	readonly remediation?: string;
	readonly 'remediation-impact'?: string;
};

/** A Docker Bench log. */
export type DockerBenchLog = {
	/** Docker Bench writes its own version; dockwarden writes the version of the CIS benchmark its checks follow (Docker Bench 1.6.0 implements CIS v1.6.0). */
	readonly dockerbenchsecurity: string;
	/** Unix seconds. */
	readonly start: number;
	readonly tests: ReadonlyArray<{readonly id: string; readonly desc: string; readonly results: readonly DockerBenchCheck[]}>;
	readonly checks: number;
	readonly score: number;
	/** Unix seconds. */
	readonly end: number;
};

/**
How each status is written, the way a DefectDojo user expects: DefectDojo imports WARN as High, INFO as Low and NOTE as Info, and never
PASS nor any check whose desc ends in `(Manual)`.

- `skip` is INFO: Docker Bench writes INFO for a check that does not apply (a file that does not exist, no container running).
- `error` is INFO: the check could not be evaluated. It is no vulnerability (WARN would be a false High), but it must not vanish either,
  so it is imported as a Low finding whose details say why it was not evaluated.
- `waived` is NOTE: an accepted risk stays on record as an Info finding with the waiver's reason in its details, instead of coming back as
  a High on every import; risk acceptance was done in dockwarden, with a reason and an expiry.
*/
export const dockerBenchResult: Readonly<Record<Status, DockerBenchResult>> = {
	pass: 'PASS',
	warn: 'WARN',
	info: 'INFO',
	note: 'NOTE',
	skip: 'INFO',
	error: 'INFO',
	waived: 'NOTE',
};

/** `desc` as Docker Bench writes it: the title and the benchmark's label. */
export function dockerBenchDesc(title: string, automated: boolean): string {
	return `${title} (${automated ? 'Automated' : 'Manual'})`;
}

/**
The score as Docker Bench counts it: +1 for each PASS and -1 for each WARN of a scored check, nothing for the rest.
Docker Bench scores its Automated checks (`pass -s`, `warn -s`); so does this. A waived check is neither.
*/
export function dockerBenchScore(results: Report['results']): number {
	let score = 0;
	for (const result of results) {
		if (result.automated && result.status === 'pass') {
			score++;
		} else if (result.automated && result.status === 'warn') {
			score--;
		}
	}

	return score;
}

/**
A result's details: its summary, then its evidence, so a consumer that reads only details (DefectDojo does) still sees the evidence.
A waived result's evidence starts with the waiver's reason and expiry (see applyWaivers).
*/
function details(result: Report['results'][number]): string {
	const head = result.status === 'error' ? `not evaluated: ${result.summary}` : result.summary;
	return result.evidence.length === 0 ? head : `${head}: ${result.evidence.join('; ')}`;
}

/** One check of the log; remediation for every result but PASS, as `docker-bench-security.sh -p` writes it. */
function benchCheck(result: Report['results'][number], check: Check | undefined): DockerBenchCheck {
	const word = dockerBenchResult[result.status];
	return {
		id: result.id,
		desc: dockerBenchDesc(result.title, result.automated),
		result: word,
		details: details(result),
		...(result.evidence.length === 0 ? {} : {items: result.evidence}),
		...(word === 'PASS' || check === undefined ? {} : {remediation: check.remediation, 'remediation-impact': check.impact}),
	};
}

/**
The report as a Docker Bench log, ending in a newline: one test per section that has results, in benchmark order, one result per check.
`checks` gives the remediation and its impact, `sections` the section titles.
*/
export function formatDockerBench(report: Report, checks: readonly Check[], sections: readonly Section[]): string {
	const byId = new Map(checks.map(check => [check.id, check]));
	const startMs = new Date(report.startedAt).getTime();
	const start = Math.floor(startMs / 1000);
	const tests = sections
		.map(section => ({
			id: section.id,
			desc: section.title,
			results: report.results.filter(result => result.section === section.id).map(result => benchCheck(result, byId.get(result.id))),
		}))
		.filter(test => test.results.length > 0);
	const log: DockerBenchLog = {
		dockerbenchsecurity: report.benchmark.version,
		start,
		tests,
		checks: report.results.length,
		score: dockerBenchScore(report.results),
		end: Math.floor((startMs + report.durationMs) / 1000),
	};
	return `${JSON.stringify(log, undefined, 2)}\n`;
}
