import type {BenchmarkVersion} from './benchmark-versions.js';

/** How a daemon restart is done. */
export type RestartMethod =
	| {readonly kind: 'systemd'; readonly argv: readonly string[]}
	| {readonly kind: 'service'; readonly argv: readonly string[]}
	| {readonly kind: 'command'; readonly argv: readonly string[]};

/** One step of a fix plan. Every step is shown to the operator exactly as it will run. */
export type Step =
	| {
		readonly kind: 'run';
		readonly argv: readonly string[];
		/** The command that reverses it, run on rollback and undo. */
		readonly undoArgv?: readonly string[];
	}
	| {
		readonly kind: 'write';
		/** Host path. */
		readonly path: string;
		/** Current content; undefined when the file does not exist yet. */
		readonly before?: string;
		readonly after: string;
		/** Mode for a new file (an existing file keeps its own). */
		readonly mode: number;
		/**
		The change as a function of the file's text, so that several plans writing one file can be merged into one write
		(a batch): the merged `after` is every edit applied in turn to `before`.
		*/
		readonly edit?: (text: string | undefined) => string;
		/** `dockerd-config`: the new text is a daemon.json, checked with `dockerd --validate` (Docker 23 and later) before it is written. */
		readonly validate?: 'dockerd-config';
	}
	| {
		/** Removes a file this fix had created (undo). */
		readonly kind: 'remove';
		readonly path: string;
		/** Its current content, checked before removing. */
		readonly before: string;
	}
	| {
		readonly kind: 'chown';
		readonly path: string;
		readonly uid: number;
		readonly gid: number;
		/** Owner and group names for display, e.g. root:docker. */
		readonly owner: string;
		/** Current owner, restored on rollback and undo. */
		readonly before: {readonly uid: number; readonly gid: number};
	}
	| {
		readonly kind: 'chmod';
		readonly path: string;
		/** Permission bits, e.g. 0o644. */
		readonly mode: number;
		/** Current permission bits, restored on rollback and undo. */
		readonly before: number;
	}
	| {
		readonly kind: 'restart-daemon';
		readonly method: RestartMethod;
		/** A `docker info` security option that must be present after the restart, e.g. `name=userns`. */
		readonly expectSecurityOption?: string;
	};

/** A fix, planned and ready to be confirmed. */
export type Plan = {
	/** The checks this plan fixes. */
	readonly checkIds: readonly string[];
	/** The CIS Docker Benchmark version of those ids (absent: v1.6.0, as plans and journal entries were before versions). */
	readonly benchmark?: BenchmarkVersion;
	readonly title: string;
	readonly steps: readonly Step[];
	/** Impact warnings, shown before the confirm. */
	readonly warnings: readonly string[];
	/** Set when the plan needs root. */
	readonly needsRoot: boolean;
	/** In a batch: checks that were asked for but need nothing (they pass already), each with the reason. */
	readonly skipped?: ReadonlyArray<{readonly id: string; readonly reason: string}>;
	/**
	How the result is verified: `checks-pass` (the default) re-runs the checks and wants PASS; `none` only reports them
	(undo, or a rule that is persisted but can only be loaded by a reboot).
	*/
	readonly verify?: 'checks-pass' | 'none';
	/** Set on an undo plan: the journal entry it reverts. */
	readonly undoes?: string;
	/** Set on the plan that restores an interrupted fix: the id of its pending record, removed once restored. */
	readonly recovers?: string;
};

/** A planner either gives a plan or refuses with one clear reason. */
export type PlanOutcome =
	| {readonly ok: true; readonly plan: Plan}
	| {
		readonly ok: false;
		readonly reason: string;
		readonly code: RefusalCode;
		/** More lines to show under the reason, e.g. the difference between a file now and what a fix wrote. */
		readonly details?: readonly string[];
		/**
		Set when the only thing missing is how to restart dockerd (its launcher is unknown): the TUI then asks the operator
		(restart with --restart-command, or write now and restart later) and plans again with `unknownLauncher`.
		*/
		readonly restartChoice?: RestartQuestion;
	};

/**
What a fix that must restart dockerd does when dockwarden does not know who launched it (started by hand, or by a tool it
does not know): `ask` refuses with a `restartChoice` for the operator, even when --restart-command was given; `command`
restarts with --restart-command; `later` writes the files and restarts nothing (the operator restarts dockerd later).
Unset (the command line): --restart-command when given, else a refusal. A known launcher ignores it.
*/
export type UnknownLauncher = 'ask' | 'command' | 'later';

/** The question put to the operator when dockerd's launcher is unknown. */
export type RestartQuestion = {
	/** Which dockerd and how its launcher was looked for, e.g. `dockerd pid 812: started by hand`. */
	readonly daemon: string;
	/** The --restart-command, when one was given: offered as a choice. */
	readonly command?: string;
	/** What the choice restarts for: a fix writes daemon.json, an undo restores it. */
	readonly work: 'fix' | 'undo';
};

/** Why a fix could not be planned; each maps to its own exit code. */
export type RefusalCode = 'not-applicable' | 'malformed-config' | 'flag-conflict' | 'docker-unreachable' | 'auditctl-missing' | 'nothing-to-do' | 'changed-since' | 'invalid-config';

/** Options that shape a fix plan. */
export type FixOptions = {
	/** The key given to added audit rules (default `docker`). */
	readonly auditKey: string;
	/** A user-given restart command (`--restart-command`). */
	readonly restartCommand?: string;
	/** What to do about the restart when dockerd's launcher is unknown; see UnknownLauncher. */
	readonly unknownLauncher?: UnknownLauncher;
};

/** What applying a plan did. */
export type ApplyOutcome =
	| {
		readonly ok: true;
		/** One line per step done, in order. */
		readonly log: readonly string[];
		/** Where the journal entry was written (host path). */
		readonly journalEntry?: string;
	}
	| {
		readonly ok: false;
		/** One clear line: what failed. */
		readonly error: string;
		readonly log: readonly string[];
		/** True when every step done before the failure was reverted. */
		readonly rolledBack: boolean;
		/** True when nothing was attempted because another dockwarden holds the lock. */
		readonly busy?: boolean;
		/** True when nothing was attempted because the host's files cannot be written (e.g. --root mounted read-only). */
		readonly readOnly?: boolean;
	};
