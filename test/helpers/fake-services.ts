import {catalogueOf, sections} from '../../source/benchmark/catalogue.js';
import type {BenchmarkVersion} from '../../source/model/benchmark-versions.js';
import type {Check, Result, Section, Status} from '../../source/benchmark/types.js';
import type {ApplyOutcome, Plan, PlanOutcome} from '../../source/model/plan.js';
import type {JournalSummary, Services} from '../../source/ui/services.js';
import type {ScreenContext} from '../../source/ui/screens/transition.js';

/** The seven CIS Docker Benchmark v1.6.0 sections, as the catalogue has them. */
export const fakeSections: readonly Section[] = sections;

function check(id: string, title: string, extra: Partial<Check> = {}): Check {
	return {
		id,
		key: id,
		benchmark: '1.6.0',
		section: id.split('.')[0] as Check['section'],
		title,
		level: 1,
		automated: true,
		rationale: `Rationale of ${id}.`,
		impact: `Impact of ${id}.`,
		remediation: `Remediation of ${id}.`,
		needs: [],
		...extra,
	};
}

/** A long paragraph, for wrapping and scrolling. */
export const longText = Array.from({length: 12}, (_, index) => `Sentence ${index + 1} explains at some length why the auditing of this binary matters to the operator.`).join(' ');

/** A handful of checks over the sections, with one long fixable WARN (1.1.3). */
export const fakeChecks: readonly Check[] = [
	check('1.1.1', 'Ensure a separate partition for containers has been created', {automated: false}),
	check('1.1.3', 'Ensure auditing is configured for the Docker daemon', {
		rationale: `Audit the Docker daemon. ${longText}`,
		impact: 'Audit logs grow; rotate them.',
		remediation: 'Add the line -w /usr/bin/dockerd -k docker to /etc/audit/rules.d/docker.rules and load it with auditctl.',
	}),
	check('1.1.4', 'Ensure auditing is configured for Docker files and directories - /run/containerd'),
	check('1.1.5', 'Ensure auditing is configured for Docker files and directories - /var/lib/docker'),
	check('1.1.6', 'Ensure auditing is configured for Docker files and directories - /etc/docker'),
	check('2.2', 'Ensure network traffic is restricted between containers on the default bridge'),
	check('2.9', 'Enable user namespace support', {level: 2}),
	check('3.1', 'Ensure that the docker.service file ownership is set to root:root'),
	check('4.1', 'Ensure that a user for the container has been created'),
	check('5.1', 'Ensure swarm mode is not Enabled, if not needed'),
	check('6.1', 'Ensure that image sprawl is avoided'),
	check('7.1', 'Ensure that the minimum number of manager nodes have been created in a swarm'),
];

function result(id: string, status: Status, summary: string, evidence: readonly string[] = [], fixable = false): Result {
	return {id, status, summary, evidence, fixable, durationMs: 1};
}

/** What the fake host answers for each check before any fix. */
export function initialResults(): Record<string, Result> {
	return {
		'1.1.1': result('1.1.1', 'note', 'Review the partition layout by hand'),
		'1.1.3': result('1.1.3', 'warn', 'No audit rule watches /usr/bin/dockerd', [
			'auditctl -l: no watch on /usr/bin/dockerd',
			'/etc/audit/rules.d/*.rules: no watch on /usr/bin/dockerd',
		], true),
		'1.1.4': result('1.1.4', 'warn', 'No audit rule watches /run/containerd', ['auditctl -l: no watch on /run/containerd'], false),
		'1.1.5': result('1.1.5', 'pass', 'Watched by -w /var/lib/docker -k docker'),
		'1.1.6': result('1.1.6', 'skip', '/etc/docker does not exist'),
		'2.2': result('2.2', 'warn', 'icc is enabled', ['daemon.json: no "icc" key'], true),
		'2.9': result('2.9', 'pass', 'userns-remap is default'),
		'3.1': result('3.1', 'pass', 'root:root'),
		'4.1': result('4.1', 'info', 'No containers'),
		'5.1': result('5.1', 'pass', 'Swarm is inactive'),
		'6.1': result('6.1', 'info', '3 images'),
		'7.1': result('7.1', 'skip', 'Swarm is inactive'),
	};
}

/** The plan the fake planner gives: a write with a before/after and a run step. */
export function auditPlan(id: string): Plan {
	return {
		checkIds: [id],
		title: 'Watch /usr/bin/dockerd with auditd',
		steps: [
			{kind: 'run', argv: ['auditctl', '-w', '/usr/bin/dockerd', '-k', 'docker'], undoArgv: ['auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']},
			{kind: 'write', path: '/etc/audit/rules.d/docker.rules', before: '-w /var/lib/docker -k docker\n-w /etc/docker -k dockre\n', after: '-w /var/lib/docker -k docker\n-w /etc/docker -k docker\n-w /usr/bin/dockerd -k docker\n', mode: 0o640},
		],
		warnings: ['Audit logs grow with every docker command.'],
		needsRoot: true,
	};
}

/** The plan the fake batch planner gives: one merged plan whose title names the checks. */
export function batchPlan(ids: readonly string[]): Plan {
	return {
		checkIds: [...ids],
		title: `Fix ${ids.join(', ')} in one go`,
		steps: [
			{kind: 'run', argv: ['auditctl', '-w', '/usr/bin/dockerd', '-k', 'docker']},
			{kind: 'write', path: '/etc/docker/daemon.json', before: '{}\n', after: '{\n\t"icc": false\n}\n', mode: 0o644},
			{kind: 'restart-daemon', method: {kind: 'systemd', argv: ['systemctl', 'restart', 'docker']}},
		],
		warnings: ['The restart stops running containers.'],
		needsRoot: true,
	};
}

/** The plan the fake undo planner gives for an entry. */
export function undoPlan(entry: JournalSummary): Plan {
	return {
		checkIds: [...entry.checkIds],
		title: `Undo ${entry.title}`,
		steps: [
			{kind: 'run', argv: ['auditctl', '-W', '/usr/bin/dockerd', '-k', 'docker']},
			{kind: 'write', path: '/etc/audit/rules.d/docker.rules', before: '-w /usr/bin/dockerd -k docker\n', after: '', mode: 0o640},
		],
		warnings: [],
		needsRoot: true,
		verify: 'none',
		undoes: entry.id,
	};
}

/** Three journal entries, newest first; the oldest has been undone. */
export function fakeJournal(): JournalSummary[] {
	return [
		{
			id: '20251129T054800Z-2.2',
			time: '2025-11-29T05:48:00.000Z',
			title: 'Set "icc": false in daemon.json',
			checkIds: ['2.2'],
			changes: ['wrote /etc/docker/daemon.json (backup /var/lib/dockwarden/backups/daemon.json.1)', 'restarted the daemon'],
		},
		{
			id: '20251128T101500Z-1.1.3',
			time: '2025-11-28T10:15:00.000Z',
			title: 'Watch /usr/bin/dockerd with auditd',
			checkIds: ['1.1.3'],
			changes: ['ran auditctl -w /usr/bin/dockerd -k docker', 'wrote /etc/audit/rules.d/docker.rules (new file)'],
		},
		{
			id: '20251127T090000Z-3.1',
			time: '2025-11-27T09:00:00.000Z',
			title: 'chown root:root docker.service',
			checkIds: ['3.1'],
			changes: ['chown root:root /lib/systemd/system/docker.service'],
			undoneAt: '2025-11-27T09:30:00.000Z',
		},
	];
}

/** A fake `Services` whose runs, plans and fixes the test controls and records. */
export type FakeServices = Services & {
	/** What `run` answers, by check id; tests may change it. */
	readonly results: Record<string, Result>;
	readonly runCalls: Array<{readonly ids: readonly string[]; readonly signal: AbortSignal}>;
	readonly planCalls: string[];
	readonly applyCalls: Plan[];
	/** While set, `run` waits for `release` before each result. */
	hold: boolean;
	/** Lets `count` held results through; without a count, lets everything through and stops holding. */
	release(count?: number): void;
	/** What `planFix` answers; defaults to the audit plan. */
	planOutcome?: PlanOutcome;
	/** What `applyFix` answers; defaults to ok, and then the fixed checks pass (or, for an undo, the entry is marked undone). */
	applyOutcome?: ApplyOutcome;
	readonly batchCalls: Array<readonly string[]>;
	/** What `planBatch` answers; defaults to the batch plan of the ids. */
	batchOutcome?: PlanOutcome;
	/** What `journal` answers, newest first; tests may change it. */
	entries: JournalSummary[];
	/** How many times `journal` was called. */
	journalCalls: number;
	readonly undoCalls: Array<{readonly id: string; readonly force: boolean}>;
	/** What `planUndo` answers, by `force`; defaults to the undo plan of the entry. */
	undoOutcome?: (id: string, force: boolean) => PlanOutcome;
	readonly waiverCalls: Array<{readonly id: string; readonly reason: string; readonly expires?: string}>;
	/** What `addWaiver` answers; defaults to the check's WARN turned `waived` (refused when it is not a WARN). */
	waiverOutcome?: WaiverAnswer;
	/** While set, `applyFix` waits for `releaseApply` before it answers. */
	holdApply: boolean;
	/** Lets a held `applyFix` answer. */
	releaseApply(): void;
	/** The versions selected, in order. */
	readonly selectCalls: BenchmarkVersion[];
};

/** The fake checks in another version: the id and title that version gives each (by its key, a v1.6.0 id), the fake words kept. */
export function fakeChecksIn(checks: readonly Check[], version: BenchmarkVersion): Check[] {
	return checks.flatMap(check => {
		const there = catalogueOf(version).byKey(check.key);
		return there ? [{...check, id: there.id, title: there.title, benchmark: version}] : [];
	});
}

/** What `addWaiver` answers. */
export type WaiverAnswer = Awaited<ReturnType<Services['addWaiver']>>;

/** What a fake `Services` is made of, when a test wants other checks than the fake handful (e.g. the real catalogue's). */
export type FakeOptions = {
	readonly checks?: readonly Check[];
};

/** A fake `Services` for component tests. */
export function createFakeServices({checks = fakeChecks}: FakeOptions = {}): FakeServices {
	const waiting: Array<() => void> = [];
	const applying: Array<() => void> = [];
	let credits = 0;
	let current = checks;
	const fake: FakeServices = {
		sections: fakeSections,
		checks,
		benchmark: checks[0]?.benchmark ?? '1.6.0',
		selectCalls: [],
		checksOf: version => fakeChecksIn(checks, version),
		selectBenchmark(version) {
			fake.selectCalls.push(version);
			current = fakeChecksIn(checks, version);
		},
		banner: 'fakehost · Docker 28.0.1 · root /',
		results: initialResults(),
		runCalls: [],
		planCalls: [],
		applyCalls: [],
		batchCalls: [],
		entries: fakeJournal(),
		journalCalls: 0,
		undoCalls: [],
		waiverCalls: [],
		hold: false,
		holdApply: false,
		releaseApply() {
			fake.holdApply = false;
			for (const resume of applying.splice(0)) {
				resume();
			}
		},
		release(count = Number.POSITIVE_INFINITY) {
			credits += count;
			while (credits > 0 && waiting.length > 0) {
				credits--;
				waiting.shift()!();
			}

			if (count === Number.POSITIVE_INFINITY) {
				fake.hold = false;
				credits = 0;
			}
		},
		async run(ids, onResult, signal) {
			fake.runCalls.push({ids, signal});
			for (const id of ids) {
				if (fake.hold && credits > 0) {
					credits--;
				} else if (fake.hold) {
					// Results come one by one, as the test lets them.
					await new Promise<void>(resolve => {
						waiting.push(resolve);
					});
				}

				signal.throwIfAborted();
				// The answers are kept by the key of each check (its v1.6.0 id); a run under another version gets them under its ids.
				const answer = fake.results[current.find(check => check.id === id)?.key ?? id];
				if (answer) {
					onResult({...answer, id});
				}
			}
		},
		async planFix(id) {
			fake.planCalls.push(id);
			return fake.planOutcome ?? {ok: true, plan: auditPlan(id)};
		},
		async applyFix(plan, onStep) {
			fake.applyCalls.push(plan);
			const outcome = fake.applyOutcome ?? {ok: true, log: ['ran auditctl -w /usr/bin/dockerd -k docker', 'wrote /etc/audit/rules.d/docker.rules (backup /var/backups/docker.rules.1)'], journalEntry: '/var/lib/dockwarden/journal/1.json'};
			for (const line of outcome.log) {
				onStep(line);
			}

			if (fake.holdApply) {
				await new Promise<void>(resolve => {
					applying.push(resolve);
				});
			}

			if (outcome.ok && plan.undoes !== undefined) {
				fake.entries = fake.entries.map(entry => entry.id === plan.undoes ? {...entry, undoneAt: '2025-11-29T06:00:00.000Z'} : entry);
			} else if (outcome.ok) {
				for (const id of plan.checkIds) {
					fake.results[id] = {...fake.results[id]!, status: 'pass', summary: 'Watched by -w /usr/bin/dockerd -k docker', evidence: ['auditctl -l: -w /usr/bin/dockerd -p rwxa -k docker'], fixable: false};
				}
			}

			return outcome;
		},
		async planBatch(ids) {
			fake.batchCalls.push([...ids]);
			return fake.batchOutcome ?? {ok: true, plan: batchPlan(ids)};
		},
		async journal() {
			fake.journalCalls++;
			return fake.entries;
		},
		async planUndo(id, force) {
			fake.undoCalls.push({id, force});
			if (fake.undoOutcome) {
				return fake.undoOutcome(id, force);
			}

			const entry = fake.entries.find(candidate => candidate.id === id);
			return entry ? {ok: true, plan: undoPlan(entry)} : {ok: false, code: 'not-applicable', reason: `there is no journal entry ${id}`};
		},
		async addWaiver(id, reason, expires) {
			fake.waiverCalls.push({id, reason, ...(expires === undefined ? {} : {expires})});
			if (fake.waiverOutcome) {
				return fake.waiverOutcome;
			}

			const current = fake.results[id];
			if (current?.status !== 'warn') {
				return {ok: false, reason: `${id} is not a WARN`};
			}

			const waived: Result = {
				...current,
				status: 'waived',
				waiver: {id, reason, ...(expires === undefined ? {} : {expires}), added: '2026-11-29T06:00:00.000Z'},
			};
			fake.results[id] = waived;
			return {ok: true, result: waived};
		},
	};
	return fake;
}

/** The day component and reducer tests take as today, so that expiry dates are judged the same on every day. */
export const fakeToday = '2026-11-29';

/** A screen context over the fake catalogue, for reducer unit tests: nothing run unless `results` says so. */
export function fakeContext(overrides: Partial<ScreenContext> = {}): ScreenContext {
	return {
		sections: fakeSections,
		checks: fakeChecks,
		results: {},
		pending: {},
		width: 80,
		height: 20,
		today: fakeToday,
		...overrides,
	};
}
