/*
For dist/command.cjs, the bundle of the reports and commands: the two modules through which the app reaches its TUIs
(the single host's and the fleet's, each loaded by a dynamic import in source/main.ts and source/commands/fleet-tui.ts)
are left out, and with them Ink, React and Yoga, half of the app's code. dist/cli.js loads dist/app.cjs, which has them,
whenever the command line ends in a TUI (source/main.ts: endsInTui), so that a command never reaches these stand-ins;
should one do so all the same, it fails saying so rather than drawing nothing.
*/
const namespace = 'without-tui';

/** The renderers of the TUIs, as imported (relative to their importer). */
const renderers = /(?:^|\/)ui\/app\/render-(?:app|fleet)\.js$/;

/** The esbuild plugin. */
export const withoutTui = {
	name: namespace,
	setup(build) {
		build.onResolve({filter: renderers}, args => args.kind === 'dynamic-import' ? {path: args.path, namespace} : undefined);
		build.onLoad({filter: /.*/, namespace}, () => ({
			contents: `const missing = () => {
	throw new Error('this bundle (dist/command.cjs) has no TUI: dist/cli.js runs dist/app.cjs for a command line that ends in one');
};
export {missing as renderApp, missing as renderFleet};
`,
			loader: 'js',
		}));
	},
};
