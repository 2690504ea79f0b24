import type {Check} from '../types.js';

/** The behaviour of one check: which facts it reads, its pure audit, and its fix planner if it has one. */
export type CheckLogic = Pick<Check, 'needs' | 'audit' | 'planFix'>;

/**
Check behaviour of one section, keyed by the ids of that section's text table: a logic table `satisfies SectionLogic<SectionNTextId>`,
so an id with behaviour but no words, or words but no behaviour, is a compile error.
*/
export type SectionLogic<Id extends string> = {readonly [K in Id]: CheckLogic};
