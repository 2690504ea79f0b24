import fs from 'node:fs';

/** This machine's processes, read from /proc: pid, parent pid and command line; one gone meanwhile is left out. */
export function listProcesses(): Array<{pid: number; ppid: number; argv: string[]}> {
	return fs.readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).flatMap(entry => {
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			return [{pid: Number(entry), ppid, argv: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0')}];
		} catch {
			return [];
		}
	});
}

/** Every process below `pid` (children, their children…), from `processes` or a fresh read of /proc. */
export function descendants(pid: number, processes = listProcesses()): number[] {
	const children = new Map<number, number[]>();
	for (const {pid: child, ppid} of processes) {
		children.set(ppid, [...(children.get(ppid) ?? []), child]);
	}

	const found: number[] = [];
	const walk = (current: number) => {
		for (const child of children.get(current) ?? []) {
			found.push(child);
			walk(child);
		}
	};

	walk(pid);
	return found;
}

export function killAll(pids: readonly number[]): void {
	for (const pid of pids) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {}
	}
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}
