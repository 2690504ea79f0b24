/**
User namespace id mappings, as pure functions over the text of /proc/PID/uid_map and /etc/subuid (or /etc/subgid).
*/
import type {IdRange} from '../model/facts.js';

/** One line of /proc/PID/uid_map: ids inside..inside+count-1 in the namespace are outside..outside+count-1 outside it. */
export type IdMapLine = {readonly inside: number; readonly outside: number; readonly count: number};

/** The lines of a /proc/PID/uid_map (or gid_map) text: `inside outside count` each. */
export function parseIdMap(text: string): IdMapLine[] {
	return text.split('\n').map(line => line.trim().split(/\s+/).map(Number)).filter(fields => fields.length === 3 && fields.every(Number.isSafeInteger)).map(([inside, outside, count]) => ({inside: inside!, outside: outside!, count: count!}));
}

/** The id inside the namespace of a host (outside) id: `inside + (hostId - outside)` on the line whose range holds it; undefined when no line does. */
export function insideId(idMap: string, hostId: number): number | undefined {
	const line = parseIdMap(idMap).find(entry => hostId >= entry.outside && hostId < entry.outside + entry.count);
	return line === undefined ? undefined : line.inside + (hostId - line.outside);
}

/** The subordinate id ranges of `user` in an /etc/subuid or /etc/subgid text (`dockremap:100000:65536` lines). */
export function subordinateRanges(text: string, user: string): IdRange[] {
	return text.split('\n').map(line => line.trim().split(':')).filter(fields => fields.length === 3 && fields[0] === user).map(([, start, count]) => ({start: Number(start), count: Number(count)})).filter(range => Number.isSafeInteger(range.start) && Number.isSafeInteger(range.count) && range.count > 0);
}
