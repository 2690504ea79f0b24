import type {Check, Section, SectionId} from './types.js';
import type {SectionText} from './text/check-text.js';
import type {SectionLogic} from './checks/check-logic.js';
import {section1Text, section2Text} from './text/section-1-2.js';
import {section3Text, section4Text} from './text/section-3-4.js';
import {section5Text, section6Text, section7Text} from './text/section-5-7.js';
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
Joins a section's words with its behaviour. Every id with behaviour must have words; an id with words only is listed but not evaluated yet.
*/
export function defineSection(section: SectionId, text: SectionText, logic: SectionLogic): Check[] {
	for (const id of Object.keys(logic)) {
		if (!(id in text)) {
			throw new Error(`Check ${id} has behaviour but no text in section ${section}`);
		}
	}

	return Object.entries(text).map(([id, words]) => {
		const behaviour = logic[id];
		return {
			id,
			section,
			...words,
			needs: behaviour?.needs ?? [],
			audit: behaviour?.audit,
			planFix: behaviour?.planFix && forCheck(id, behaviour.planFix),
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
