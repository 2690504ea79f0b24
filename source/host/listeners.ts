import type {RootFs} from './root-fs.js';

/** Decodes an address of /proc/net/tcp (IPv4, little-endian hex) or tcp6 (four little-endian words). */
export function decodeAddress(hex: string): string {
	if (hex.length === 8) {
		return (hex.match(/../g) ?? []).reverse().map(byte => Number.parseInt(byte, 16)).join('.');
	}

	if (/^0+$/.test(hex)) {
		return '::';
	}

	const words = (hex.match(/.{8}/g) ?? []).map(word => (word.match(/../g) ?? []).reverse().join(''));
	return words.join('').toLowerCase().match(/.{4}/g)!.map(group => group.replace(/^0{1,3}/, '')).join(':');
}

/** Listening TCP sockets on the given ports, from /proc/net/tcp and /proc/net/tcp6 under --root. */
export async function listeningSockets(fs: RootFs, ports: readonly number[]): Promise<Array<{address: string; port: number}>> {
	const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map(async path => fs.readText(path).catch(() => undefined)));
	const listeners: Array<{address: string; port: number}> = [];
	for (const line of tables.flatMap(table => (table ?? '').split('\n').slice(1))) {
		const [, local, , state] = line.trim().split(/\s+/);
		const [address, portHex] = (local ?? '').split(':');
		const port = Number.parseInt(portHex ?? '', 16);
		// 0A is TCP_LISTEN.
		if (state === '0A' && address && ports.includes(port)) {
			const decoded = decodeAddress(address);
			listeners.push({address: decoded, port});
		}
	}

	return listeners;
}
