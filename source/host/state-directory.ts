/** Where dockwarden keeps its journal, backups and lock on the host (under --root) when it runs as root. */
export const stateDirectory = '/var/lib/dockwarden';

/**
The state directory of a process: /var/lib/dockwarden for root; for an ordinary user (fixing the daemon.json of a rootless daemon of
their own, which needs no root) `$XDG_STATE_HOME/dockwarden`, by default `~/.local/state/dockwarden`.
*/
export function stateDirectoryFor(isRoot: boolean, environment: Readonly<Record<string, string | undefined>>): string {
	if (isRoot) {
		return stateDirectory;
	}

	const base = environment.XDG_STATE_HOME?.startsWith('/') ? environment.XDG_STATE_HOME : `${environment.HOME ?? '/nonexistent'}/.local/state`;
	return `${base.replace(/\/+$/, '')}/dockwarden`;
}
