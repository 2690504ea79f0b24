import type {ExecutionContext} from 'ava';
import type {CheckLogic} from '../../source/benchmark/checks/check-logic.js';
import type {Facts} from '../../source/model/facts.js';
import {onlyDeclared} from '../../source/benchmark/runner.js';

/** A section's logic table looked up by any string, as tests do: the source's tables are keyed by their text ids. */
export type LooseLogic = Readonly<Record<string, CheckLogic>>;

/**
The facts as a check sees them when it runs: reading a fact that `needs` does not list throws. The runner's own guard,
so a test cannot pass with a check that the runner would fail.
*/
export function guardedFacts(id: string, needs: CheckLogic['needs'], facts: Facts): Facts {
	return onlyDeclared(id, needs, facts);
}

/**
Asserts that every audit (and fix planner) of a section reads only the facts its `needs` lists, on each of the given facts,
with the same guard the runner puts around them.
*/
export function readsOnlyItsNeeds(t: ExecutionContext, logic: LooseLogic, variants: readonly Facts[]): void {
	for (const [id, check] of Object.entries(logic)) {
		for (const facts of variants) {
			const guarded = guardedFacts(id, check.needs, facts);
			t.notThrows(() => check.audit?.(guarded), id);
			t.notThrows(() => check.planFix?.(guarded, {auditKey: 'docker'}), id);
		}
	}
}
