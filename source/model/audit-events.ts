/**
Pure parsers and wording for audit events: `auditctl -s` status and `ausearch -i` output.
*/
import type {AuditEvent, AuditStatus} from './facts.js';

/** How many events are kept per key. */
export const keptEvents = 5;

const statusFields: ReadonlyArray<readonly [string, keyof AuditStatus]> = [
	['enabled', 'enabled'],
	['pid', 'pid'],
	['lost', 'lost'],
	['backlog', 'backlog'],
	['backlog_limit', 'backlogLimit'],
	['rate_limit', 'rateLimit'],
];

/** Parses the output of `auditctl -s` (`NAME VALUE` lines); undefined when none of the fields is there. */
export function parseAuditStatus(text: string): AuditStatus | undefined {
	const status: Record<string, number> = {};
	for (const [name, field] of statusFields) {
		const value = new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1];
		if (value !== undefined) {
			status[field] = Number(value);
		}
	}

	return Object.keys(status).length > 0 ? status : undefined;
}

/** The `name=value` fields of one record; a quoted value loses its quotes. */
export function recordFields(line: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const match of line.matchAll(/(?:^|\s)([\w-]+)=("[^"]*"|\S+)/g)) {
		const value = match[2]!;
		fields[match[1]!] ??= value.startsWith('"') ? value.slice(1, -1) : value;
	}

	return fields;
}

/** `11/29/26 06:57:28.623` (ausearch -i in the C locale) as `2026-11-29 06:57:28`; other shapes are kept as printed. */
export function eventTime(stamp: string): string {
	const match = /^(\d\d)\/(\d\d)\/(\d\d(?:\d\d)?) (\d\d:\d\d:\d\d)/.exec(stamp);
	if (!match) {
		return stamp.replace(/\.\d+$/, '');
	}

	const [, month, day, year, clock] = match;
	return `${year!.length === 2 ? `20${year}` : year}-${month}-${day} ${clock}`;
}

/** One event from the records of one `----` block, or undefined when it has no SYSCALL record (or one of another key). */
function blockEvent(lines: readonly string[], key?: string): AuditEvent | undefined {
	const syscallLine = lines.find(line => line.startsWith('type=SYSCALL '));
	if (!syscallLine) {
		return undefined;
	}

	const syscall = recordFields(syscallLine);
	if (key !== undefined && syscall.key !== undefined && syscall.key !== key) {
		// E.g. auditctl adding the rule: the CONFIG_CHANGE record carries the key, its SYSCALL record does not.
		return undefined;
	}

	const stamp = /msg=audit\(([^)]*?)(?:\.\d+)?:\d+\)/.exec(syscallLine)?.[1] ?? '';
	const paths = lines.filter(line => line.startsWith('type=PATH ')).map(recordFields);
	const path = (paths.find(fields => fields.nametype !== 'PARENT') ?? paths[0])?.name;
	const user = syscall.auid && syscall.auid !== 'unset' && syscall.auid !== '4294967295' ? syscall.auid : (syscall.uid ?? '?');
	const program = syscall.exe && syscall.exe !== '(null)' ? syscall.exe : (syscall.comm ?? '?');
	return {
		time: eventTime(stamp),
		program,
		user,
		syscall: syscall.syscall ?? '?',
		...(path && path !== '(null)' ? {path} : {}),
	};
}

/**
Parses `ausearch -i` output into events, oldest first as ausearch prints them.
With `key`, a block whose SYSCALL record names another key (the rule change that added the watch) is left out.
*/
export function parseAusearch(text: string, key?: string): AuditEvent[] {
	return text.split(/^----$/m)
		.map(block => block.split('\n').map(line => line.trim()).filter(Boolean))
		.flatMap(lines => {
			const event = blockEvent(lines, key);
			return event ? [event] : [];
		});
}

/** The newest `keptEvents` events, newest first. */
export function newestEvents(events: readonly AuditEvent[]): AuditEvent[] {
	return events.slice(-keptEvents).reverse();
}

/** One evidence line for an event: `2026-11-29 06:45:02  /usr/bin/docker  by root  syscall=execve`. */
export function eventLine(event: AuditEvent): string {
	return `${event.time}  ${event.program}  by ${event.user}  syscall=${event.syscall}${event.path ? `  ${event.path}` : ''}`;
}

/** Why a live rule shows no events, from `auditctl -s`; the last resort says that auditing looks healthy. */
export function quietReasons(status: AuditStatus | undefined): string {
	if (!status) {
		return 'auditctl -s could not be read, so the audit status is unknown';
	}

	const reasons: string[] = [];
	if (status.enabled === 0) {
		reasons.push('auditing is off (auditctl -s: enabled 0): enable it with auditctl -e 1');
	}

	if (status.pid === 0) {
		reasons.push('auditd is not running (auditctl -s: pid 0): events go to the kernel log and ausearch finds nothing');
	}

	if (status.lost !== undefined && status.lost > 0) {
		reasons.push(`the kernel lost ${status.lost} audit events (auditctl -s: lost ${status.lost})`);
	}

	if (status.backlog !== undefined && status.backlogLimit !== undefined && status.backlogLimit > 0 && status.backlog >= status.backlogLimit * 0.8) {
		reasons.push(`the audit backlog is nearly full (auditctl -s: backlog ${status.backlog} of backlog_limit ${status.backlogLimit}): events may be dropped`);
	}

	if (status.rateLimit !== undefined && status.rateLimit > 0) {
		reasons.push(`events are rate limited (auditctl -s: rate_limit ${status.rateLimit} per second)`);
	}

	return reasons.length > 0 ? reasons.join('; ') : 'auditing is on and auditd is running (auditctl -s): nothing touched the path recently';
}
