/** Builds the bench's floor (readme.md beside this file) into a new temporary folder, with dockwarden's own build. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {bundleApp, bundleEntry} from '../../../scripts/esbuild/bundle-app.mjs';

/** The floor's cli.js, and the removal of its folder. */
export async function buildFloor(): Promise<{cli: string; remove(): void}> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dw-bench-floor-'));
	const here = path.relative(path.resolve(import.meta.dirname, '../../..'), import.meta.dirname);
	await Promise.all(['audit.ts', 'audit-node.ts', 'frame.tsx'].map(async file => bundleApp(path.join(here, file), path.join(dir, file.replace(/\.tsx?$/, '.cjs')))));
	await bundleEntry(path.join(here, 'cli.ts'), path.join(dir, 'cli.js'));
	return {cli: path.join(dir, 'cli.js'), remove: () => fs.rmSync(dir, {recursive: true, force: true})};
}
