import {createHash} from 'node:crypto';
import type {Check, Status, Subject} from '../benchmark/types.js';
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

/**
The statuses that become SARIF results: what needs attention. GitHub code scanning makes an alert of every result whatever its `kind`,
and closes an alert when its result is no longer uploaded; so a check that passes (or is skipped, informational or a manual review) is
left out, and its alert from an earlier run is closed as fixed. The run's properties keep the count of every status.
*/
export const sarifResultStatuses: ReadonlySet<Status> = new Set<Status>(['warn', 'error', 'waived']);

/** The base of the URIs of host files: the audited host's root, `--root`. */
export const hostRootBase = 'HOSTROOT';

/**
Where a finding is placed. GitHub code scanning needs a `physicalLocation.artifactLocation.uri` on every result (it rejects an upload
with a result without a location), so each place has one:
- a file on the host: its path relative to the host's root, under the base `HOSTROOT` (the run maps it to `file://` + --root);
- a container or an image: a pseudo path `docker-host/containers/NAME` or `docker-host/images/NAME`, with a logical location
  (kind `resource`) naming it;
- a daemon-wide finding (section 2) without a subject: the daemon's configuration file, `/etc/docker/daemon.json`, with a logical
  location naming dockerd;
- any other host-wide finding: the pseudo path `docker-host/daemon` (sections 4 to 7) or `docker-host/host` (sections 1 and 3).
Every place has a region at line 1: the finding is about the whole artifact. Names and paths (made safe by safeReport) are
percent-encoded into the URI, segment by segment.
*/
export type Place = {
	/** Stable and unique per place: what the fingerprint hashes. */
	readonly key: string;
	readonly uri: string;
	readonly uriBaseId?: string;
	readonly logical?: {readonly kind: 'resource'; readonly name: string; readonly fullyQualifiedName: string};
};

/** A path as a relative URI: each segment percent-encoded (`.` and `..` too, so no segment climbs out of the base), no leading slash. */
function relativeUri(path: string): string {
	return path.split('/').filter(Boolean).map(segment => /^\.+$/.test(segment) ? segment.replaceAll('.', '%2E') : encodeURIComponent(segment)).join('/');
}

/** The place of one subject. */
function subjectPlace(subject: Subject): Place {
	if (subject.kind === 'file') {
		return {key: `file:${subject.path}`, uri: relativeUri(subject.path) || '.', uriBaseId: hostRootBase};
	}

	const {name} = subject;
	const collection = subject.kind === 'container' ? 'containers' : 'images';
	return {
		key: `${subject.kind}:${subject.name}`,
		uri: `docker-host/${collection}/${encodeURIComponent(subject.name)}`,
		logical: {kind: 'resource', name, fullyQualifiedName: `${collection}/${name}`},
	};
}

/** The places of a finding: one per subject, else where its section's host-wide findings go. */
export function placesOf(result: ReportResult): Place[] {
	if (result.subjects !== undefined && result.subjects.length > 0) {
		return result.subjects.map(subject => subjectPlace(subject));
	}

	if (result.section === '2') {
		return [{...subjectPlace({kind: 'file', path: '/etc/docker/daemon.json'}), key: 'daemon', logical: {kind: 'resource', name: 'dockerd', fullyQualifiedName: 'dockerd'}}];
	}

	const where = ['1', '3'].includes(result.section) ? {key: 'host', name: 'host'} : {key: 'daemon', name: 'dockerd'};
	return [{key: where.key, uri: `docker-host/${where.key}`, logical: {kind: 'resource', name: where.name, fullyQualifiedName: where.name}}];
}

/** The fingerprint of a finding at a place: the check and the place only, never the run's times, pids or wording, so it is the same in every run. */
export function fingerprint(ruleId: string, place: Place): string {
	return createHash('sha256').update(`${ruleId}\n${place.key}`).digest('hex');
}

/** A SARIF location for a place. */
function location(place: Place) {
	return {
		physicalLocation: {
			artifactLocation: {uri: place.uri, ...(place.uriBaseId === undefined ? {} : {uriBaseId: place.uriBaseId})},
			region: {startLine: 1},
		},
		...(place.logical === undefined ? {} : {logicalLocations: [place.logical]}),
	};
}

/** The SARIF results of a finding: one per place, so each container or file that offends is an alert of its own. */
function sarifResults(result: ReportResult, ruleIndex: number) {
	return placesOf(result).map(place => ({
		ruleId: result.id,
		ruleIndex,
		...sarifOutcome[result.status],
		message: {text: messageText(result)},
		locations: [location(place)],
		partialFingerprints: {'dockwardenFinding/v1': fingerprint(result.id, place)},
		...suppressions(result),
		properties: {status: result.status, fixable: result.fixable},
	}));
}

/** The `file:` URI of the host's root, ending in a slash as a base URI must. */
function hostRootUri(root: string): string {
	const path = relativeUri(root);
	return path === '' ? 'file:///' : `file:///${path}/`;
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
The report as a SARIF 2.1.0 log that GitHub code scanning accepts, ending in a newline: one run, one rule per check in the report, one
result per finding that needs attention and per place it is about (see sarifResultStatuses and placesOf; a waived check has an accepted
suppression with the waiver's reason). `checks` gives each rule its rationale and remediation. The run's category
(`automationDetails.id`) names the host, so the reports of several hosts uploaded to one repository keep their alerts apart.
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
			automationDetails: {id: `dockwarden/${report.host.hostname}/`},
			originalUriBaseIds: {[hostRootBase]: {uri: hostRootUri(report.host.root), description: {text: 'The root of the audited host (--root)'}}},
			invocations: [invocation(report)],
			results: report.results.filter(result => sarifResultStatuses.has(result.status)).flatMap(result => sarifResults(result, indexOf.get(result.id)!)),
			properties: {
				benchmark: `${report.benchmark.name} v${report.benchmark.version}`,
				summary: report.summary,
				hostname: report.host.hostname,
				dockerVersion: report.host.dockerVersion,
				root: report.host.root,
				...(report.host.via ? {via: report.host.via} : {}),
			},
		}],
	};
	return `${JSON.stringify(log, undefined, 2)}\n`;
}
