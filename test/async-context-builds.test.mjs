// AsyncContext's shape as the proposal's spec text gives it (test/quick/async-context-shape.mjs),
// on what ships: the `anyctx` entry on Node (built on Node's own AsyncLocalStorage), and the
// browser build bundled and minified as an app's bundler makes it (class names renamed),
// evaluated in a realm of its own, as test/bundle-size.test.mjs evaluates it.
import { describe, it } from 'node:test';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { shapeCases } from './quick/async-context-shape.mjs';
import { unlessBuilt } from './support/packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const skip = unlessBuilt('anyctx/index.cjs', 'anyctx/portable.browser.js');

describe('the anyctx entry on Node', { skip }, async () => {
  const { AsyncContext } = skip ? {} : await import('anyctx');
  for (const [name, test] of skip ? [] : shapeCases(AsyncContext)) it(name, test);
});

describe('the browser build, minified, in a realm of its own', { skip }, async () => {
  let engine;
  if (!skip) {
    const result = await build({
      stdin: { contents: "export { AsyncContext } from 'anyctx';", resolveDir: root, loader: 'js' },
      bundle: true, minify: true, platform: 'browser', format: 'iife', globalName: 'anyctx', target: 'es2022', write: false, logLevel: 'silent',
    });
    const context = vm.createContext({ setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask });
    engine = { AsyncContext: vm.runInContext(`${result.outputFiles[0].text};anyctx.AsyncContext`, context), realm: vm.runInContext('globalThis', context) };
  }
  for (const [name, test] of skip ? [] : shapeCases(engine.AsyncContext, engine.realm)) it(name, test);
});
