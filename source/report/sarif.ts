import type {Check, Status} from '../benchmark/types.js';
import type {ReportedWaiver} from '../waivers/reported-waiver.js';
import type {Report} from './report.js';

/** A report result, with the waiver buildReport carries for a waived check (or an expired waiver). */
type ReportResult = Report['results'][number] & {readonly waiver?: ReportedWaiver};

/** The SARIF 2.1.0 JSON schema the log names in `$schema`. */
export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF result's `kind`. */
type SarifKind = 'pass' | 'fail' | 'review' | 'notApplicable' | 'informational';

/** A SARIF result's `level`. */
type SarifLevel = 'none' | 'note' | 'warning' | 'error';

/**
How each status maps onto a SARIF result.

SARIF §3.27.10: when `kind` is anything but `fail`, `level` must be `none`. So a manual check (`note`) is `kind: review` with `level: none`,
and only `warn` and `error` are failures with a level a code-scanning tool shows. A `waived` check is still a failure, at level
`warning`, but carries an accepted external suppression (see sarifResult), so code-scanning tools list it as dismissed, not open.
*/
export const sarifOutcome: Readonly<Record<Status, {readonly kind: SarifKind; readonly level: SarifLevel}>> = {
	warn: {kind: 'fail', level: 'warning'},
	error: {kind: 'fail', level: 'error'},
	note: {kind: 'review', level: 'none'},
	pass: {kind: 'pass', level: 'none'},
	skip: {kind: 'notApplicable', level: 'none'},
	info: {kind: 'informational', level: 'none'},
	waived: {kind: 'fail', level: 'warning'},
};

/**
A rule's `name`: the title as one PascalCase word (`Ensure a separate partition…` → `EnsureASeparatePartition…`),
or `CIS_1_1_1` when the title has no letters to make one from.
*/
export function ruleName(id: string, title: string): string {
	const name = title
		.split(/[^A-Za-z\d]+/)
		.filter(Boolean)
		.map(word => word[0].toUpperCase() + word.slice(1))
		.join('');
	return /^[A-Za-z]/.test(name) ? name : `CIS_${id.replaceAll('.', '_')}`;
}

/** The check ids of a report, each once, in report order. */
function ruleIds(report: Report): string[] {
	return [...new Set(report.results.map(result => result.id))];
}

/** One SARIF rule (reporting descriptor) for a check, with its words from the catalogue when it is there. */
function sarifRule(result: ReportResult, check: Check | undefined) {
	return {
		id: result.id,
		name: ruleName(result.id, result.title),
		shortDescription: {text: result.title},
		fullDescription: {text: check?.rationale ?? result.title},
		...(check ? {help: {text: check.remediation}} : {}),
		defaultConfiguration: {level: 'warning'},
		properties: {
			level: result.level,
			automated: result.automated,
			section: result.section,
			tags: ['security', 'CIS Docker Benchmark'],
		},
	};
}

/** A result's message: the summary, then each evidence line. */
function messageText(result: ReportResult): string {
	return [result.summary, ...result.evidence.map(line => `- ${line}`)].join('\n');
}

/**
A waived result's suppression (SARIF §3.35): kept outside the code (`external`), `accepted`, with the waiver's reason as the justification
and its expiry day as a property. Nothing for any other result.
*/
function suppressions(result: ReportResult) {
	if (result.status !== 'waived') {
		return {};
	}

	const {waiver} = result;
	return {
		suppressions: [{
			kind: 'external',
			status: 'accepted',
			...(waiver === undefined ? {} : {justification: waiver.reason}),
			...(waiver?.expires === undefined ? {} : {properties: {expires: waiver.expires}}),
		}],
	};
}

/** One SARIF result for a finding. */
function sarifResult(result: ReportResult, ruleIndex: number) {
	return {
		ruleId: result.id,
		ruleIndex,
		...sarifOutcome[result.status],
		message: {text: messageText(result)},
		...suppressions(result),
		properties: {status: result.status, fixable: result.fixable},
	};
}

/** The run's invocation: when it ran, on which host. */
function invocation(report: Report) {
	const started = new Date(report.startedAt);
	return {
		executionSuccessful: true,
		machine: report.host.hostname,
		...(Number.isNaN(started.getTime())
			? {}
			: {
				startTimeUtc: started.toISOString(),
				endTimeUtc: new Date(started.getTime() + report.durationMs).toISOString(),
			}),
	};
}

/**
The report as a SARIF 2.1.0 log, ending in a newline: one run, one rule per check in the report, one result per finding (passes,
skips and info included, so the log is the whole report; a waived check has an accepted suppression with the waiver's reason). `checks` gives each rule its rationale and remediation.
*/
export function formatSarif(report: Report, checks: readonly Check[]): string {
	const byId = new Map(checks.map(check => [check.id, check]));
	const ids = ruleIds(report);
	const indexOf = new Map(ids.map((id, index) => [id, index]));
	const rules = ids.map(id => sarifRule(report.results.find(result => result.id === id)!, byId.get(id)));
	const log = {
		$schema: sarifSchemaUri,
		version: '2.1.0',
		runs: [{
			tool: {driver: {name: report.tool.name, version: report.tool.version, rules}},
			invocations: [invocation(report)],
			results: report.results.map(result => sarifResult(result, indexOf.get(result.id)!)),
			properties: {
				benchmark: `${report.benchmark.name} v${report.benchmark.version}`,
				hostname: report.host.hostname,
				dockerVersion: report.host.dockerVersion,
				root: report.host.root,
			},
		}],
	};
	return `${JSON.stringify(log, undefined, 2)}\n`;
}
