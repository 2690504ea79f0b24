import fs from 'node:fs';
import {catalogueOf, sections} from './benchmark/catalogue.js';
import {benchmarkVersions, isBenchmarkVersion, newestBenchmark, type BenchmarkVersion} from './model/benchmark-versions.js';
import type {Check} from './benchmark/types.js';
import {description, version} from './commands/output.js';
import {exitCodes, type Fatal} from './exit-codes.js';
import {kebabCase, parseFlags, type FlagSpec} from './flags.js';
import {resolveDockerHost} from './host/docker-api.js';
import {auditKeyProblem} from './model/rule-path.js';
import {parseHostsFile, parseSshTarget, type SshTarget} from './host/ssh/ssh-target.js';

/** The help text; every flag is listed here and in the readme. */
export const helpText = `
	Usage
	  $ dockwarden                     open the TUI (when stdin and stdout are terminals)
	  $ dockwarden --format FORMAT     run the checks and print a report (text is the default without a TTY)
	  $ dockwarden summarize REPORT.json…
	                                  one table of warn counts, host × section, from many --format json reports
	  $ dockwarden fix ID[,ID…] [--dry-run] [--yes]
	                                  show the plan of a fix (several: one merged plan), or apply it
	  $ dockwarden undo [ENTRY] [--force] [--dry-run] [--yes]
	                                  revert the last applied fix, or ENTRY of the journal
	  $ dockwarden journal            list the applied fixes, newest first
	  $ dockwarden --demo             the TUI (or a report) on a bundled sample host: learn and try fixes safely

	Options
	  --json                 same as --format json
	  --format               text, json, sarif, junit, markdown, docker-bench (Docker Bench for Security's JSON log)
	                         or prometheus (a node_exporter textfile)
	  --output FILE          write the report to FILE instead of stdout
	  --fail-on warn|note|none  what makes a report exit 1 (default warn)
	  --waivers FILE         the waivers file (default /etc/dockwarden/waivers.json under --root)
	  --summary FILE         with the TUI: write the session summary there as Markdown
	  --benchmark VERSION    the CIS Docker Benchmark version whose ids and titles to use: 1.6.0, 1.7.0 or 1.8.0
	                         (default 1.8.0, the newest; also DOCKWARDEN_BENCHMARK)
	  --check IDS            only these checks, e.g. 1.1.3,2.10
	  --section IDS          only these sections, e.g. 1,2
	  --exclude IDS          skip these checks or sections
	  --level 1|2            only checks of this CIS profile level (1 = level 1 only)
	  --root DIR             read host files under DIR (default /), e.g. a host mounted into a container
	  --docker-host URL      default: $DOCKER_HOST, else unix:///var/run/docker.sock
	  --audit-key KEY        the key of audit rules that fixes add (default docker)
	  --restart-command CMD  how to restart dockerd (default: systemctl, else /etc/init.d/docker)
	  --restart-timeout S    how long a restart may take before the fix is rolled back (default 90)
	  --dry-run              with fix and undo: print the plan, change nothing
	  --yes                  with fix and undo: apply without asking
	  --force                with undo: restore even when the files have changed since the fix
	  --host ssh://[user@]host[:port]
	                         audit (and fix) that host over SSH; nothing is installed there. Several --host: a fleet
	  --hosts FILE           a fleet: one ssh://[user@]host[:port] per line
	                         (with --host, --root and --docker-host name a directory and a socket on the target)
	  --demo                 audit a sample host in a sandbox instead of this machine: no Docker, root or audit needed
	  --read-only            triage mode: no fix, undo or waiver is offered; fix and undo exit 13
	                         (also DOCKWARDEN_READ_ONLY=1 or true)
	  --no-color             no colours (NO_COLOR is honoured too)
	  --help, --version

	Exit codes
	  0 no WARN (or the fix was applied and verified)   1 at least one WARN (see --fail-on)
	  2 usage error   3 Docker daemon unreachable   4 a fix needs root
	  5 auditctl missing   6 fix refused, nothing written   7 fix failed and was rolled back
	  9 SSH host unreachable   10 SSH login refused   11 SSH host key unknown or changed   12 SSH connection lost
	  8 another dockwarden is changing the host   13 refused: read-only mode   130 interrupted
`;

/** The report formats. */
export const reportFormats = ['text', 'json', 'sarif', 'junit', 'markdown', 'docker-bench', 'prometheus'] as const;
export type ReportFormat = typeof reportFormats[number];

/** What the command line asks for. */
export type Options = {
	readonly mode: 'tui' | 'report' | 'fix' | 'undo' | 'journal' | 'summarize';
	readonly format: ReportFormat;
	/** --output: write the report to this file instead of stdout. */
	readonly output?: string;
	/** --waivers FILE, instead of /etc/dockwarden/waivers.json under --root. */
	readonly waiversFile?: string;
	/** --summary FILE: where the TUI writes its session summary as Markdown. */
	readonly summaryFile?: string;
	/** The report files of `summarize`. */
	readonly reportFiles: readonly string[];
	readonly checks: readonly Check[];
	/** --benchmark or DOCKWARDEN_BENCHMARK: the CIS version whose ids and titles are used (ids given on the command line are of it). */
	readonly benchmark: BenchmarkVersion;
	/** The statuses that make a report exit 1: warn (the default), warn and note, or none. */
	readonly failOn: 'warn' | 'note' | 'none';
	readonly root: string;
	readonly dockerHost: string;
	readonly auditKey: string;
	readonly restartCommand?: string;
	/** How long a daemon restart may take before the fix is rolled back. */
	readonly restartTimeoutMs: number;
	/** The checks of `fix ID[,ID…]`. */
	readonly fixIds: readonly string[];
	/** The entry of `undo ENTRY`. */
	readonly undoEntry?: string;
	readonly force: boolean;
	readonly dryRun: boolean;
	readonly yes: boolean;
	readonly color: boolean;
	/** --demo: the sample host in a sandbox, not this machine. */
	readonly demo: boolean;
	/** --host ssh://… (several: a fleet) and the hosts of --hosts FILE: audit these over SSH instead of this machine. */
	readonly hosts: readonly SshTarget[];
	/** With hosts: --docker-host as given, the Docker socket on the target (undefined: the target's DOCKER_HOST, else its default socket). */
	readonly remoteDockerHost?: string;
	/** --read-only or DOCKWARDEN_READ_ONLY=1/true: no fix, undo or waiver anywhere; fix and undo are refused. */
	readonly readOnly: boolean;
};

function list(values: readonly string[]): string[] {
	return values.flatMap(value => value.split(',')).map(value => value.trim()).filter(Boolean);
}

function matches(check: Check, id: string): boolean {
	return check.id === id || check.section === id || check.id.startsWith(`${id}.`);
}

/**
DOCKWARDEN_READ_ONLY as a switch: `1` or `true` (any case) is on; unset, empty, `0` or `false` is off; anything else is
undefined, a usage error rather than a guess either way.
*/
export function readOnlyFromEnvironment(value: string | undefined): boolean | undefined {
	const text = (value ?? '').trim().toLowerCase();
	if (text === '1' || text === 'true') {
		return true;
	}

	return text === '' || text === '0' || text === 'false' ? false : undefined;
}

/** The hosts of --host (each an ssh:// URL) and of --hosts FILE, or the first error. */
function remoteHosts(urls: readonly string[], file: string | undefined): SshTarget[] | {error: string} {
	const hosts: SshTarget[] = [];
	for (const text of urls) {
		const parsed = parseSshTarget(text);
		if ('error' in parsed) {
			return parsed;
		}

		hosts.push(parsed);
	}

	if (file !== undefined) {
		let text: string;
		try {
			text = fs.readFileSync(file, 'utf8');
		} catch {
			return {error: `--hosts ${file} cannot be read`};
		}

		const parsed = parseHostsFile(text, file);
		if ('error' in parsed) {
			return parsed;
		}

		hosts.push(...parsed);
	}

	return hosts;
}

/**
Every flag, under its name in the code; on the command line in kebab-case (failOn is --fail-on), a boolean also as
--no-NAME (see flags.ts).
*/
const flagSpecs = {
	json: {type: 'boolean', default: false},
	format: {type: 'string'},
	output: {type: 'string'},
	waivers: {type: 'string'},
	summary: {type: 'string'},
	check: {type: 'string', multiple: true},
	section: {type: 'string', multiple: true},
	exclude: {type: 'string', multiple: true},
	level: {type: 'number'},
	failOn: {type: 'string', default: 'warn'},
	root: {type: 'string', default: '/'},
	dockerHost: {type: 'string'},
	auditKey: {type: 'string', default: 'docker'},
	restartCommand: {type: 'string'},
	restartTimeout: {type: 'number', default: 90},
	dryRun: {type: 'boolean', default: false},
	yes: {type: 'boolean', default: false},
	force: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	demo: {type: 'boolean', default: false},
	host: {type: 'string', multiple: true},
	hosts: {type: 'string'},
	readOnly: {type: 'boolean', default: false},
	benchmark: {type: 'string'},
	help: {type: 'boolean', default: false},
	version: {type: 'boolean', default: false},
} as const satisfies Record<string, FlagSpec>;

/** The names of the flags on the command line, --help and --version included. */
export const flagNames: readonly string[] = Object.keys(flagSpecs).map(name => `--${kebabCase(name)}`);

/**
What --help prints, as meow printed it: package.json's description, then the help text without its first and last
newlines, each line's tab made two spaces, and a blank line after it.
*/
export function helpOutput(packageDescription: string): string {
	const help = helpText.replaceAll(/^\n+|\n+$/g, '').replaceAll(/^\t/gm, '  ');
	return `${packageDescription ? `\n  ${packageDescription}\n` : ''}\n${help}\n\n`;
}

/** What --help and --version print on stdout, after which dockwarden exits 0. */
export type Printout = {readonly print: string};

/** Parses argv into Options, a usage error, or what --help or --version prints. */
export function parseOptions(argv: readonly string[], environment: NodeJS.ProcessEnv, isTty: boolean): Options | Fatal | Printout {
	const parsed = parseFlags(argv, flagSpecs);
	const usage = (message: string): Fatal => ({message, code: exitCodes.usage});
	if ('error' in parsed) {
		return usage(parsed.error);
	}

	const {flags, input} = parsed;
	if (flags.help || flags.version) {
		return {print: flags.help ? helpOutput(description) : `${version}\n`};
	}

	const readOnlyVariable = readOnlyFromEnvironment(environment.DOCKWARDEN_READ_ONLY);
	if (readOnlyVariable === undefined) {
		return usage(`DOCKWARDEN_READ_ONLY=${JSON.stringify(environment.DOCKWARDEN_READ_ONLY)} is not understood: use 1 or true (read-only), 0, false or empty (off)`);
	}

	const benchmark = (flags.benchmark ?? (environment.DOCKWARDEN_BENCHMARK || undefined) ?? newestBenchmark).replace(/^v(?=\d)/i, '');
	if (!isBenchmarkVersion(benchmark)) {
		return usage(`unknown ${flags.benchmark === undefined ? 'DOCKWARDEN_BENCHMARK' : '--benchmark'} ${JSON.stringify(benchmark)}: use ${benchmarkVersions.join(', ')}`);
	}

	const {checks} = catalogueOf(benchmark);
	const format = (flags.json ? 'json' : flags.format ?? 'text') as ReportFormat;
	if (!reportFormats.includes(format)) {
		return usage(`unknown --format ${format}: use ${reportFormats.join(', ')}`);
	}

	const [command, ...rest] = input;
	if (command !== undefined && !['fix', 'undo', 'journal', 'summarize'].includes(command)) {
		return usage(`unknown command "${command}": dockwarden takes no command, or fix ID[,ID…], undo [ENTRY], journal, summarize REPORT.json…`);
	}

	if (command === 'summarize' && rest.length === 0) {
		return usage('summarize takes the report files to summarize: dockwarden summarize host-a.json host-b.json');
	}

	if (command === 'fix' && rest.length !== 1) {
		return usage('fix takes check ids, joined by commas: dockwarden fix 1.1.3 or dockwarden fix 1.1.3,1.1.4,2.9');
	}

	if ((command === 'undo' && rest.length > 1) || (command === 'journal' && rest.length > 0)) {
		return usage(command === 'undo' ? 'undo takes at most one journal entry: dockwarden undo [ENTRY]' : 'journal takes no argument');
	}

	if (flags.demo && command !== undefined && command !== 'summarize') {
		return usage(`--demo opens the TUI or prints a report of the sample host; its sandbox lasts one run, so ${command} has nothing to work on: try the fix in dockwarden --demo`);
	}

	if (flags.demo && (flags.root !== '/' || flags.dockerHost !== undefined || flags.waivers !== undefined || flags.restartCommand !== undefined)) {
		return usage('--demo audits the bundled sample host in its sandbox: it takes no --root, --docker-host, --waivers or --restart-command');
	}

	const hosts = remoteHosts(flags.host, flags.hosts);
	if ('error' in hosts) {
		return usage(hosts.error);
	}

	if (hosts.length > 0 && flags.demo) {
		return usage('--demo audits the bundled sample host on this machine: it takes no --host or --hosts');
	}

	if (hosts.length > 1 && command !== undefined && command !== 'summarize') {
		return usage(`${command} works on one host at a time: give one --host for it`);
	}

	if (hosts.length > 0 && !flags.root.startsWith('/')) {
		return usage(`--root ${flags.root}: with --host it names a directory on the target, and must be absolute`);
	}

	if (hosts.length > 0 && flags.dockerHost !== undefined && !/^(?:unix:\/\/)?\//.test(flags.dockerHost)) {
		return usage(`--docker-host ${flags.dockerHost}: with --host it names the Docker socket on the target, as unix:///PATH`);
	}

	const fixIds = command === 'fix' ? list(rest) : [];
	const known = new Set(checks.map(check => check.id));
	const sectionIds = new Set<string>(sections.map(section => section.id));
	const wanted = list(flags.check);
	const wantedSections = list(flags.section);
	const excluded = list(flags.exclude);
	for (const id of [...wanted, ...fixIds]) {
		if (!known.has(id)) {
			return usage(`unknown check id ${id}: ids are as in CIS Docker Benchmark v${benchmark} (--benchmark), e.g. 1.1.3 or ${benchmark === '1.8.0' ? '2.10' : '2.9'}`);
		}
	}

	for (const id of wantedSections) {
		if (!sectionIds.has(id)) {
			return usage(`unknown section ${id}: sections are 1 to 7`);
		}
	}

	for (const id of excluded) {
		if (!checks.some(check => matches(check, id))) {
			return usage(`unknown check or section ${id} in --exclude`);
		}
	}

	if (!['warn', 'note', 'none'].includes(flags.failOn)) {
		return usage(`unknown --fail-on ${flags.failOn}: use warn, note or none`);
	}

	if (flags.level !== undefined && flags.level !== 1 && flags.level !== 2) {
		return usage('--level takes 1 or 2');
	}

	if (!(flags.restartTimeout > 0 && Number.isFinite(flags.restartTimeout))) {
		return usage('--restart-timeout takes a number of seconds above 0, e.g. 90');
	}

	// With --host, --root is a directory on the target: the target says whether it is there.
	let root = flags.root.length > 1 ? flags.root.replace(/\/+$/, '') : flags.root;
	try {
		root = hosts.length > 0 ? root : fs.realpathSync(flags.root);
		if (hosts.length === 0 && !fs.statSync(root).isDirectory()) {
			return usage(`--root ${flags.root} is not a directory`);
		}
	} catch {
		return usage(`--root ${flags.root} cannot be read`);
	}

	const selected = checks.filter(check =>
		(wanted.length === 0 && wantedSections.length === 0 ? true : wanted.includes(check.id) || wantedSections.includes(check.section))
		&& !excluded.some(id => matches(check, id))
		&& (flags.level === undefined || check.level <= flags.level));
	if (selected.length === 0) {
		return usage('the selection (--check, --section, --exclude, --level) leaves no check to run');
	}

	// The key goes into audit rules and their lines: one that could split a rule is refused before anything runs.
	const keyProblem = auditKeyProblem(flags.auditKey);
	if (keyProblem) {
		return usage(`--audit-key: ${keyProblem}`);
	}

	const interactive = isTty && !environment.CI && !flags.json && flags.format === undefined && flags.output === undefined;
	return {
		mode: command === 'fix' || command === 'undo' || command === 'journal' || command === 'summarize' ? command : (interactive ? 'tui' : 'report'),
		format,
		failOn: flags.failOn as Options['failOn'],
		output: flags.output,
		waiversFile: flags.waivers,
		summaryFile: flags.summary,
		reportFiles: command === 'summarize' ? rest : [],
		checks: selected,
		benchmark,
		root,
		dockerHost: resolveDockerHost(flags.dockerHost, environment),
		auditKey: flags.auditKey,
		restartCommand: flags.restartCommand,
		restartTimeoutMs: flags.restartTimeout * 1000,
		fixIds,
		undoEntry: command === 'undo' ? rest[0] : undefined,
		force: flags.force,
		dryRun: flags.dryRun,
		yes: flags.yes,
		color: flags.color && environment.NO_COLOR === undefined,
		demo: flags.demo,
		hosts,
		remoteDockerHost: hosts.length > 0 ? flags.dockerHost : undefined,
		readOnly: flags.readOnly || readOnlyVariable,
	};
}
