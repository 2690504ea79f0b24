import {sections} from '../benchmark/catalogue.js';
import {runChecks} from '../benchmark/runner.js';
import {exitCodes} from '../exit-codes.js';
import type {Options} from '../options.js';
import {formatJson} from '../report/json.js';
import {buildReport, type Report} from '../report/report.js';
import {formatText} from '../report/text.js';
import type {Session} from '../session.js';
import {applyWaivers, expiredNotice, expiredWaivers, localDay} from '../waivers/apply-waivers.js';
import {writeOperatorFile} from '../host/operator-file.js';
import {fail, notice, version, write} from './output.js';

/** The report in the format asked for; the writers other than text and JSON are loaded only when used. */
async function formatReport(options: Options, report: Report): Promise<string> {
	switch (options.format) {
		case 'json': {
			return formatJson(report);
		}

		case 'sarif': {
			return (await import('../report/sarif.js')).formatSarif(report, options.checks);
		}

		case 'junit': {
			return (await import('../report/junit.js')).formatJunit(report);
		}

		case 'markdown': {
			return (await import('../report/markdown.js')).formatMarkdown(report);
		}

		case 'docker-bench': {
			return (await import('../report/docker-bench.js')).formatDockerBench(report, options.checks, sections);
		}

		case 'prometheus': {
			return (await import('../report/prometheus.js')).formatPrometheus(report);
		}

		case 'text': {
			return formatText(report, sections, options.color && !options.output && process.stdout.isTTY === true);
		}
	}
}

/** Runs the checks and prints the report. */
export async function report(options: Options, session: Session): Promise<number> {
	const startedAt = new Date();
	const source = session.freshFacts();
	// The checks start at once, beside the waivers file: over SSH, their first reads share its round trip.
	const running = runChecks(options.checks, source);
	let inForce;
	try {
		inForce = await session.waivers();
	} catch (error) {
		running.catch(() => undefined);
		return fail({message: (error as Error).message, code: exitCodes.usage});
	}

	const today = localDay();
	for (const waiver of expiredWaivers(inForce, today)) {
		notice(expiredNotice(waiver));
	}

	const results = applyWaivers(await running, inForce, today);
	const [host, docker] = await Promise.all([source.get('host'), source.get('docker')]);
	const built = buildReport({
		version,
		hostname: host.hostname,
		dockerVersion: docker.reachable ? docker.info.ServerVersion : undefined,
		root: host.root,
		demo: host.demo,
		via: session.access.remote?.via,
		sshRoundTrips: session.access.remote?.roundTrips(),
		startedAt,
		durationMs: Date.now() - startedAt.getTime(),
		checks: options.checks,
		results,
		benchmark: options.benchmark,
	});
	const text = await formatReport(options, built);
	if (options.output) {
		try {
			await writeOperatorFile(options.output, text);
		} catch (error) {
			return fail({message: `cannot write the report to ${options.output}: ${(error as Error).message}`, code: exitCodes.usage});
		}
	} else {
		write(text);
	}
	if (!host.isRoot) {
		notice('not running as root: live audit rules and root-only files could not be read (run it with sudo for a complete audit)');
	}

	if (!docker.reachable && options.checks.some(check => check.needs.includes('docker'))) {
		return fail({message: `cannot reach the Docker daemon at ${docker.host}: ${docker.error}; the checks that need it are reported as error`, code: exitCodes.dockerUnreachable});
	}

	const failing = options.failOn === 'none' ? 0 : built.summary.warn + (options.failOn === 'note' ? built.summary.note : 0);
	return failing > 0 ? exitCodes.warn : exitCodes.ok;
}
