/*
The layers of source/, and the direction imports may take between them (npm run deps; part of npm test).
From the top down:

	cli.ts, startup/         the entry: decides the mode, loads the bundle
	main.ts                  flags → a command or the TUI
	commands/, session.ts,   what one run does; the session wires host, checks, fixes and waivers together
	  options.ts, flags.ts, demo/demo-services.ts
	ui/, report/             the TUI and the report writers: they show results, they never touch the host
	fixes/, waivers/         apply and undo plans, read and apply waivers
	benchmark/               the checks and their planners: pure functions of gathered facts
	model/                   what checks, planners, fixes and gatherers share: facts types, settings, modes, parsing

Beside them, host/ (with the demo sandbox, demo/sandbox*.ts and demo/sample-host.ts, that stands in for it) is the
only code that touches the world: the session, fixes/ and waivers/ use it; it imports only model/.
text/ (the one sanitiser) and exit-codes.ts are leaves every layer may use; startup/first-frame.ts is the one
signal the TUI sends up to the entry. A layer imports its own layer and the ones below it, never one above;
each rule below names the imports a layer must not make. test/unit/layers.test.ts proves the rules bite.
*/

/** Paths of the layers above a given one, as regular expressions on the path from the repository root. */
const entry = '^source/(cli\\.ts|startup/(?!first-frame\\.ts))';
const main = '^source/main\\.ts';
const session = '^source/(commands/|session\\.ts|options\\.ts|flags\\.ts|demo/demo-services\\.ts)';
const ui = '^source/ui/';
const report = '^source/report/';
const fixes = '^source/fixes/';
const waivers = '^source/waivers/';
const benchmark = '^source/benchmark/';
const host = '^source/(host/|demo/(sandbox|sample-host))';
const any = (...layers) => layers.join('|');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-runtime-cycle',
			severity: 'error',
			comment: 'Modules must not import each other at run time, however long the ring (type-only imports are erased and allowed).',
			from: {path: '^source/'},
			to: {circular: true, viaOnly: {dependencyTypesNot: ['type-only']}},
		},
		{
			name: 'model-is-the-floor',
			severity: 'error',
			comment: 'source/model/ is shared by checks, planners, fixes and gatherers: it imports only itself and the leaves (text/, exit-codes.ts).',
			from: {path: '^source/model/'},
			to: {path: '^source/', pathNot: '^source/(model/|text/|exit-codes\\.ts)'},
		},
		{
			name: 'text-is-a-leaf',
			severity: 'error',
			comment: 'source/text/ (the sanitiser) is used by every layer and imports none.',
			from: {path: '^source/text/'},
			to: {path: '^source/', pathNot: '^source/text/'},
		},
		{
			name: 'host-only-above-model',
			severity: 'error',
			comment: 'host/ (and the demo sandbox that stands in for it) sits below the session and imports only model/ and the leaves: never ui/, report/, commands/, fixes/, waivers/ or benchmark/.',
			from: {path: host},
			to: {path: '^source/', pathNot: `${host}|^source/(model/|text/|exit-codes\\.ts)`},
		},
		{
			name: 'benchmark-is-pure',
			severity: 'error',
			comment: 'Checks and their planners are pure functions of facts: benchmark/ imports model/ and the leaves, never host/, fixes/, waivers/ or anything above.',
			from: {path: benchmark},
			to: {path: '^source/', pathNot: `${benchmark}|^source/(model/|text/|exit-codes\\.ts)`},
		},
		{
			name: 'fixes-and-waivers-below-ui',
			severity: 'error',
			comment: 'fixes/ and waivers/ sit below ui/ and report/, and do not import each other.',
			from: {path: any(fixes, waivers)},
			to: {path: any(ui, report, session, main, entry)},
		},
		{
			name: 'fixes-and-waivers-apart',
			severity: 'error',
			comment: 'fixes/ and waivers/ are siblings: neither imports the other.',
			from: {path: '^source/(fixes|waivers)/'},
			to: {path: '^source/(fixes|waivers)/', pathNot: '^source/$1/'},
		},
		{
			name: 'ui-and-report-below-session',
			severity: 'error',
			comment: 'ui/ and report/ show what the session hands them: they never import the session, the commands, main or the entry, nor touch the host.',
			from: {path: any(ui, report)},
			to: {path: any(session, main, entry, host)},
		},
		{
			name: 'report-never-imports-ui',
			severity: 'error',
			comment: 'The report path never loads React or Ink.',
			from: {path: report},
			to: {path: ui},
		},
		{
			name: 'session-below-main',
			severity: 'error',
			comment: 'commands/ and the session are called by main, never the other way round.',
			from: {path: session},
			to: {path: any(main, entry)},
		},
		{
			name: 'main-below-the-entry',
			severity: 'error',
			comment: 'main.ts is loaded by the entry (cli.ts through startup/), never the other way round.',
			from: {path: main},
			to: {path: entry},
		},
		{
			name: 'not-to-test',
			severity: 'error',
			comment: 'Nothing in source/ imports from test/.',
			from: {path: '^source/'},
			to: {path: '^test/'},
		},
		{
			name: 'no-unresolvable',
			severity: 'error',
			comment: 'An import that resolves to nothing is a typo or a deleted file.',
			from: {},
			to: {couldNotResolve: true},
		},
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		exclude: {path: '^(dist|node_modules)/'},
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.json'},
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
		},
		reporterOptions: {
			text: {highlightFocused: true},
		},
	},
};
