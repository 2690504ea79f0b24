import type {SectionText} from './check-text.js';

/** Section 7, Docker Swarm Configuration: applies only when swarm mode is active on the host. */
export const section7Text = {
	'7.1': {
		title: 'Ensure that the minimum number of manager nodes have been created in a swarm',
		level: 1,
		automated: true,
		rationale: 'Managers hold the full cluster state, including secrets, and can schedule workloads on any node. Every extra manager is one more high-value target and adds consensus overhead. A swarm should have only as many managers as its fault tolerance needs, usually an odd number such as 3 or 5.',
		impact: 'Fewer managers tolerate fewer manager failures: 3 managers survive the loss of 1, 5 survive the loss of 2.',
		remediation: 'List managers with docker node ls --filter role=manager and demote the surplus with docker node demote NODE, keeping an odd number that matches the fault tolerance you need.',
	},
	'7.2': {
		title: 'Ensure that swarm services are bound to a specific host interface',
		level: 1,
		automated: true,
		rationale: 'When a swarm is created or joined without an explicit listen address, the node accepts cluster management traffic (2377/tcp) on all interfaces. That exposes the swarm API on every network the host is attached to, including public ones.',
		impact: 'Cluster traffic is accepted only on the chosen address, so all nodes must be able to reach it there.',
		remediation: 'Initialise or join with an explicit address: docker swarm init --listen-addr 10.0.0.5:2377 --advertise-addr 10.0.0.5, or docker swarm join --listen-addr 10.0.0.6:2377 --advertise-addr 10.0.0.6 --token TOKEN 10.0.0.5:2377. An existing node has to leave and rejoin to change it. ss -lnt should not show port 2377 on 0.0.0.0 or [::].',
	},
	'7.3': {
		title: 'Ensure that all Docker swarm overlay networks are encrypted',
		level: 1,
		automated: true,
		rationale: 'Swarm management traffic is always encrypted, but application traffic on overlay networks is not by default. It crosses the network between nodes as plain VXLAN, so anyone on that path can read or alter it. The encrypted option adds IPsec between nodes for that network.',
		impact: 'Encryption costs some CPU and throughput, and encrypted overlay networks are not supported on Windows nodes.',
		remediation: 'Create overlay networks with encryption: docker network create -d overlay --opt encrypted appnet (stack files: driver_opts with encrypted). An existing network cannot be switched; create a new one, move services with docker service update --network-add and --network-rm, then remove the old network. Check with docker network inspect --format "{{ .Options }}" NETWORK.',
	},
	'7.4': {
		title: "Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster",
		level: 1,
		automated: false,
		rationale: 'Passwords, keys and tokens passed as environment variables, baked into images or kept in bind-mounted files are visible to anyone who can inspect the service, the image or the host. Swarm secrets are stored encrypted in the cluster store, sent only to nodes running tasks that use them, and mounted in memory under /run/secrets.',
		impact: 'Applications must read secrets from files under /run/secrets instead of environment variables, and changing a secret means updating the services that use it.',
		remediation: 'Create secrets with docker secret create NAME FILE (or printf VALUE | docker secret create NAME -), grant them with docker service create --secret NAME or docker service update --secret-add NAME (stack files: secrets), and remove the values from environment variables, images and configs. List them with docker secret ls.',
	},
	'7.5': {
		title: 'Ensure that swarm manager is run in auto-lock mode',
		level: 1,
		automated: true,
		rationale: 'Managers keep the cluster store, including secrets and swarm TLS keys, encrypted at rest, but by default the key for that encryption sits on the same disk. Anyone with a copy of the disk or a backup can decrypt it. With auto-lock, a restarted manager stays locked until an unlock key kept outside the node is supplied.',
		impact: 'Every restarted manager must be unlocked with docker swarm unlock and the key; losing the key can make the swarm unrecoverable from that node.',
		remediation: 'Enable it with docker swarm update --autolock=true (or docker swarm init --autolock for a new swarm) and store the printed unlock key securely, for example in a password manager. When enabled, docker swarm unlock-key prints a key starting with SWMKEY.',
	},
	'7.6': {
		title: 'Ensure that the swarm manager auto-lock key is rotated periodically',
		level: 1,
		automated: false,
		rationale: 'An unlock key that never changes may have leaked through old notes, backups or former staff. Rotating it regularly limits how long a leaked copy can be used to unlock a stolen manager disk.',
		impact: 'Keep the previous key for a while after rotating, since a manager that was down during the change may still need it to unlock.',
		remediation: 'Rotate on a schedule with docker swarm unlock-key --rotate, store the new key securely, and retire the old one once all managers have picked up the change.',
	},
	'7.7': {
		title: 'Ensure that node certificates are rotated as appropriate',
		level: 1,
		automated: false,
		rationale: 'Each node proves its identity with a TLS certificate issued by the swarm CA, valid for 90 days by default. The longer a certificate lives, the longer a stolen node key stays useful. A shorter expiry limits how long a compromised node identity can be abused.',
		impact: 'Shorter lifetimes mean more frequent automatic renewals, a small load on the managers; nodes that stay offline past expiry must rejoin.',
		remediation: 'Set an expiry that fits your policy, e.g. docker swarm update --cert-expiry 720h for 30 days. Check the current value in docker info, under CA Configuration (Expiry Duration).',
	},
	'7.8': {
		title: 'Ensure that CA certificates are rotated as appropriate',
		level: 1,
		automated: false,
		rationale: 'The swarm root CA signs every node certificate. If its key leaks, or has simply been in use for a long time, an attacker could mint certificates for rogue nodes. Rotating the CA replaces the root and reissues all node certificates, so certificates signed by the old root stop being trusted.',
		impact: 'Rotation reissues the certificate of every node; it runs gradually but needs nodes to be reachable, and takes a while in large swarms.',
		remediation: 'Rotate the root CA periodically and after any suspected compromise with docker swarm ca --rotate, or switch to an external CA with docker swarm ca --rotate --ca-cert FILE --ca-key FILE. Follow progress in the command output and with docker node ls.',
	},
	'7.9': {
		title: 'Ensure that management plane traffic is separated from data plane traffic',
		level: 1,
		automated: false,
		rationale: 'By default, swarm control traffic and container data traffic between nodes use the same interface. A busy or compromised application can then saturate or snoop on the network that runs the cluster. Sending data traffic over a separate interface isolates the management plane and makes firewalling simpler.',
		impact: 'Each node needs a second network interface or subnet, with matching firewall rules.',
		remediation: 'Give swarm separate addresses for the two planes: docker swarm init --advertise-addr 10.0.0.5 --data-path-addr 192.168.50.5, and the same options on docker swarm join. Existing nodes have to leave and rejoin to change this.',
	},
} as const satisfies SectionText;

/** The ids of section 7's checks: the keys its logic table must have, no more and no fewer. */
export type Section7TextId = keyof typeof section7Text;
