import type {ContentTrustFacts} from '../model/facts.js';
import type {RootFs} from './root-fs.js';

/** The files where a shell environment for the daemon's clients (root's and every user's) is set. */
const environmentFiles = ['/etc/environment', '/etc/profile', '/etc/bash.bashrc', '/root/.bashrc', '/root/.profile', '/root/.bash_profile'];

/** The last value a file gives DOCKER_CONTENT_TRUST, if any. */
export function contentTrustValue(text: string): string | undefined {
	const matches = [...text.matchAll(/^\s*(?:export\s+)?DOCKER_CONTENT_TRUST\s*=\s*["']?(\w*)["']?/gm)];
	return matches.at(-1)?.[1];
}

/** Reads DOCKER_CONTENT_TRUST from the environment files under --root and from dockwarden's own environment. */
export async function gatherContentTrust(fs: RootFs, environment: NodeJS.ProcessEnv = process.env): Promise<ContentTrustFacts> {
	const profiles = (await fs.readdir('/etc/profile.d')).filter(name => name.endsWith('.sh')).sort().map(name => `/etc/profile.d/${name}`);
	const paths = [...environmentFiles, ...profiles];
	const texts = await Promise.all(paths.map(async path => fs.readText(path).catch(() => undefined)));
	return {
		files: paths.flatMap((path, index) => texts[index] === undefined ? [] : [{path, value: contentTrustValue(texts[index]!)}]),
		environment: environment.DOCKER_CONTENT_TRUST,
	};
}
