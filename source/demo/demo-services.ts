import type {Check} from '../benchmark/types.js';
import type {BenchmarkVersion} from '../model/benchmark-versions.js';
import {createServices, createSession, type Session} from '../session.js';
import type {Services} from '../ui/services.js';
import {openSandbox, type Sandbox} from './sandbox.js';

/** What every demo screen says of where it is. */
export const demoBanner = 'shipyard, a sample host in a sandbox: this machine is never touched';

/**
What the operator's options change in the demo: only the key of the audit rules its fixes add. The rest belongs to the
real host and stays out of the sandbox: its waivers file (a waiver of the demo must not land in it), its restart
command (the sandbox's dockerd restarts through the sandbox's systemctl), --root and --docker-host.
*/
export type DemoOptions = {
	readonly auditKey: string;
	/** The benchmark version whose ids the demo speaks (default the newest). */
	readonly benchmark?: BenchmarkVersion;
};

/** A session over a sandbox, as over a host. */
export function demoSession(sandbox: Sandbox, options: DemoOptions): Session {
	return createSession({root: sandbox.root, dockerHost: sandbox.access.options.dockerHost, auditKey: options.auditKey, benchmark: options.benchmark}, sandbox.access);
}

/**
Opens the demo: a sandbox of the sample host, a session over it, and the TUI's services with the demo's banner.
`dispose` removes the sandbox.
*/
export async function openDemo(options: DemoOptions, checks?: readonly Check[], sandboxOptions?: Parameters<typeof openSandbox>[0]): Promise<{services: Services; root: string; dispose(): Promise<void>}> {
	const sandbox = await openSandbox(sandboxOptions);
	const services = await createServices(demoSession(sandbox, options), checks, {demo: {banner: demoBanner}});
	return {services, root: sandbox.root, dispose: sandbox.dispose};
}
