/** The words of one check: its title as the benchmark has it (v1.6.0's, unless the check is new in a later version), the rest in our own words. */
export type CheckText = {
	readonly title: string;
	/** CIS profile level. */
	readonly level: 1 | 2;
	/** The benchmark's Automated/Manual label. */
	readonly automated: boolean;
	/** Why the check exists: the risk it guards against. */
	readonly rationale: string;
	/** What following the recommendation costs or changes. */
	readonly impact: string;
	/** How to comply, with the exact commands or settings. */
	readonly remediation: string;
};

/** Check texts of one section, keyed by check id, in benchmark order. */
export type SectionText = Readonly<Record<string, CheckText>>;
