import {lostError, SshError, type SshConnection} from './ssh-connection.js';
import {bulkOp, bulkScript, parseFileBlock, parseDirectoryBlock, parseTextBlock, type BulkOp} from './bulk-reads.js';
import {scriptPrelude, shellQuote} from './remote-script.js';

/** One request of a batch: the shell function to call (see remote-script.ts) and its arguments. */
export type BatchRequest = {
	readonly op: 'S' | 'L' | 'F' | 'T' | 'D' | 'C' | 'X';
	readonly args: readonly string[];
	/** Files of this machine to copy to the target first: an argument equal to a key is replaced by the copy's path there. */
	readonly uploads?: ReadonlyMap<string, Buffer>;
	/** How long the request may take, when it may take longer than a read. */
	readonly timeoutMs?: number;
};

/** Runs requests on the target, many per round trip. */
/** An answer the target gave unasked (id `@PATH`, e.g. the fds of a dockerd found by the /proc pass), for the cache. */
export type Extra = {readonly op: 'F' | 'T' | 'D' | 'L'; readonly path: string; readonly answer: Answer};

export type Batcher = {
	/** Resolves with the answer: its fields after `KIND ID` (base64 fields still encoded), and its lines (T, C). */
	request(request: BatchRequest): Promise<Answer>;
};

/** The answer to one request. */
export type Answer = {
	readonly fields: string[];
	/** The lines of a T or C answer: their kind (t, u, c, g) and the rest of the line. */
	readonly lines: Array<readonly [string, string]>;
};

type Pending = BatchRequest & {
	readonly id: number;
	/** Asked again on its own: a bulk block could not answer it whole. */
	alone?: boolean;
	resolve(answer: Answer): void;
	reject(error: Error): void;
};

/**
Collects the requests made in the same turn of the event loop (the gatherers ask for many things at once, through
Promise.all) and sends them as one script in one SSH round trip, to a shell kept open on the target (root through
`sudo -n` with `sudo`); `root` is the --root prefix on the target.
*/
export function createBatcher(connection: SshConnection, sudo: boolean, root: string, options: {trace?: (line: string) => void; onExtra?: (extra: Extra) => void} = {}): Batcher {
	let queue: Pending[] = [];
	let scheduled = false;
	// sshd allows 10 sessions per connection by default (MaxSessions); the forwarded Docker socket needs some too.
	const maxInFlight = 3;
	let inFlight = 0;
	let nextId = 1;
	const prefix = root === '/' ? '' : root.replace(/\/+$/, '');

	function lineOf(request: Pending): string[] {
		const lines: string[] = [];
		const args = request.args.map((arg, index) => {
			const upload = request.uploads?.get(arg);
			if (!upload) {
				return shellQuote(arg);
			}

			const name = `"$T/u${request.id}_${index}"`;
			lines.push(`printf '%s' ${shellQuote(upload.toString('base64'))} | base64 -d > ${name}`);
			return name;
		});
		lines.push(`op_${request.op} ${request.id} ${args.join(' ')}`);
		return lines;
	}

	const bulkOf = (request: Pending) => request.alone ? undefined : bulkOp(request.op, request.args[0], prefix);

	async function send(batch: Pending[]): Promise<void> {
		const single = batch.filter(request => bulkOf(request) === undefined);
		const bulkPaths = new Map<BulkOp, Set<string>>();
		for (const request of batch) {
			const op = bulkOf(request);
			if (op !== undefined) {
				bulkPaths.set(op, (bulkPaths.get(op) ?? new Set()).add(request.args[0]!));
			}
		}

		const script = [`R=${shellQuote(prefix)}`, scriptPrelude, ...bulkScript(new Map([...bulkPaths].map(([op, paths]) => [op, [...paths]]))), ...single.flatMap(request => lineOf(request)), 'echo END', ''].join('\n');
		const timeoutMs = Math.max(120_000, ...batch.map(request => (request.timeoutMs ?? 0) + 15_000));
		const started = Date.now();
		const result = await connection.runScript(script, {sudo, timeoutMs});
		options.trace?.(`round trip ${connection.roundTrips()}: ${batch.length} requests (${[...new Set(batch.map(request => request.op))].join('')}), ${script.length} bytes out, ${result.stdout.length} back, ${Date.now() - started} ms${batch.length < 30 ? `: ${batch.map(request => `${request.op} ${request.args.slice(0, 2).join(' ').slice(0, 60)}`).join(', ')}` : ''}`);
		const lines = result.stdout.split('\n');
		if (result.failure || !lines.includes('END')) {
			const detail = result.failure ?? (result.stderr.trim().split('\n').at(-1) || `ssh exited with ${result.exitCode}`);
			const fatal = lostError(connection.target, /^sudo:/m.test(result.stderr) ? `sudo on the target failed: ${result.stderr.trim().split('\n')[0]}` : detail);
			const error = new SshError(fatal);
			connection.lose(fatal);
			for (const request of batch) {
				request.reject(error);
			}

			return;
		}

		const answers = new Map<string, Answer>();
		const kinds = new Map<string, string>();
		const stats = new Map<string, string[]>();
		const answer = (id: string) => {
			let found = answers.get(id);
			if (!found) {
				found = {fields: [], lines: []};
				answers.set(id, found);
			}

			return found;
		};

		const links = new Map<string, string>();
		// The answers of the bulk blocks (bulk-reads.ts) by op and path; the lines of the block being read.
		const bulkAnswers = new Map<string, Answer>();
		const again = new Set<string>();
		let block: {op: BulkOp; lines: string[]} | undefined;
		for (const line of lines) {
			if (block) {
				if (line !== `${block.op}E`) {
					block.lines.push(line);
					continue;
				}

				const parse = {T: parseTextBlock, F: parseFileBlock, D: parseDirectoryBlock}[block.op as 'T' | 'F' | 'D'];
				if (parse) {
					const parsed = parse(block.lines);
					for (const [hostPath, found] of parsed.answers) {
						bulkAnswers.set(`${block.op}\0${hostPath}`, found);
					}

					for (const hostPath of parsed.again) {
						again.add(`${block.op}\0${hostPath}`);
					}
				} else if (block.op === 'L') {
					// Also the links op_C sends unasked (a dockerd's descriptors).
					const [paths = [], targets = []] = block.lines.map(part => Buffer.from(part, 'base64').toString('utf8').split('\0'));
					if (paths.length === targets.length) {
						for (const [index, linkPath] of paths.slice(0, -1).entries()) {
							links.set(linkPath.slice(prefix.length), targets[index]!);
						}
					}
				} else {
					for (const fields of block.lines.map(part => part.split(' '))) {
						stats.set(fields.slice(8).join(' ').slice(prefix.length), fields.slice(0, 8));
					}
				}

				block = undefined;
				continue;
			}

			if (/^[SLTFD]B$/.test(line)) {
				block = {op: line[0] as BulkOp, lines: []};
				continue;
			}

			const space = line.indexOf(' ');
			const next = line.indexOf(' ', space + 1);
			const kind = line.slice(0, space);
			const id = line.slice(space + 1, next === -1 ? undefined : next);
			const rest = next === -1 ? '' : line.slice(next + 1);
			if (['t', 'u', 'c', 'g'].includes(kind)) {
				answer(id).lines.push([kind, rest]);
			} else if (kind.length === 1 && id !== '') {
				answer(id).fields.push(...rest.split(' '));
				kinds.set(id, kind);
			}
		}

		for (const request of batch) {
			const bulk = bulkOf(request);
			if (bulk === 'S') {
				request.resolve({fields: stats.get(request.args[0]!) ?? ['-'], lines: []});
				continue;
			}

			if (bulk === 'L') {
				const target = links.get(request.args[0]!);
				request.resolve({fields: [target ? `+${Buffer.from(target).toString('base64')}` : '-'], lines: []});
				continue;
			}

			if (bulk !== undefined && again.has(`${bulk}\0${request.args[0]!}`)) {
				// Too much for the block: asked again on its own, with the next round trip.
				request.alone = true;
				queue.push(request);
				continue;
			}

			const found = bulk === undefined ? answers.get(String(request.id)) : bulkAnswers.get(`${bulk}\0${request.args[0]!}`);
			if (found && found.fields.length > 0) {
				request.resolve(found);
			} else {
				request.reject(new Error(`${connection.target.url}: no answer from the target for ${request.op} ${request.args[0] ?? ''}`));
			}
		}

		const requested = new Set(batch.filter(request => request.op === 'L').map(request => request.args[0]!));
		for (const [id, found] of answers) {
			const op = kinds.get(id);
			if (id.startsWith('@') && (op === 'F' || op === 'T' || op === 'D' || op === 'L')) {
				options.onExtra?.({op, path: id.slice(1), answer: found});
			}
		}

		for (const [linkPath, target] of links) {
			if (!requested.has(linkPath)) {
				options.onExtra?.({op: 'L', path: linkPath, answer: {fields: [target ? `+${Buffer.from(target).toString('base64')}` : '-'], lines: []}});
			}
		}
	}

	function flush(): void {
		scheduled = false;
		if (inFlight >= maxInFlight || queue.length === 0) {
			// What is asked meanwhile waits for a round trip to come back, and goes with the next one.
			return;
		}

		const batch = queue;
		queue = [];
		inFlight++;
		void send(batch).finally(() => {
			inFlight--;
			flush();
		});
	}

	return {
		async request(request) {
			return new Promise<Answer>((resolve, reject) => {
				queue.push({...request, id: nextId++, resolve, reject});
				if (!scheduled) {
					scheduled = true;
					setImmediate(flush);
				}
			});
		},
	};
}

/** Decodes a `+BASE64` field; undefined for anything else. */
export function decoded(field: string | undefined): Buffer | undefined {
	return field?.startsWith('+') ? Buffer.from(field.slice(1), 'base64') : undefined;
}
