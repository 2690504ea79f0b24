import type {Section, Status} from '../benchmark/types.js';
import {sections as catalogueSections} from '../benchmark/catalogue.js';
import type {ReportedWaiver} from '../waivers/reported-waiver.js';
import type {Report} from './report.js';

/** A report result, with the waiver buildReport carries for a waived check (or an expired waiver). */
type ReportResult = Report['results'][number] & {readonly waiver?: ReportedWaiver};

type Counts = {tests: number; failures: number; errors: number; skipped: number};

const entities: Readonly<Record<string, string>> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	'\'': '&apos;',
};

/** Characters XML 1.0 cannot hold at all, not even as a character reference: most C0 controls, U+FFFE, U+FFFF and lone surrogates. */
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A forbidden character as visible text, `\u001b`, so that escape sequences in evidence stay readable. */
function showCode(character: string): string {
	return `\\u${character.codePointAt(0)!.toString(16).padStart(4, '0')}`;
}

/**
Text escaped for XML element content or an attribute value: `& < > " '` as entities, characters XML 1.0 forbids as `\uXXXX` text.
In an attribute (`attribute: true`), tabs and line breaks become character references so that parsers keep them.
*/
export function escapeXml(text: string, attribute = false): string {
	const escaped = text.replaceAll(forbidden, showCode).replaceAll(/[&<>"']/g, character => entities[character]);
	return attribute
		? escaped.replaceAll(/[\t\n\r]/g, character => `&#${character.codePointAt(0)};`)
		: escaped.replaceAll('\r', '&#13;');
}

/** `name="value"` pairs, values escaped. */
function attributes(pairs: Readonly<Record<string, string | number>>): string {
	return Object.entries(pairs).map(([name, value]) => ` ${name}="${escapeXml(String(value), true)}"`).join('');
}

/** Tallies results the way JUnit counts them. */
function countResults(results: readonly ReportResult[]): Counts {
	const counts: Counts = {tests: results.length, failures: 0, errors: 0, skipped: 0};
	for (const result of results) {
		if (result.status === 'warn') {
			counts.failures++;
		} else if (result.status === 'error') {
			counts.errors++;
		} else if (result.status !== 'pass') {
			counts.skipped++;
		}
	}

	return counts;
}

/** What goes inside a testcase for each status: nothing for a pass; a waived check is skipped with its waiver's reason. */
function outcome(result: ReportResult): string | undefined {
	const body = escapeXml(result.evidence.join('\n'));
	const element = (name: string, message: string, type: Status) => body
		? `<${name}${attributes({message, type})}>${body}</${name}>`
		: `<${name}${attributes({message, type})}/>`;
	switch (result.status) {
		case 'pass': {
			return undefined;
		}

		case 'warn': {
			return element('failure', result.summary, 'warn');
		}

		case 'error': {
			return element('error', result.summary, 'error');
		}

		case 'waived': {
			return element('skipped', `WAIVED: ${result.waiver?.reason ?? result.summary}`, 'waived');
		}

		default: {
			return element('skipped', `${result.status.toUpperCase()}: ${result.summary}`, result.status);
		}
	}
}

/** One `<testcase>` for a check. */
function testcase(result: ReportResult): string[] {
	const open = `<testcase${attributes({classname: `cis.${result.section}`, name: `${result.id} - ${result.title}`})}`;
	const inner = outcome(result);
	return inner === undefined ? [`    ${open}/>`] : [`    ${open}>`, `      ${inner}`, '    </testcase>'];
}

/** The report's section ids in catalogue order, then any the catalogue does not know, in report order. */
function sectionIds(report: Report, sections: readonly Section[]): string[] {
	const present = new Set(report.results.map(result => result.section));
	const known = sections.map(section => section.id as string).filter(id => present.has(id));
	return [...known, ...[...present].filter(id => !known.includes(id))];
}

/** One `<testsuite>` for a section. */
function testsuite(report: Report, id: string, title: string | undefined, results: readonly ReportResult[]): string[] {
	return [
		`  <testsuite${attributes({
			name: title === undefined ? id : `${id} - ${title}`,
			...countResults(results),
			// The JUnit schema's timestamp has no time zone; startedAt is UTC.
			timestamp: report.startedAt.slice(0, 19),
			hostname: report.host.hostname,
		})}>`,
		...results.flatMap(result => testcase(result)),
		'  </testsuite>',
	];
}

/**
The report as JUnit XML, ending in a newline: one `<testsuite>` per section and one `<testcase>` per check.
A `warn` is a `<failure>`, an `error` an `<error>`, and `skip`, `info` and `note` are `<skipped>`; the evidence is the element's text.
A `waived` check is `<skipped message="WAIVED: REASON" type="waived">`, so that an accepted risk does not fail the build.
`sections` names the suites; it defaults to the catalogue's.
*/
export function formatJunit(report: Report, sections: readonly Section[] = catalogueSections): string {
	const suites = sectionIds(report, sections).flatMap(id => testsuite(
		report,
		id,
		sections.find(section => section.id === id)?.title,
		report.results.filter(result => result.section === id),
	));
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<testsuites${attributes({
			name: `dockwarden ${report.tool.version} - ${report.benchmark.name} v${report.benchmark.version}`,
			...countResults(report.results),
			time: (report.durationMs / 1000).toFixed(3),
		})}>`,
		...suites,
		'</testsuites>',
		'',
	].join('\n');
}
