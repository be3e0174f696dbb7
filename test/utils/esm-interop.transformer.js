// Jest transformer: ts-jest, plus one rewrite for ESM-only packages compiled to CommonJS.
// `import.meta` has no CommonJS meaning: a module-level `const require = createRequire(import.meta.url)`
// is dropped (CommonJS has its own `require`), other uses become the module's own file URL, directory and resolver.
const tsJest = require('ts-jest').default;

const REQUIRE_SHIM = /^const require = createRequire\(import\.meta\.url\);?$/m;
const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const IMPORT_META_DIRNAME = /\bimport\.meta\.dirname\b/g;
const IMPORT_META_RESOLVE = /\bimport\.meta\.resolve\(/g;

function rewrite(source) {
  if (!source.includes('import.meta')) return source;
  return source
    .replace(REQUIRE_SHIM, '')
    .replace(IMPORT_META_URL, "require('node:url').pathToFileURL(__filename).href")
    .replace(IMPORT_META_DIRNAME, '__dirname')
    .replace(IMPORT_META_RESOLVE, 'require.resolve(');
}

module.exports = {
  createTransformer(options) {
    const inner = tsJest.createTransformer(options);
    return {
      canInstrument: inner.canInstrument,
      getCacheKey: (source, path, transformOptions) =>
        inner.getCacheKey(rewrite(source), path, transformOptions),
      process: (source, path, transformOptions) =>
        inner.process(rewrite(source), path, transformOptions),
      processAsync: (source, path, transformOptions) =>
        inner.processAsync(rewrite(source), path, transformOptions),
    };
  },
};
