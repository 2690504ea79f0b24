import type {Check} from '../benchmark/types.js';
import {createServices, createSession, type SessionOptions} from '../session.js';
import type {Services} from '../ui/services.js';
import {openSandbox} from './sandbox.js';

/** What every demo screen says of where it is. */
export const demoBanner = 'shipyard, a sample host in a sandbox: this machine is never touched';

/**
Opens the demo: a sandbox of the sample host, a session over it, and the TUI's services with the demo's banner.
`dispose` removes the sandbox.
*/
export async function openDemo(options: Omit<SessionOptions, 'root' | 'dockerHost'>, checks?: readonly Check[], sandboxOptions?: Parameters<typeof openSandbox>[0]): Promise<{services: Services; root: string; dispose(): Promise<void>}> {
	const sandbox = await openSandbox(sandboxOptions);
	const session = createSession({...options, root: sandbox.root, dockerHost: sandbox.access.options.dockerHost}, sandbox.access);
	const services = await createServices(session, checks, {demo: {banner: demoBanner}});
	return {services, root: sandbox.root, dispose: sandbox.dispose};
}
