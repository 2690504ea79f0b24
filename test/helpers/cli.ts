import {execa} from 'execa';

/** The built CLI: dist/cli.js, or another build named by DOCKWARDEN_TEST_CLI. */
const cliPath = process.env.DOCKWARDEN_TEST_CLI ?? new URL('../../dist/cli.js', import.meta.url).pathname;

/** Runs the built CLI (dist/cli.js) as an operator would, without a TTY. */
export async function runCli(args: readonly string[], environment: Record<string, string> = {}) {
	const result = await execa('node', [cliPath, ...args], {reject: false, env: {NO_COLOR: '1', ...environment}, stdin: 'ignore', timeout: 180_000});
	return {exitCode: result.exitCode, stdout: String(result.stdout), stderr: String(result.stderr)};
}

/** Runs the CLI with --json and parses the report. */
export async function runReport(args: readonly string[]) {
	const result = await runCli(['--json', ...args]);
	return {...result, report: JSON.parse(result.stdout) as {benchmark: {name: string; version: string}; results: Array<{id: string; title: string; status: string; summary: string; evidence: string[]; fixable: boolean}>; summary: Record<string, number>}};
}
