/**
The Docker host of a floor's command line: --docker-host, else the local socket (the bench always gives one). Not the
app's resolveDockerHost: its module would bring dockerode into the bundle of audit-node.ts.
*/
export function dockerHost(argv: readonly string[]): string {
	const at = argv.indexOf('--docker-host');
	return (at === -1 ? undefined : argv[at + 1]) ?? 'unix:///var/run/docker.sock';
}
