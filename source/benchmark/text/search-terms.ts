/**
What operators type when they look for a check, beside its words: the daemon.json keys, dockerd flags, `docker run`
options, Dockerfile instructions, paths and commands each check is about. The `/` filter of the TUI matches them as it
matches title words, so `/userns` finds 2.9 and 5.31 although their titles say "user namespace".
*/

/** The stable key of every check (its v1.6.0 id, or ID@VERSION for one new in a later version), in catalogue order; a unit test holds it equal to the catalogue's. */
export const searchCheckIds = [
	'1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.1.5', '1.1.6', '1.1.7', '1.1.8', '1.1.9', '1.1.9@1.7.0', '1.1.10', '1.1.11', '1.1.12', '1.1.13',
	'1.1.14', '1.1.15', '1.1.16', '1.1.17', '1.1.18', '1.2.1', '1.2.2',
	'2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7@1.8.0', '2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', '2.17', '2.18',
	'3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14', '3.15', '3.16', '3.17',
	'3.18', '3.19', '3.20', '3.21', '3.22', '3.23', '3.24',
	'4.1', '4.2', '4.3', '4.4', '4.5', '4.6', '4.7', '4.8', '4.9', '4.10', '4.11', '4.12',
	'5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '5.10', '5.11', '5.12', '5.13', '5.14', '5.15', '5.16', '5.17',
	'5.18', '5.19', '5.20', '5.21', '5.22', '5.23', '5.24', '5.25', '5.26', '5.27', '5.28', '5.29', '5.30', '5.31', '5.32',
	'6.1', '6.2',
	'7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7.9',
] as const;

/** A check id the search terms know: a missing or unknown id in the table below is a type error. */
export type SearchCheckId = typeof searchCheckIds[number];

/** At least one term. */
type Terms = readonly [string, ...string[]];

/** The audit-watch checks (1.1.3–1.1.18): how their rules are written, loaded and searched. */
const auditTerms = ['auditctl', 'augenrules', 'auditd', '/etc/audit/rules.d/docker.rules', '-w', 'ausearch'] as const;

/** The ownership (`chown`) and mode (`chmod`) checks of section 3. */
const owner = 'chown';
const mode = 'chmod';

/** The terms of every check, keyed by id, most specific first (the first term that matches is the one the filter line names). */
export const searchTerms: Readonly<Record<SearchCheckId, Terms>> = {
	'1.1.1': ['data-root', '/var/lib/docker', 'docker root dir', 'partition', 'lvm', '/etc/fstab', 'df'],
	'1.1.2': ['docker group', 'getent group docker', 'gpasswd', 'usermod', 'sudo', 'rootless'],
	'1.1.3': ['dockerd', '/usr/bin/dockerd', '/usr/sbin/dockerd', ...auditTerms],
	'1.1.4': ['/run/containerd', 'containerd', ...auditTerms],
	'1.1.5': ['/var/lib/docker', 'data-root', 'docker root dir', ...auditTerms],
	'1.1.6': ['/etc/docker', 'certs.d', ...auditTerms],
	'1.1.7': ['docker.service', '/lib/systemd/system/docker.service', 'systemd', 'unit file', 'FragmentPath', ...auditTerms],
	'1.1.8': ['containerd.sock', '/run/containerd/containerd.sock', '--containerd', ...auditTerms],
	'1.1.9': ['docker.socket', '/lib/systemd/system/docker.socket', 'systemd', 'socket unit', ...auditTerms],
	'1.1.9@1.7.0': ['docker.sock', '/var/run/docker.sock', '/run/docker.sock', 'DOCKER_HOST', 'socket', ...auditTerms],
	'1.1.10': ['/etc/default/docker', 'DOCKER_OPTS', ...auditTerms],
	'1.1.11': ['daemon.json', '/etc/docker/daemon.json', '--config-file', ...auditTerms],
	'1.1.12': ['/etc/containerd/config.toml', 'config.toml', 'containerd', ...auditTerms],
	'1.1.13': ['/etc/sysconfig/docker', 'sysconfig', ...auditTerms],
	'1.1.14': ['/usr/bin/containerd', 'containerd', ...auditTerms],
	'1.1.15': ['/usr/bin/containerd-shim', 'shim', ...auditTerms],
	'1.1.16': ['/usr/bin/containerd-shim-runc-v1', 'shim', ...auditTerms],
	'1.1.17': ['/usr/bin/containerd-shim-runc-v2', 'shim', ...auditTerms],
	'1.1.18': ['runc', '/usr/bin/runc', '/usr/sbin/runc', ...auditTerms],
	'1.2.1': ['hardening', 'apparmor', 'selinux', 'sysctl', 'kernel', 'sshd_config'],
	'1.2.2': ['docker version', 'upgrade', 'docker-ce', 'docker.io', 'containerd.io', 'apt-get', 'dnf', 'cve'],

	'2.1': ['rootless', 'dockerd-rootless-setuptool.sh', 'rootlesskit', 'DOCKER_HOST', 'uidmap', 'non-root'],
	'2.2': ['icc', '--icc=false', '"icc": false', 'docker0', 'bridge', 'daemon.json'],
	'2.3': ['log-level', '--log-level', 'debug', 'info', 'daemon.json'],
	'2.4': ['iptables', '--iptables=false', 'firewall', 'nat', 'daemon.json'],
	'2.5': ['insecure-registries', '--insecure-registry', 'registry', 'certs.d', 'daemon.json'],
	'2.6': ['storage-driver', '--storage-driver', 'aufs', 'overlay2', 'daemon.json'],
	'2.7@1.8.0': ['devicemapper', 'storage-driver', '--storage-driver', 'dm.thinpooldev', 'loop-lvm', 'overlay2', 'daemon.json'],
	'2.7': ['tlsverify', '--tlsverify', 'tlscacert', 'tlscert', 'tlskey', 'tcp://', '-H', 'hosts', '2375', '2376', 'DOCKER_HOST', 'tls', 'daemon.json'],
	'2.8': ['default-ulimits', '--default-ulimit', 'ulimit', 'nofile', 'nproc', 'daemon.json'],
	'2.9': ['userns-remap', '--userns-remap', 'dockremap', '/etc/subuid', '/etc/subgid', 'uid_map', 'remap', 'daemon.json'],
	'2.10': ['cgroup-parent', '--cgroup-parent', 'cgroup', 'daemon.json'],
	'2.11': ['dm.basesize', 'storage-opts', '--storage-opt', 'devicemapper', 'daemon.json'],
	'2.12': ['authorization-plugins', '--authorization-plugin', 'authz', 'plugin', 'daemon.json'],
	'2.13': ['log-driver', '--log-driver', 'log-opts', 'syslog', 'journald', 'fluentd', 'gelf', 'splunk', 'daemon.json'],
	'2.14': ['no-new-privileges', '--no-new-privileges', 'setuid', 'daemon.json'],
	'2.15': ['live-restore', '--live-restore', 'daemon.json'],
	'2.16': ['userland-proxy', '--userland-proxy', 'docker-proxy', 'daemon.json'],
	'2.17': ['seccomp-profile', '--seccomp-profile', 'seccomp', 'name=seccomp', 'daemon.json'],
	'2.18': ['experimental', '--experimental', 'daemon.json'],

	'3.1': ['docker.service', '/lib/systemd/system/docker.service', owner, 'root:root'],
	'3.2': ['docker.service', '/lib/systemd/system/docker.service', mode, '644'],
	'3.3': ['docker.socket', '/lib/systemd/system/docker.socket', owner, 'root:root'],
	'3.4': ['docker.socket', '/lib/systemd/system/docker.socket', mode, '644'],
	'3.5': ['/etc/docker', owner, 'root:root'],
	'3.6': ['/etc/docker', mode, '755'],
	'3.7': ['/etc/docker/certs.d', 'certs.d', 'registry', 'ca.crt', owner, 'root:root'],
	'3.8': ['/etc/docker/certs.d', 'certs.d', 'registry', 'ca.crt', 'client.key', mode, '444'],
	'3.9': ['tlscacert', '--tlscacert', 'ca.pem', 'tls', owner, 'root:root'],
	'3.10': ['tlscacert', '--tlscacert', 'ca.pem', 'tls', mode, '444'],
	'3.11': ['tlscert', '--tlscert', 'server-cert.pem', 'cert.pem', 'tls', owner, 'root:root'],
	'3.12': ['tlscert', '--tlscert', 'server-cert.pem', 'cert.pem', 'tls', mode, '444'],
	'3.13': ['tlskey', '--tlskey', 'server-key.pem', 'key.pem', 'tls', owner, 'root:root'],
	'3.14': ['tlskey', '--tlskey', 'server-key.pem', 'key.pem', 'tls', mode, '400'],
	'3.15': ['docker.sock', '/var/run/docker.sock', '/run/docker.sock', 'root:docker', 'SocketGroup', '--group', owner],
	'3.16': ['docker.sock', '/var/run/docker.sock', '/run/docker.sock', 'SocketMode', mode, '660'],
	'3.17': ['daemon.json', '/etc/docker/daemon.json', '--config-file', owner, 'root:root'],
	'3.18': ['daemon.json', '/etc/docker/daemon.json', '--config-file', mode, '644'],
	'3.19': ['/etc/default/docker', owner, 'root:root'],
	'3.20': ['/etc/default/docker', mode, '644'],
	'3.21': ['/etc/sysconfig/docker', 'sysconfig', mode, '644'],
	'3.22': ['/etc/sysconfig/docker', 'sysconfig', owner, 'root:root'],
	'3.23': ['containerd.sock', '/run/containerd/containerd.sock', '/etc/containerd/config.toml', owner, 'root:root'],
	'3.24': ['containerd.sock', '/run/containerd/containerd.sock', mode, '660'],

	'4.1': ['USER', '--user', '-u', 'useradd', 'non-root', 'Dockerfile'],
	'4.2': ['FROM', 'base image', 'DOCKER_CONTENT_TRUST', 'cosign', 'digest', 'sha256', 'registry', 'Dockerfile'],
	'4.3': ['apt-get install', '--no-install-recommends', 'apk add', 'distroless', 'alpine', 'slim', 'multi-stage', 'Dockerfile'],
	'4.4': ['trivy', 'docker scout', 'grype', 'cve', 'scan', 'docker build --pull', '--no-cache', 'rebuild'],
	'4.5': ['DOCKER_CONTENT_TRUST', 'content trust', 'docker trust', 'notary', '/etc/environment', '/etc/profile'],
	'4.6': ['HEALTHCHECK', '--health-cmd', 'health', 'Dockerfile'],
	'4.7': ['apt-get update', 'yum update', 'apk update', 'RUN', '--no-cache', 'Dockerfile'],
	'4.8': ['setuid', 'setgid', 'suid', 'chmod a-s', '-perm /6000', 'find'],
	'4.9': ['ADD', 'COPY', 'Dockerfile'],
	'4.10': ['secret', 'ENV', 'ARG', 'password', 'token', '--secret', 'docker history', 'Dockerfile'],
	'4.11': ['gpg', 'gpgcheck', '--allow-unauthenticated', 'apt-key', 'checksum', 'sha256sum'],
	'4.12': ['cosign', 'docker trust', 'notary', 'signature', 'sign', 'sbom'],

	'5.1': ['docker swarm leave', 'swarm', 'LocalNodeState'],
	'5.2': ['apparmor', '--security-opt apparmor=unconfined', 'apparmor=unconfined', 'docker-default', 'apparmor_parser', 'AppArmorProfile'],
	'5.3': ['selinux', 'selinux-enabled', '--selinux-enabled', 'label=disable', '--security-opt label'],
	'5.4': ['--cap-add', '--cap-drop', 'cap_add', 'cap_drop', 'CapAdd', 'capabilities', 'SYS_ADMIN', 'NET_ADMIN', 'SYS_PTRACE', 'SYS_MODULE', 'NET_RAW'],
	'5.5': ['--privileged', 'privileged: true', 'Privileged'],
	'5.6': ['-v', '--volume', '--mount', 'bind mount', 'Binds', '/etc', '/boot', '/proc', '/sys', '/dev', '/:/host', 'volumes'],
	'5.7': ['sshd', 'ssh', 'openssh-server', 'port 22', 'docker exec'],
	'5.8': ['-p', '--publish', 'ports', 'privileged ports', '1024', '80', '443'],
	'5.9': ['-P', '--publish-all', '-p', '--publish', 'ports', 'EXPOSE', 'docker port'],
	'5.10': ['--network=host', '--net=host', 'network_mode: host', 'NetworkMode', 'host network'],
	'5.11': ['--memory', '-m', '--memory-swap', 'mem_limit', 'memory', 'oom', 'docker update'],
	'5.12': ['--cpu-shares', '--cpus', 'cpu_shares', 'CpuShares', 'cpu'],
	'5.13': ['--read-only', 'read_only', 'ReadonlyRootfs', '--tmpfs', 'rootfs'],
	'5.14': ['-p', '--publish', '0.0.0.0', '127.0.0.1', 'HostIp', 'bind address', '"ip"'],
	'5.15': ['--restart', 'on-failure:5', 'on-failure', 'RestartPolicy', 'restart policy', 'always', 'unless-stopped'],
	'5.16': ['--pid=host', 'pid: host', 'PidMode', 'pid'],
	'5.17': ['--ipc=host', 'ipc: host', 'IpcMode', 'ipc', 'shm'],
	'5.18': ['--device', 'devices', 'Devices', '/dev'],
	'5.19': ['--ulimit', 'ulimits', 'Ulimits', 'nofile'],
	'5.20': ['bind-propagation', 'rshared', 'shared', 'propagation', '--mount'],
	'5.21': ['--uts=host', 'uts: host', 'UTSMode', 'uts', 'hostname'],
	'5.22': ['seccomp=unconfined', '--security-opt seccomp=unconfined', 'seccomp', 'unconfined', 'SecurityOpt'],
	'5.23': ['docker exec --privileged', '--privileged', 'docker exec', 'exec', 'ausearch'],
	'5.24': ['docker exec --user=root', '--user=root', '-u 0', 'docker exec', 'exec', 'ausearch'],
	'5.25': ['--cgroup-parent', 'cgroup_parent', 'CgroupParent', 'cgroup'],
	'5.26': ['--security-opt=no-new-privileges', 'no-new-privileges', 'no-new-privileges:true', 'SecurityOpt', 'setuid'],
	'5.27': ['--health-cmd', 'HEALTHCHECK', 'healthcheck', 'health', '--no-healthcheck'],
	'5.28': ['docker pull', '--pull=always', ':latest', 'latest', 'docker compose pull', 'digest'],
	'5.29': ['--pids-limit', 'pids_limit', 'PidsLimit', 'pids', 'fork bomb'],
	'5.30': ['docker0', 'bridge', 'docker network create', '--network', 'default bridge'],
	'5.31': ['--userns=host', 'userns_mode: host', 'UsernsMode'],
	'5.32': ['docker.sock', '/var/run/docker.sock', '/run/docker.sock', '-v /var/run/docker.sock', 'socket mount'],

	'6.1': ['docker images', 'docker image prune', 'prune', 'dangling'],
	'6.2': ['docker ps -a', 'docker container prune', 'docker rm', 'exited', 'docker system prune', '--rm', 'prune'],

	'7.1': ['docker node ls', 'docker node demote', 'manager', 'quorum', 'raft', 'swarm'],
	'7.2': ['--listen-addr', '--advertise-addr', '2377', '7946', 'docker swarm init', 'swarm'],
	'7.3': ['--opt encrypted', 'encrypted', 'overlay', 'ipsec', 'swarm'],
	'7.4': ['docker secret create', 'docker secret', 'secrets', '--secret', 'swarm'],
	'7.5': ['--autolock', 'autolock', 'unlock key', 'swarm'],
	'7.6': ['docker swarm unlock-key --rotate', 'unlock-key', 'autolock', 'swarm'],
	'7.7': ['--cert-expiry', 'cert-expiry', 'node certificate', 'swarm'],
	'7.8': ['docker swarm ca --rotate', 'ca --rotate', 'root ca', 'swarm'],
	'7.9': ['--data-path-addr', '--advertise-addr', 'data plane', 'swarm'],
};

/** The terms of a check by its stable key, or none for a key the table does not know (a test holds every catalogue key known). */
export function termsOf(key: string): readonly string[] {
	return (searchTerms as Readonly<Record<string, Terms | undefined>>)[key] ?? [];
}
