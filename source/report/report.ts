import type {Check, Result, Status, Subject} from '../benchmark/types.js';
import {newestBenchmark, type BenchmarkVersion} from '../model/benchmark-versions.js';
import {safeText} from '../text/safe-text.js';
import {reportedWaiver, type ReportedWaiver} from '../waivers/reported-waiver.js';

/** The report JSON, as documented in the readme. */
export type Report = {
	readonly tool: {readonly name: 'dockwarden'; readonly version: string};
	readonly benchmark: {readonly name: 'CIS Docker Benchmark'; readonly version: BenchmarkVersion};
	readonly host: {readonly hostname: string; readonly dockerVersion: string | null; readonly root: string; readonly demo?: true; readonly via?: string; readonly sshRoundTrips?: number};
	readonly startedAt: string;
	readonly durationMs: number;
	readonly summary: Readonly<Record<Status, number>>;
	readonly results: ReadonlyArray<{
		readonly id: string;
		readonly section: string;
		readonly title: string;
		readonly level: 1 | 2;
		readonly automated: boolean;
		readonly status: Status;
		readonly summary: string;
		readonly evidence: readonly string[];
		readonly fixable: boolean;
		/** Set when a waiver applies to the check, or applied until it expired. */
		readonly waiver?: ReportedWaiver;
		/** The files, containers or images the finding is about, when the check knows them (SARIF places the finding there). */
		readonly subjects?: readonly Subject[];
	}>;
};

/** Counts results by status. */
export function countStatuses(results: readonly Result[]): Record<Status, number> {
	const counts: Record<Status, number> = {pass: 0, warn: 0, info: 0, note: 0, skip: 0, error: 0, waived: 0};
	for (const result of results) {
		counts[result.status]++;
	}

	return counts;
}

/** A subject with its path or name made safe. */
function safeSubject(subject: Subject): Subject {
	return subject.kind === 'file' ? {kind: 'file', path: safeText(subject.path)} : {kind: subject.kind, name: safeText(subject.name)};
}

/**
The report with every string that can come from the host made safe (secrets masked, controls visible, one line each): the host
fields, each result's title, summary, evidence and waiver reason. buildReport returns its report through this, so every writer
(text, JSON, SARIF, JUnit, Markdown and any added later) sees only safe text; writers that need more (Markdown, XML) escape on top.
Idempotent.
*/
export function safeReport(report: Report): Report {
	const {host} = report;
	return {
		...report,
		tool: {...report.tool, version: safeText(report.tool.version)},
		host: {...host, hostname: safeText(host.hostname), dockerVersion: host.dockerVersion === null ? null : safeText(host.dockerVersion), root: safeText(host.root)},
		results: report.results.map(result => ({
			...result,
			title: safeText(result.title),
			summary: safeText(result.summary),
			evidence: result.evidence.map(line => safeText(line)),
			...(result.waiver ? {waiver: {...result.waiver, reason: safeText(result.waiver.reason)}} : {}),
			...(result.subjects ? {subjects: result.subjects.map(subject => safeSubject(subject))} : {}),
		})),
	};
}

/** Builds the report from a run's results, every host string in it made safe (see safeReport). */
export function buildReport(input: {
	version: string;
	hostname: string;
	dockerVersion?: string;
	root: string;
	demo?: boolean;
	/** How a host reached over SSH was reached (`ssh://user@host:port`), and the round trips its audit took. */
	via?: string;
	sshRoundTrips?: number;
	startedAt: Date;
	durationMs: number;
	checks: readonly Check[];
	results: readonly Result[];
	/** The benchmark version of the checks' ids and titles; by default that of the checks (the newest when there are none). */
	benchmark?: BenchmarkVersion;
}): Report {
	const byId = new Map(input.checks.map(check => [check.id, check]));
	return safeReport({
		tool: {name: 'dockwarden', version: input.version},
		benchmark: {name: 'CIS Docker Benchmark', version: input.benchmark ?? input.checks[0]?.benchmark ?? newestBenchmark},
		host: {hostname: input.hostname, dockerVersion: input.dockerVersion ?? null, root: input.root, ...(input.demo ? {demo: true as const} : {}), ...(input.via ? {via: input.via, sshRoundTrips: input.sshRoundTrips} : {})},
		startedAt: input.startedAt.toISOString(),
		durationMs: input.durationMs,
		summary: countStatuses(input.results),
		results: input.results.map(result => {
			const check = byId.get(result.id)!;
			return {
				id: result.id,
				section: check.section,
				title: check.title,
				level: check.level,
				automated: check.automated,
				status: result.status,
				summary: result.summary,
				evidence: result.evidence,
				fixable: result.fixable,
				...(result.waiver ? {waiver: reportedWaiver(result.waiver)} : {}),
				...(result.subjects && result.subjects.length > 0 ? {subjects: result.subjects} : {}),
			};
		}),
	});
}
