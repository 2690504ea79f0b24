import type {HostPaths, ResolvedPath} from '../../model/facts.js';

/** The path each audit-rule check (1.1.3–1.1.18) judges, picked from the host's resolved paths, keyed by the check's stable key (v1.7.0's 1.1.9 is 1.1.9@1.7.0). */
export const auditWatchPaths: Readonly<Record<string, (paths: HostPaths) => ResolvedPath>> = {
	'1.1.3': paths => paths.dockerd,
	'1.1.4': paths => paths.runContainerd,
	'1.1.5': paths => paths.dockerRootDir,
	'1.1.6': paths => paths.etcDocker,
	'1.1.7': paths => paths.dockerService,
	'1.1.8': paths => paths.containerdSocket,
	'1.1.9': paths => paths.dockerSocketUnit,
	'1.1.9@1.7.0': paths => paths.dockerSocket,
	'1.1.10': paths => paths.etcDefaultDocker,
	'1.1.11': paths => paths.daemonJson,
	'1.1.12': paths => paths.containerdConfig,
	'1.1.13': paths => paths.etcSysconfigDocker,
	'1.1.14': paths => paths.containerd,
	'1.1.15': paths => paths.containerdShim,
	'1.1.16': paths => paths.containerdShimRuncV1,
	'1.1.17': paths => paths.containerdShimRuncV2,
	'1.1.18': paths => paths.runc,
};

/** True for the keys of the audit-rule checks. */
export function isAuditWatchCheck(key: string): boolean {
	return Object.hasOwn(auditWatchPaths, key);
}
