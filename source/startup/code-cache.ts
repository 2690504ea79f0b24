import fs from 'node:fs';

/**
Which code a run needs, and so which code cache it reads and writes and when it writes it: the TUI's
(`app.cjs.tui.cache`, once the first frame is drawn), or that of the commands and reports (`command.cjs.command.cache`,
when the process exits).
*/
export type CodeCacheKind = 'tui' | 'command';

/** The code cache of a bundle lives beside it. */
export function codeCachePath(bundle: string, kind: CodeCacheKind): string {
	return `${bundle}.${kind}.cache`;
}

/**
The build a bundle names on its first line (scripts/build.mjs): `(function (…) { // dockwarden build 0123456789abcdef`.
Undefined for a bundle made otherwise, which then runs without a code cache.
*/
export function bundleBuild(bundle: Buffer): string | undefined {
	return /^[^\n]*\/\/ dockwarden build ([\da-f]{16})\n/.exec(bundle.subarray(0, 200).toString('latin1'))?.[1];
}

/**
The first line of a code cache: what it was made for. V8 rejects a cache made by another V8 or with other flags, but
takes one made from another source of the same length: the line ties the cache to one build of the bundle.
*/
export function codeCacheHeader(build: string): string {
	return `dockwarden code cache 2 ${process.version} ${process.arch} ${build}\n`;
}

/**
Compiled code runs as the code it was compiled from, so a cache is trusted as much as the bundle and no more: it is
used only when owned by the bundle's owner (or root) and writable by no one else, and when its header matches.
*/
export function readCodeCache(file: string, header: string, bundleOwner: number): Buffer | undefined {
	let content: Buffer;
	try {
		const descriptor = fs.openSync(file, 'r');
		try {
			const stats = fs.fstatSync(descriptor);
			if ((stats.uid !== bundleOwner && stats.uid !== 0) || (stats.mode & 0o022) !== 0 || !stats.isFile()) {
				return undefined;
			}

			content = fs.readFileSync(descriptor);
		} finally {
			fs.closeSync(descriptor);
		}
	} catch {
		return undefined;
	}

	const expected = Buffer.from(header);
	return content.length > expected.length && content.subarray(0, expected.length).equals(expected) ? content.subarray(expected.length) : undefined;
}

/** Writes a cache atomically (a temporary file renamed over it); where the bundle's folder is not writable, writes nothing. */
export function writeCodeCache(file: string, header: string, data: Buffer): void {
	const temporary = `${file}.${process.pid}.tmp`;
	try {
		fs.writeFileSync(temporary, Buffer.concat([Buffer.from(header), data]), {mode: 0o644, flag: 'wx'});
		fs.renameSync(temporary, file);
	} catch {
		try {
			fs.rmSync(temporary, {force: true});
		} catch {}
	}
}
