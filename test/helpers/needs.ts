import type {ExecutionContext} from 'ava';
import type {SectionLogic} from '../../source/benchmark/checks/check-logic.js';
import type {Facts} from '../../source/benchmark/facts.js';
import {onlyDeclared} from '../../source/benchmark/runner.js';

/**
Asserts that every audit (and fix planner) of a section reads only the facts its `needs` lists, on each of the given facts,
with the same guard the runner puts around them.
*/
export function readsOnlyItsNeeds(t: ExecutionContext, logic: SectionLogic, variants: readonly Facts[]): void {
	for (const [id, check] of Object.entries(logic)) {
		for (const facts of variants) {
			const guarded = onlyDeclared(id, check.needs, facts);
			t.notThrows(() => check.audit?.(guarded), id);
			t.notThrows(() => check.planFix?.(guarded, {auditKey: 'docker'}), id);
		}
	}
}
