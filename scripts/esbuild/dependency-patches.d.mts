import type {Plugin} from 'esbuild';

/** The esbuild plugin that edits dependencies as they are bundled (dependency-patches.mjs). */
export const dependencyPatches: Plugin;
