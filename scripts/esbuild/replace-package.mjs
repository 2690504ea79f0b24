import path from 'node:path';

/**
An esbuild plugin that bundles a module of our own in place of a package's entry: `moduleSource(entryFile)` gives its
code, which may import from the package's folder (the real entry is resolved as usual, then replaced).
*/
export function replacePackage(namespace, packageName, moduleSource) {
	const filter = new RegExp(`^${packageName.replaceAll(/[.*+?^${}()|[\]\\/-]/g, '\\$&')}$`);
	return {
		name: namespace,
		setup(build) {
			build.onResolve({filter}, async args => {
				if (args.pluginData === namespace) {
					return undefined;
				}

				const resolved = await build.resolve(args.path, {kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: namespace});
				return resolved.errors.length > 0 ? {errors: resolved.errors} : {path: resolved.path, namespace};
			});
			// Resolved from the package's own folder, the module's imports reach the copies the package itself uses.
			build.onLoad({filter: /.*/, namespace}, args => ({contents: moduleSource(args.path), loader: 'js', resolveDir: path.dirname(args.path)}));
		},
	};
}
