import type {SectionText} from './check-text.js';

/**
Section 1, Host Configuration: the partition and group checks, the audit rules for the Docker and containerd files (1.1.3 to 1.1.18), and the two manual host checks.
Titles are those of CIS Docker Benchmark v1.6.0; rationale, impact and remediation are our own words.
*/
export const section1Text = {
	'1.1.1': {
		title: 'Ensure a separate partition for containers has been created',
		level: 1,
		automated: true,
		rationale: 'Docker keeps images, container layers, volumes and container logs under its root dir (/var/lib/docker unless data-root is changed). If that dir shares the root or /var filesystem, one container writing runaway logs or a burst of image pulls can fill the disk and take down the host services along with Docker. A filesystem of its own contains the damage and can get its own mount options and size.',
		impact: 'Moving an existing Docker root dir to a new partition means stopping the daemon and every container while the data is copied, and planning the disk layout. dockwarden cannot do this for you.',
		remediation: 'On a new host, create a partition or logical volume and mount it at the Docker root dir (docker info shows it as Docker Root Dir; with userns-remap check its parent). On an existing host: stop docker, create an LVM volume, copy the data with rsync -aHAX, add the mount to /etc/fstab, mount it and start docker. You can also point "data-root" in /etc/docker/daemon.json at a dedicated filesystem. No automatic fix.',
	},
	'1.1.2': {
		title: 'Ensure only trusted users are allowed to control Docker daemon',
		level: 1,
		automated: true,
		rationale: 'Anyone who can use the Docker socket can start a privileged container or bind-mount / from the host, so membership of the docker group is root on the host without a password prompt or a sudo log entry. Every member is a path to full host compromise, so the group should hold only the people who really administer this host.',
		impact: 'Users taken out of the group must use sudo docker, which is logged, or a rootless Docker of their own. Scripts and CI agents that ran as those users need their access reviewed.',
		remediation: 'List the members with getent group docker, then remove each one who does not need daemon access with gpasswd -d USER docker (it takes effect at their next login). Give occasional users sudo rights for docker, or rootless Docker, instead. Review the group again whenever staff change. No automatic fix.',
	},
	'1.1.3': {
		title: 'Ensure auditing is configured for the Docker daemon',
		level: 1,
		automated: true,
		rationale: 'dockerd runs as root and controls every container, so a replaced or patched binary gives an attacker lasting root on the host. A Linux audit watch on the binary records each time it is run, read or changed, with the user and process responsible, which is what you need to spot tampering and to reconstruct events after an incident.',
		impact: 'auditd must be installed and running. Each access to the watched file adds a record, so the audit log grows; set rotation in /etc/audit/auditd.conf (max_log_file, num_logs) and keep /var/log/audit on its own partition if you can.',
		remediation: 'Add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w PATH -k docker. PATH is the dockerd binary in use, which dockwarden resolves on the host from the running daemon or PATH (/usr/bin/dockerd, or /usr/sbin/dockerd on Debian); a path absent on this host is skipped. If the rules are locked (-e 2), the rule loads at the next boot. Press f in dockwarden to apply it.',
	},
	'1.1.4': {
		title: 'Ensure auditing is configured for Docker files and directories - /run/containerd',
		level: 1,
		automated: true,
		rationale: '/run/containerd holds the containerd socket and the runtime state of every running container, including the shim sockets and OCI bundles. Whoever can change files there can take over or tamper with running containers below the Docker API, so changes to this directory should leave an audit trail.',
		impact: 'auditd must be installed and running. The directory changes every time a container starts or stops, so the watch adds records at that rate; make sure audit logs are rotated (max_log_file, num_logs in /etc/audit/auditd.conf).',
		remediation: 'Add -w /run/containerd -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w /run/containerd -k docker. dockwarden checks the path on the host; if /run/containerd is absent (for example when dockerd runs its own containerd under /var/run/docker/containerd), the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.5': {
		title: 'Ensure auditing is configured for Docker files and directories - /var/lib/docker',
		level: 1,
		automated: true,
		rationale: 'The Docker root dir holds every image layer, container filesystem, volume and the container configuration files. An attacker who edits files there can plant code in images or containers, read secrets from volumes or change how containers are started, all without going through the Docker API. An audit watch records who touched it.',
		impact: 'auditd must be installed and running. The watch covers the whole tree, which changes constantly on a busy host, so it can produce many records; rotate the audit logs and give /var/log/audit enough room, ideally its own partition.',
		remediation: 'Add -w DIR -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w DIR -k docker. DIR is the Docker root dir that docker info reports (/var/lib/docker unless data-root is set), resolved on the host; a path absent on this host is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.6': {
		title: 'Ensure auditing is configured for Docker files and directories - /etc/docker',
		level: 1,
		automated: true,
		rationale: '/etc/docker holds daemon.json, the TLS keys and certificates of the daemon and the per-registry certificates in certs.d. A change there can open the daemon to the network, trust a rogue registry or leak private keys, so every change to it should be recorded.',
		impact: 'auditd must be installed and running. The directory changes rarely, so the extra log volume is small; keep the usual audit log rotation in place.',
		remediation: 'Add -w /etc/docker -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w /etc/docker -k docker. dockwarden checks the path on the host; if /etc/docker does not exist there, the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.7': {
		title: 'Ensure auditing is configured for Docker files and directories - docker.service',
		level: 2,
		automated: true,
		rationale: 'The docker.service systemd unit sets the command line of dockerd: its flags, listening sockets and environment. An attacker who edits it can, at the next restart, expose the API on TCP without TLS or turn off protections, so changes to the unit file should be audited.',
		impact: 'auditd must be installed and running. The file rarely changes, so the extra log volume is small.',
		remediation: 'Find the unit with systemctl show -p FragmentPath docker.service (for example /usr/lib/systemd/system/docker.service, or /lib/systemd/system/docker.service on Debian), add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load or auditctl -w PATH -k docker. dockwarden resolves the path on the host; without the unit file (no systemd) the check is skipped. Press f in dockwarden to apply it.',
	},
	'1.1.8': {
		title: 'Ensure auditing is configured for Docker files and directories - containerd.sock',
		level: 2,
		automated: true,
		rationale: 'The containerd socket gives full control of containerd: a client can start containers or exec into running ones directly, bypassing the Docker API, its authorization plugins and its logs. Changes to the socket file, such as new permissions or a replaced socket, are a sign that someone is trying to open that path, so they should be audited.',
		impact: 'auditd must be installed and running. The socket file rarely changes, so the extra log volume is small.',
		remediation: 'Add -w SOCKET -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or auditctl -w SOCKET -k docker. SOCKET is the containerd socket in use, resolved on the host: /run/containerd/containerd.sock for a system containerd, or /var/run/docker/containerd/containerd.sock when dockerd runs its own. A path absent on this host is skipped. Press f in dockwarden to apply it.',
	},
	'1.1.9': {
		title: 'Ensure auditing is configured for Docker files and directories - docker.socket',
		level: 2,
		automated: true,
		rationale: 'The docker.socket systemd unit creates /var/run/docker.sock and sets its owner, group and mode. Editing it can hand the Docker API, and with it root, to more users, so changes to this unit file should be recorded.',
		impact: 'auditd must be installed and running. The file rarely changes, so the extra log volume is small.',
		remediation: 'Find the unit with systemctl show -p FragmentPath docker.socket (for example /usr/lib/systemd/system/docker.socket, or /lib/systemd/system/docker.socket on Debian), add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load or auditctl -w PATH -k docker. dockwarden resolves the path on the host; without the unit file the check is skipped. Press f in dockwarden to apply it.',
	},
	'1.1.9@1.7.0': {
		title: 'Ensure auditing is configured for Docker files and directories - docker.sock',
		level: 2,
		automated: true,
		rationale: 'The Docker socket is the Docker API: whoever can open it can start a privileged container and so act as root on the host. Changes to the socket file itself (its owner, group or mode, or a file put in its place) widen who can reach the daemon, so they should leave an audit trail with the user and process that made them.',
		impact: 'auditd must be installed and running. The watch records changes to the socket file, which are rare (the daemon recreates it at each start), so the extra log volume is small.',
		remediation: 'Add -w SOCKET -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w SOCKET -k docker. SOCKET is the socket the daemon in use serves (/var/run/docker.sock on most hosts, $XDG_RUNTIME_DIR/docker.sock for a rootless daemon), which dockwarden takes from the Docker host it talks to; a socket absent on this host is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.10': {
		title: 'Ensure auditing is configured for Docker files and directories - /etc/default/docker',
		level: 2,
		automated: true,
		rationale: 'On Debian and Ubuntu, /etc/default/docker can hold extra dockerd options (DOCKER_OPTS) and environment such as proxy settings, read by the init script or by a unit that names it as EnvironmentFile. Changes there alter how the daemon starts, so they should be audited.',
		impact: 'auditd must be installed and running. The file rarely changes, so the extra log volume is small.',
		remediation: 'Add -w /etc/default/docker -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w /etc/default/docker -k docker. dockwarden checks the path on the host; where the file does not exist (most non-Debian hosts) the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.11': {
		title: 'Ensure auditing is configured for Docker files and directories - /etc/docker/daemon.json',
		level: 2,
		automated: true,
		rationale: 'daemon.json is the main configuration of the Docker daemon: listening sockets, TLS, user namespaces, logging, registries and most of the settings checked in section 2. A quiet edit can undo all of them at the next restart or reload, so a dedicated watch makes such changes easy to find in the audit log.',
		impact: 'auditd must be installed and running. The file rarely changes, so the extra log volume is small.',
		remediation: 'Add -w /etc/docker/daemon.json -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w /etc/docker/daemon.json -k docker. If dockerd runs with --config-file, dockwarden watches that file instead. Paths are resolved on the host; if the file does not exist, the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.12': {
		title: 'Ensure auditing is configured for Docker files and directories - /etc/containerd/config.toml',
		level: 2,
		automated: true,
		rationale: 'config.toml configures containerd: its socket and who may use it, the runtimes and shims it runs, plugins and registry settings. A change there can swap in a malicious runtime or widen access to containerd, which sits below every Docker container, so it should be audited.',
		impact: 'auditd must be installed and running. The file rarely changes, so the extra log volume is small.',
		remediation: 'Add -w /etc/containerd/config.toml -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w /etc/containerd/config.toml -k docker. dockwarden checks the path on the host; if the file does not exist (containerd then runs with built-in defaults), the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.13': {
		title: 'Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker',
		level: 2,
		automated: true,
		rationale: 'On Red Hat family hosts, /etc/sysconfig/docker can hold the options and environment passed to dockerd by its unit. Changing it alters how the daemon starts, for example adding an insecure registry or a TCP listener, so changes should be audited.',
		impact: 'auditd must be installed and running. The file rarely changes, so the extra log volume is small.',
		remediation: 'Add -w /etc/sysconfig/docker -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w /etc/sysconfig/docker -k docker. dockwarden checks the path on the host; where the file does not exist (Debian, Ubuntu and most docker-ce installs) the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.14': {
		title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd',
		level: 2,
		automated: true,
		rationale: 'containerd runs as root and manages the lifecycle of every container that Docker starts. A tampered containerd binary can inject code into containers or hide them, so executions and changes of the binary should be audited like those of dockerd.',
		impact: 'auditd must be installed and running. Each run or change of the binary adds a record, so the extra log volume is small; keep audit log rotation in place.',
		remediation: 'Add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w PATH -k docker. PATH is the containerd binary, which dockwarden resolves on the host (usually /usr/bin/containerd, sometimes /usr/local/bin/containerd); a path absent on this host is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.15': {
		title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim',
		level: 2,
		automated: true,
		rationale: 'containerd-shim is the legacy v1 shim that sits between containerd and each container process, running as root. If it is still installed it can be used for containers, and a replaced shim would run attacker code next to them, so the binary should be audited.',
		impact: 'auditd must be installed and running. The extra log volume is small. Newer containerd releases no longer ship this shim.',
		remediation: 'Add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w PATH -k docker. PATH is the containerd-shim binary as resolved on the host (usually /usr/bin/containerd-shim). On hosts without it, which is common with current containerd, the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.16': {
		title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v1',
		level: 2,
		automated: true,
		rationale: 'containerd-shim-runc-v1 is the deprecated shim for the io.containerd.runc.v1 runtime. Where it is installed it runs as root beside containers and can be selected as a runtime, so a tampered copy is a way into containers and the host; changes to it should be audited.',
		impact: 'auditd must be installed and running. The extra log volume is small. containerd 2.0 and later no longer ship this shim.',
		remediation: 'Add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w PATH -k docker. PATH is the containerd-shim-runc-v1 binary as resolved on the host (usually /usr/bin/containerd-shim-runc-v1). If it is absent on this host, the check is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.17': {
		title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v2',
		level: 2,
		automated: true,
		rationale: 'containerd-shim-runc-v2 is the shim that current containerd starts, as root, for each running container; it holds the container stdio and reports its exit. A replaced shim would run attacker code alongside every new container, so executions and changes of the binary should be audited.',
		impact: 'auditd must be installed and running. The shim is executed for every container start, so expect one or more records per start; keep audit log rotation in place.',
		remediation: 'Add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w PATH -k docker. PATH is the containerd-shim-runc-v2 binary as resolved on the host (usually /usr/bin/containerd-shim-runc-v2); a path absent on this host is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.1.18': {
		title: 'Ensure auditing is configured for Docker files and directories - /usr/bin/runc',
		level: 2,
		automated: true,
		rationale: 'runc is the low-level runtime that creates the namespaces and cgroups of each container and starts its first process, as root. Container escapes such as CVE-2019-5736 worked by overwriting the runc binary on the host from inside a container, so changes to it must leave an audit trail.',
		impact: 'auditd must be installed and running. runc is executed for every container start, stop and exec, so expect several records per container operation; keep audit log rotation in place.',
		remediation: 'Add -w PATH -k docker to /etc/audit/rules.d/docker.rules and load it with augenrules --load, or at once with auditctl -w PATH -k docker. PATH is the runc binary as resolved on the host (usually /usr/bin/runc, sometimes /usr/sbin/runc or /usr/local/bin/runc); a path absent on this host is skipped. Press f in dockwarden to apply the rule.',
	},
	'1.2.1': {
		title: 'Ensure the container host has been Hardened',
		level: 1,
		automated: false,
		rationale: 'Containers share the kernel of the host, so a weakness in the host OS, its kernel or another service running on it undermines every isolation control Docker applies. A host that runs only what it needs, is patched and follows a hardening baseline leaves far fewer ways to escalate from a container or to attack the daemon.',
		impact: 'Hardening takes effort and can break software that relied on removed services or looser settings, so changes must be tested before they are rolled out.',
		remediation: 'Apply a hardening baseline to the host OS, such as the CIS Benchmark for your Linux distribution, or use a minimal container-focused OS. Keep the kernel patched, remove packages and services you do not need, enable AppArmor or SELinux, and limit who can log in. This is a manual review; dockwarden neither checks nor changes it.',
	},
	'1.2.2': {
		title: 'Ensure that the version of Docker is up to date',
		level: 1,
		automated: false,
		rationale: 'Docker Engine, containerd and runc regularly get fixes for security bugs, including container escapes such as the runc flaws CVE-2019-5736 and CVE-2024-21626. An old release keeps those known holes open. dockwarden reports the server version from the API so you can compare it with the current release.',
		impact: 'Upgrading restarts the daemon, which stops running containers unless live-restore is on. Behaviour and defaults change between releases, so test a new version before rolling it out.',
		remediation: 'Compare docker version with the latest release in the Docker Engine release notes and upgrade through your package manager, for example apt-get install --only-upgrade docker-ce docker-ce-cli containerd.io, or dnf upgrade docker-ce docker-ce-cli containerd.io. Keep containerd and runc current too, and plan a maintenance window. No automatic fix.',
	},
} as const satisfies SectionText;

/** The ids of section 1's checks: the keys its logic table must have, no more and no fewer. */
export type Section1TextId = keyof typeof section1Text;

/**
The words that change from v1.7.0 on, by check id: v1.7.0 adds to 1.1.5's remediation the audit exclusions of the high-churn
subtrees of the Docker root dir, so that watching it does not flood the audit log.
*/
export const section1TextSince170 = {
	'1.1.5': {
		remediation: `${section1Text['1.1.5'].remediation} Since the layers and volumes under the root dir change all the time, exclude those subtrees so the watch records changes to the rest without flooding the audit log: add, before the watch, -a never,exit -F dir=DIR/overlay2 -k docker and -a never,exit -F dir=DIR/volumes -k docker (with userns-remap, the same for DIR/UID.GID/overlay2 and DIR/UID.GID/volumes). dockwarden's fix adds the watch only; add the exclusions by hand.`,
	},
} as const satisfies Partial<Record<Section1TextId, {readonly remediation: string}>>;

