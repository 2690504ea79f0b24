import type {Check} from '../types.js';

/** The behaviour of one check: which facts it reads, its pure audit, and its fix planner if it has one. */
export type CheckLogic = Pick<Check, 'needs' | 'audit' | 'planFix'>;

/** Check behaviour of one section, keyed by check id. */
export type SectionLogic = Readonly<Record<string, CheckLogic>>;
