import {createHash} from 'node:crypto';
import {mkdir} from 'node:fs/promises';
import type {AuditWatch} from '../model/facts.js';
import {parseAuditRule, watchNames} from '../model/audit-rules.js';
import {locateJsonError} from '../host/daemon.js';
import type {RootFs} from '../host/root-fs.js';
import type {SampleHost} from './sample-host.js';

/** One event in the sandbox's audit log. */
export type SandboxEvent = {
	readonly serial: number;
	readonly time: Date;
	readonly key: string;
	readonly path: string;
	readonly exe: string;
	readonly syscall: string;
	readonly user: string;
	readonly proctitle: string;
};

/** The dockerd of the sandbox: the daemon.json it last started with, and whether it remaps user namespaces. */
export type SandboxDaemon = {
	readonly config: Readonly<Record<string, unknown>>;
	readonly userns: boolean;
};

/** What `ausearch --start recent` means: the last ten minutes. */
const recentMs = 10 * 60 * 1000;

/** A stable 64-hex id, as Docker's are, for a name. */
export function stableId(name: string): string {
	return createHash('sha256').update(name).digest('hex');
}

/** `11/29/26 06:57:28.623`: how `ausearch -i` prints a time in the C locale (local time). */
function ausearchTime(time: Date): string {
	const two = (value: number) => String(value).padStart(2, '0');
	return `${two(time.getMonth() + 1)}/${two(time.getDate())}/${two(time.getFullYear() % 100)} ${two(time.getHours())}:${two(time.getMinutes())}:${two(time.getSeconds())}.${String(time.getMilliseconds()).padStart(3, '0')}`;
}

/** One event as `ausearch -i` prints it. */
export function formatEvent(event: SandboxEvent): string {
	const stamp = `msg=audit(${ausearchTime(event.time)}:${event.serial})`;
	const comm = event.exe.split('/').at(-1);
	return [
		'----',
		`type=PROCTITLE ${stamp} : proctitle=${event.proctitle}`,
		`type=PATH ${stamp} : item=0 name=${event.path} nametype=NORMAL`,
		`type=CWD ${stamp} : cwd=/root`,
		`type=SYSCALL ${stamp} : arch=x86_64 syscall=${event.syscall} success=yes exit=0 auid=${event.user} uid=root gid=root euid=root comm=${comm} exe=${event.exe} key=${event.key}`,
	].join('\n');
}

/**
The state of the sample host that is not in its files: the kernel's audit rules and log, file owners (changed without
root), and the running dockerd. Commands (`sandbox-exec`), the Docker API (`sandbox-docker`) and file changes
(`sandbox-fs`) act on it; nothing outside the sandbox directory is touched.
*/
export function createSandboxWorld(sample: SampleHost, fs: RootFs, now = new Date()) {
	const live: AuditWatch[] = sample.host.audit.liveRules.flatMap(text => {
		const rule = parseAuditRule(text, 'live');
		return rule ? [rule] : [];
	});
	const events: SandboxEvent[] = [];
	let serial = 4100;
	let daemon: SandboxDaemon = {config: {}, userns: false};

	/** Logs an access of `path` for every live rule that watches it for `permission` (r, w, x or a). */
	function recordAccess(path: string, permission: 'r' | 'w' | 'x' | 'a', how: {exe: string; syscall: string; proctitle: string; user?: string; time?: Date}): void {
		for (const rule of live) {
			if (rule.key && watchNames(rule, path) && rule.permissions.includes(permission)) {
				events.push({serial: serial++, time: how.time ?? new Date(), key: rule.key, path, exe: how.exe, syscall: how.syscall, user: how.user ?? 'root', proctitle: how.proctitle});
			}
		}
	}

	for (const event of sample.host.audit.events) {
		recordAccess(event.path, event.syscall === 'execve' ? 'x' : 'r', {...event, proctitle: event.exe, time: new Date(now.getTime() - (event.minutesAgo * 60_000))});
	}

	const rulesText = () => live.length === 0 ? 'No rules\n' : `${live.map(rule => `-w ${rule.path} -p ${rule.permissions}${rule.key ? ` -k ${rule.key}` : ''}`).join('\n')}\n`;
	const sameRule = (path: string, key: string | undefined) => (rule: AuditWatch) => rule.path === path && (key === undefined || rule.key === key);

	/** Appends a line to a host file unless a line already starts with `prefix`, as useradd and dockerd do for dockremap. */
	async function ensureLine(path: string, prefix: string, line: string): Promise<void> {
		const text = await fs.readText(path) ?? '';
		if (!text.split('\n').some(existing => existing.startsWith(prefix))) {
			await fs.writeAtomic(path, `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${line}\n`, 0o644);
		}
	}

	return {
		audit: {
			status: () => sample.host.audit.status,
			rules: rulesText,
			/** `auditctl -w`: false when the same rule is loaded already. */
			add(path: string, permissions: string, key: string | undefined): boolean {
				if (live.some(sameRule(path, key))) {
					return false;
				}

				live.push({path, permissions, key, text: `-w ${path} -p ${permissions}${key ? ` -k ${key}` : ''}`, source: 'live'});
				return true;
			},
			/** `auditctl -W`: false when no such rule is loaded. */
			remove(path: string, key: string | undefined): boolean {
				const index = live.findIndex(sameRule(path, key));
				if (index === -1) {
					return false;
				}

				live.splice(index, 1);
				return true;
			},
			/** The events of a key from the last ten minutes, as `ausearch -k KEY -i --start recent` prints them. */
			search(key: string): string {
				const since = Date.now() - recentMs;
				return events.filter(event => event.key === key && event.time.getTime() >= since).map(event => formatEvent(event)).join('\n');
			},
		},
		recordAccess,
		daemon: () => daemon,
		/**
		(Re)starts dockerd with the sandbox's /etc/docker/daemon.json, as `systemctl restart docker` would; a daemon.json
		dockerd would refuse leaves it stopped with the reason. With userns-remap "default" it adds the dockremap user
		and its subordinate ranges, as dockerd does, and the remapped data root.
		*/
		async startDaemon(): Promise<{ok: true} | {ok: false; reason: string}> {
			const text = await fs.readText('/etc/docker/daemon.json') ?? '{}';
			let config: unknown;
			try {
				config = JSON.parse(text.trim() === '' ? '{}' : text);
			} catch (error) {
				return {ok: false, reason: `unable to configure the Docker daemon with file /etc/docker/daemon.json: ${locateJsonError(text, error)}`};
			}

			if (typeof config !== 'object' || config === null || Array.isArray(config)) {
				return {ok: false, reason: 'unable to configure the Docker daemon with file /etc/docker/daemon.json: the top level is not an object'};
			}

			const remap = (config as Record<string, unknown>)['userns-remap'];
			if (remap !== undefined && remap !== 'default' && remap !== 'dockremap') {
				return {ok: false, reason: `the demo's dockerd only knows userns-remap "default" (the dockremap user), not ${JSON.stringify(remap)}`};
			}

			if (remap !== undefined) {
				const base = sample.host.remapBase;
				await ensureLine('/etc/passwd', 'dockremap:', 'dockremap:x:996:996::/home/dockremap:/bin/false');
				await ensureLine('/etc/group', 'dockremap:', 'dockremap:x:996:');
				await ensureLine('/etc/subuid', 'dockremap:', `dockremap:${base}:65536`);
				await ensureLine('/etc/subgid', 'dockremap:', `dockremap:${base}:65536`);
				// The remapped daemon's data root, as dockerd makes it.
				await mkdir(fs.local(`/var/lib/docker/${base}.${base}`), {recursive: true});
			}

			daemon = {config: config as Record<string, unknown>, userns: remap !== undefined};
			return {ok: true};
		},
	};
}

export type SandboxWorld = ReturnType<typeof createSandboxWorld>;
