import type {Plugin} from 'esbuild';

/** Bundles `entry` (a path from the project's root) to `outfile` as an app bundle that names its build (bundle-app.mjs). */
export function bundleApp(entry: string, outfile: string, plugins?: Plugin[]): Promise<void>;

/** Bundles `entry` to `outfile` as a CommonJS entry script, with the package.json beside it that makes it one (bundle-app.mjs). */
export function bundleEntry(entry: string, outfile: string): Promise<void>;
