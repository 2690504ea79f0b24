/*
In a CommonJS bundle, esbuild gives every module that imports a CommonJS module (a Node.js built-in, React) its own
ES-module view of it, each made by copying every property of the module: node:process alone is imported by 23
modules. This plugin sends the imports of these modules through one ES module per module, which makes that view
once. `require()` calls are left alone: CommonJS code gets the module itself, as before.
*/
import {builtinModules} from 'node:module';

const namespace = 'interop-once';
const shared = new Set([...builtinModules.flatMap(name => [name, `node:${name}`]), 'react', 'react/jsx-runtime']);

/** The esbuild plugin. */
export const interopOnce = {
	name: namespace,
	setup(build) {
		build.onResolve({filter: /^[\w:/-]+$/}, args => {
			if (!shared.has(args.path) || args.kind !== 'import-statement' || args.namespace === namespace) {
				return undefined;
			}

			return {path: args.path, namespace, pluginData: args.resolveDir};
		});
		build.onLoad({filter: /.*/, namespace}, args => ({
			contents: `export * from ${JSON.stringify(args.path)};\nexport {default} from ${JSON.stringify(args.path)};\n`,
			loader: 'js',
			resolveDir: args.pluginData,
		}));
	},
};
