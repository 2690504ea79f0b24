import type {Check, Section, SectionId} from './types.js';
import type {CheckText} from './text/check-text.js';
import type {CheckLogic, SectionLogic} from './checks/check-logic.js';
import {section1Text} from './text/section-1-host.js';
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

/** The seven sections of CIS Docker Benchmark v1.6.0. */
export const sections: readonly Section[] = [
	{id: '1', title: 'Host Configuration'},
	{id: '2', title: 'Docker daemon configuration'},
	{id: '3', title: 'Docker daemon configuration files'},
	{id: '4', title: 'Container Images and Build File'},
	{id: '5', title: 'Container Runtime'},
	{id: '6', title: 'Docker Security Operations'},
	{id: '7', title: 'Docker Swarm Configuration'},
];

/** Names the check in every plan its planner makes. */
function forCheck(id: string, planFix: NonNullable<Check['planFix']>): NonNullable<Check['planFix']> {
	return (facts, options) => {
		const outcome = planFix(facts, options);
		return outcome.ok ? {ok: true, plan: {...outcome.plan, checkIds: [id]}} : outcome;
	};
}

/**
Joins a section's words with its behaviour. The compiler holds the two tables to the same ids (see SectionLogic).
*/
export function defineSection<Id extends string>(section: SectionId, text: Readonly<Record<Id, CheckText>>, logic: SectionLogic<Id>): Check[] {
	return (Object.keys(text) as Id[]).map(id => {
		const behaviour: CheckLogic = logic[id];
		return {
			id,
			section,
			...text[id],
			needs: behaviour.needs,
			audit: behaviour.audit,
			planFix: behaviour.planFix && forCheck(id, behaviour.planFix),
		};
	});
}

/** All 117 checks, in benchmark order. */
export const checks: readonly Check[] = [
	...defineSection('1', section1Text, section1Logic),
	...defineSection('2', section2Text, section2Logic),
	...defineSection('3', section3Text, section3Logic),
	...defineSection('4', section4Text, section4Logic),
	...defineSection('5', section5Text, section5Logic),
	...defineSection('6', section6Text, section6Logic),
	...defineSection('7', section7Text, section7Logic),
];

const checksById = new Map(checks.map(check => [check.id, check]));

/** The check with this id, if any. */
export function findCheck(id: string): Check | undefined {
	return checksById.get(id);
}

/** The checks of one section, in order. */
export function checksOfSection(section: SectionId): Check[] {
	return checks.filter(check => check.section === section);
}
