/**
Evidence shared by 2.9 and 5.31: for each running container, the uid of its init inside the container and on the host,
so an operator sees whether root in a container is root on the host.
*/
import type {ContainerFacts, ContainerProcessFact, IdRange, ProcessFacts} from '../../model/facts.js';

type Listing = Extract<ProcessFacts, {reachable: true}>['containers'][number];

/** The container's init: the process with the lowest pid found. */
function initOf(processes: readonly ContainerProcessFact[]): ContainerProcessFact | undefined {
	return processes.reduce<ContainerProcessFact | undefined>((lowest, process) => lowest === undefined || Number(process.pid) < Number(lowest.pid) ? process : lowest, undefined);
}

/** `dockremap range 100000-165535 from /etc/subuid` when a dockremap range holds the host uid. */
function rangeNote(hostUid: number, ranges: readonly IdRange[]): string | undefined {
	const range = ranges.find(entry => hostUid >= entry.start && hostUid < entry.start + entry.count);
	return range === undefined ? undefined : `dockremap range ${range.start}-${range.start + range.count - 1} from /etc/subuid`;
}

/** The line of one container, e.g. `cis-web: uid 0 in the container = uid 100000 on the host (pid 2590; dockremap range 100000-165535 from /etc/subuid)`. */
function uidLine(listing: Listing, userns: string | undefined, ranges: readonly IdRange[]): string {
	if (listing.error !== undefined) {
		return `${listing.name}: uids not visible: could not list its processes: ${listing.error}`;
	}

	if (listing.via !== 'proc') {
		return `${listing.name}: uids not visible: the container's processes were listed through docker top`;
	}

	const init = initOf(listing.processes);
	if (init?.hostUid === undefined) {
		return `${listing.name}: uids not visible: ${init === undefined ? 'no process found' : `/proc/${init.pid}/status could not be read`}`;
	}

	const notes = [`pid ${init.pid}`, userns === 'host' ? '--userns=host: not remapped' : rangeNote(init.hostUid, ranges)].filter(note => note !== undefined);
	return `${listing.name}: uid ${init.containerUid ?? '?'} in the container = uid ${init.hostUid} on the host (${notes.join('; ')})`;
}

/** One line per running container with the uids of its init in the container and on the host; none when the daemon does not answer. */
export function uidLines(containers: ContainerFacts, processes: ProcessFacts): string[] {
	if (!processes.reachable) {
		return [];
	}

	const usernsModes = new Map(containers.reachable ? containers.all.map(container => [container.Id, container.HostConfig.UsernsMode]) : []);
	return processes.containers.map(listing => uidLine(listing, usernsModes.get(listing.id), processes.dockremap.subuid));
}
