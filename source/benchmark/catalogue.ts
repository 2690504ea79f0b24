import type {Check, Section, SectionId} from './types.js';
import type {CheckText} from './text/check-text.js';
import type {CheckLogic, SectionLogic} from './checks/check-logic.js';
import {section1Text, section1TextSince170} from './text/section-1-host.js';
import {section2Text} from './text/section-2-daemon.js';
import {section3Text} from './text/section-3-files.js';
import {section4Text} from './text/section-4-images.js';
import {section5Text} from './text/section-5-runtime.js';
import {section6Text} from './text/section-6-operations.js';
import {section7Text} from './text/section-7-swarm.js';
import {section1Logic} from './checks/section-1-host.js';
import {section2Logic} from './checks/section-2-daemon.js';
import {section3Logic} from './checks/section-3-files.js';
import {section4Logic} from './checks/section-4-images.js';
import {section5Logic} from './checks/section-5-runtime.js';
import {section6Logic} from './checks/section-6-operations.js';
import {section7Logic} from './checks/section-7-swarm.js';
import {atLeast, hasKey, idInVersion, newestBenchmark, type BenchmarkVersion} from '../model/benchmark-versions.js';

/** The seven sections, the same in every version. */
export const sections: readonly Section[] = [
	{id: '1', title: 'Host Configuration'},
	{id: '2', title: 'Docker daemon configuration'},
	{id: '3', title: 'Docker daemon configuration files'},
	{id: '4', title: 'Container Images and Build File'},
	{id: '5', title: 'Container Runtime'},
	{id: '6', title: 'Docker Security Operations'},
	{id: '7', title: 'Docker Swarm Configuration'},
];

/** Names the check (by its id in the version) in every plan its planner makes. */
function forCheck(id: string, benchmark: BenchmarkVersion, planFix: NonNullable<Check['planFix']>): NonNullable<Check['planFix']> {
	return (facts, options) => {
		const outcome = planFix(facts, options);
		return outcome.ok ? {ok: true, plan: {...outcome.plan, checkIds: [id], benchmark}} : outcome;
	};
}

/** A check of the catalogue, by its stable key, before a version gives it an id. */
type KeyedCheck = Omit<Check, 'id' | 'key' | 'benchmark'> & {readonly key: string};

/**
Joins a section's words with its behaviour. The compiler holds the two tables to the same ids (see SectionLogic).
*/
export function defineSection<Id extends string>(section: SectionId, text: Readonly<Record<Id, CheckText>>, logic: SectionLogic<Id>): KeyedCheck[] {
	return (Object.keys(text) as Id[]).map(key => {
		const behaviour: CheckLogic = logic[key];
		return {key, section, ...text[key], needs: behaviour.needs, audit: behaviour.audit, planFix: behaviour.planFix};
	});
}

/** Every check of every version, by stable key, in benchmark order (a check new in a version sits where that version puts it). */
export const allCheckKeys: readonly KeyedCheck[] = [
	...defineSection('1', section1Text, section1Logic),
	...defineSection('2', section2Text, section2Logic),
	...defineSection('3', section3Text, section3Logic),
	...defineSection('4', section4Text, section4Logic),
	...defineSection('5', section5Text, section5Logic),
	...defineSection('6', section6Text, section6Logic),
	...defineSection('7', section7Text, section7Logic),
];

/** Words that a version changes, by key. */
function wordsIn(version: BenchmarkVersion, key: string): Partial<CheckText> {
	return atLeast(version, '1.7.0') ? (section1TextSince170 as Readonly<Record<string, Partial<CheckText>>>)[key] ?? {} : {};
}

/** The checks of one version of the benchmark, with that version's ids and words. */
export type Catalogue = {
	readonly version: BenchmarkVersion;
	readonly checks: readonly Check[];
	readonly sections: readonly Section[];
	/** The check with this id in this version. */
	findCheck(id: string): Check | undefined;
	/** The check with this stable key, when this version has it. */
	byKey(key: string): Check | undefined;
};

function buildCatalogue(version: BenchmarkVersion): Catalogue {
	const versionChecks: Check[] = allCheckKeys.filter(check => hasKey(version, check.key)).map(check => {
		const id = idInVersion(version, check.key);
		return {...check, ...wordsIn(version, check.key), id, benchmark: version, planFix: check.planFix && forCheck(id, version, check.planFix)};
	});
	const byId = new Map(versionChecks.map(check => [check.id, check]));
	const byKey = new Map(versionChecks.map(check => [check.key, check]));
	return {
		version,
		checks: versionChecks,
		sections,
		findCheck: id => byId.get(id),
		byKey: key => byKey.get(key),
	};
}

const catalogues = new Map<BenchmarkVersion, Catalogue>();

/** The catalogue of one version (built once). */
export function catalogueOf(version: BenchmarkVersion): Catalogue {
	let catalogue = catalogues.get(version);
	if (!catalogue) {
		catalogue = buildCatalogue(version);
		catalogues.set(version, catalogue);
	}

	return catalogue;
}

/** The id in `to` of the check that is `id` in `from`; undefined when `to` does not have that check. */
export function translateId(id: string, from: BenchmarkVersion, to: BenchmarkVersion): string | undefined {
	const key = catalogueOf(from).findCheck(id)?.key;
	return key === undefined ? undefined : catalogueOf(to).byKey(key)?.id;
}

/** The checks of the newest version, in benchmark order. */
export const checks: readonly Check[] = catalogueOf(newestBenchmark).checks;

/** The check with this id in the newest version, if any. */
export function findCheck(id: string): Check | undefined {
	return catalogueOf(newestBenchmark).findCheck(id);
}

/** The checks of one section of the newest version, in order. */
export function checksOfSection(section: SectionId): Check[] {
	return checks.filter(check => check.section === section);
}
