/*
yoga-layout 3, Ink's layout engine, starts with a top-level await: it fetch()es its WebAssembly from a data: URL,
which loads undici (about 25 ms) before compiling it. A CommonJS bundle cannot hold a top-level await, so this plugin
puts in place of the 'yoga-layout' module one that compiles the same WebAssembly synchronously, through emscripten's
instantiateWasm hook, and exports the same thing. The build fails if yoga-layout's files no longer read as expected.
*/
import fs from 'node:fs';
import path from 'node:path';
import {replacePackage} from './replace-package.mjs';

const namespace = 'synchronous-yoga';

function moduleSource(indexFile) {
	const index = fs.readFileSync(indexFile, 'utf8');
	if (!index.includes("import loadYoga from '../binaries/yoga-wasm-base64-esm.js';") || !index.includes('wrapAssembly(await loadYoga())')) {
		throw new Error(`${indexFile} no longer loads yoga as scripts/esbuild/synchronous-yoga.mjs expects`);
	}

	const binary = fs.readFileSync(path.join(path.dirname(indexFile), '../binaries/yoga-wasm-base64-esm.js'), 'utf8');
	const dataUrls = [...binary.matchAll(/"data:application\/octet-stream;base64,([A-Za-z\d+/=]+)"/g)];
	if (dataUrls.length !== 1 || !binary.includes('h.instantiateWasm(')) {
		throw new Error('yoga-layout/dist/binaries/yoga-wasm-base64-esm.js no longer embeds one WebAssembly data URL with an instantiateWasm hook');
	}

	return `
import loadYoga from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';

const wasm = Buffer.from(${JSON.stringify(dataUrls[0][1])}, 'base64');
const lib = {
	instantiateWasm(imports, receiveInstance) {
		const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), imports);
		receiveInstance(instance);
		return instance.exports;
	},
};
loadYoga(lib);
if (!lib.calledRun) {
	throw new Error('yoga-layout did not start synchronously');
}

const Yoga = wrapAssembly(lib);
export default Yoga;
export * from './generated/YGEnums.js';
`;
}

/** The esbuild plugin. */
export const synchronousYoga = replacePackage(namespace, 'yoga-layout', moduleSource);
