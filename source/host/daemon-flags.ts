import type {DaemonFlags} from '../model/facts.js';

/** dockerd flags whose daemon.json key differs from the flag name. */
const renamed: Readonly<Record<string, string>> = {
	H: 'hosts',
	host: 'hosts',
	l: 'log-level',
	D: 'debug',
	s: 'storage-driver',
	b: 'bridge',
	G: 'group',
	'insecure-registry': 'insecure-registries',
	'authorization-plugin': 'authorization-plugins',
	'storage-opt': 'storage-opts',
	'default-ulimit': 'default-ulimits',
	'registry-mirror': 'registry-mirrors',
	label: 'labels',
	dns: 'dns',
	'exec-opt': 'exec-opts',
	'log-opt': 'log-opts',
	'add-runtime': 'runtimes',
	'tls': 'tls',
};

/** Flags that may be repeated; their values are collected in a list. */
const repeated = new Set(['hosts', 'insecure-registries', 'authorization-plugins', 'storage-opts', 'default-ulimits', 'registry-mirrors', 'labels', 'dns', 'exec-opts', 'log-opts', 'runtimes', 'dns-search', 'dns-opts']);

/** Boolean dockerd flags: given alone they mean true; a value must be attached with `=`. */
const booleans = new Set(['icc', 'iptables', 'ip6tables', 'ip-forward', 'ip-masq', 'userland-proxy', 'live-restore', 'no-new-privileges', 'experimental', 'debug', 'tls', 'tlsverify', 'selinux-enabled', 'ipv6', 'rootless', 'init', 'validate']);

/** The config file flag itself, which is not a daemon.json key. */
export const configFileFlag = 'config-file';

/**
Parses a dockerd command line into settings keyed by daemon.json names.
Boolean flags are true when given alone (`--icc`), else the value after `=`; other flags take `--flag=value` or `--flag value`.
*/
export function parseDaemonFlags(argv: readonly string[]): DaemonFlags {
	const flags: Record<string, string | boolean | string[]> = {};
	const add = (key: string, value: string | boolean) => {
		if (repeated.has(key)) {
			const list = (flags[key] as string[] | undefined) ?? [];
			list.push(String(value));
			flags[key] = list;
		} else {
			flags[key] = value;
		}
	};

	for (let index = 1; index < argv.length; index++) {
		const argument = argv[index]!;
		const match = /^--?([\w.-]+)(?:=(.*))?$/s.exec(argument);
		if (!match) {
			continue;
		}

		const name = match[1]!;
		const key = renamed[name] ?? name;
		const attached = match[2];
		if (booleans.has(key)) {
			add(key, attached === undefined ? true : attached !== 'false' && attached !== '0');
		} else if (attached !== undefined) {
			add(key, attached);
		} else if (index + 1 < argv.length && !argv[index + 1]!.startsWith('-')) {
			add(key, argv[++index]!);
		} else {
			add(key, true);
		}
	}

	return flags;
}
