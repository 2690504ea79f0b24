/**
What every audit reads, asked for in the first round trip of a fact source so that the gatherers find it waiting (the
rest is asked for when a gatherer needs it, batched with whatever else is asked at that moment). A wrong guess costs
a line of the first script; a missing one costs a later round trip, never a wrong answer.
*/
const binaryDirectories = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
const binaries = ['dockerd', 'containerd', 'containerd-shim', 'containerd-shim-runc-v1', 'containerd-shim-runc-v2', 'runc', 'apt-get', 'dnf', 'yum', 'zypper', 'apk'];
const unitDirectories = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system'];
const units = ['docker.service', 'docker.socket', 'containerd.service'];
const textFiles = [
	'/etc/docker/daemon.json', '/etc/hostname', '/etc/passwd', '/etc/group', '/etc/subuid', '/etc/subgid',
	'/etc/audit/audit.rules', '/etc/default/docker', '/etc/sysconfig/docker', '/var/snap/docker/current/config/daemon.json',
	'/etc/environment', '/etc/profile', '/etc/bash.bashrc', '/root/.bashrc', '/root/.profile', '/root/.bash_profile',
	'/run/docker.pid', '/run/docker-ssd.pid', '/proc/net/tcp', '/proc/net/tcp6', '/etc/dockwarden/waivers.json',
	// Where the cgroup hierarchies are mounted: the processes of running containers are read from their cgroups.
	'/proc/1/mountinfo',
];
const directories = ['/proc', '/etc/audit/rules.d', '/etc/profile.d', '/etc/docker/certs.d', '/var/lib/dockwarden/journal', ...unitDirectories.flatMap(directory => units.map(unit => `${directory}/${unit}.d`))];
const stats = [
	...binaryDirectories.flatMap(directory => binaries.map(name => `${directory}/${name}`)),
	...unitDirectories.flatMap(directory => units.map(unit => `${directory}/${unit}`)),
	'/', '/etc/docker', '/run/containerd', '/run/containerd/containerd.sock', '/run/systemd/system', '/run/openrc/softlevel', '/etc/init.d/docker',
	'/var/lib/docker', '/var/run/docker.sock', '/etc/default/docker', '/etc/sysconfig/docker', '/etc/containerd/config.toml', '/etc/docker/daemon.json',
];

/** The requests of the first round trip, besides the one pass over /proc. */
export const prefetchRequests: ReadonlyArray<{readonly op: 'S' | 'F' | 'D'; readonly path: string}> = [
	...directories.map(path => ({op: 'D' as const, path})),
	...textFiles.map(path => ({op: 'F' as const, path})),
	...stats.map(path => ({op: 'S' as const, path})),
];
