/*
Injected into dist/app.cjs, which is a CommonJS script: `import.meta` stands for this object there, and its URL is the
bundle's own, as it was in the ES module build, so paths relative to it (../package.json) still resolve.
*/
export const importMetaUrl = require('node:url').pathToFileURL(__filename).href;
export const importMeta = {url: importMetaUrl};
