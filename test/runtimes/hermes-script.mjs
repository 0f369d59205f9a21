// Turns a scenario bundle (esbuild, ES2022, an ES module or CommonJS) into a script the
// hermes 0.12 CLI runs. Hermes 0.12 has no class syntax, no private fields, no async arrow
// functions or async generators, no `super` in object literals, no named capture groups or
// \p{..} in regular expressions, and gives `let`/`const` function scope (a loop's closures
// share one binding): Babel's preset-env lowers exactly those. The result is one function
// (async when the bundle awaits at its top level), called with the loop's hooks around it.
//
// Babel takes ~0.2 s on a whole bundle, and most of a bundle (the portable engine, the
// prelude, `events`) is the same in every scenario: esbuild starts each module's top-level
// code with a `// path` comment, so the bundle is cut there and each piece's output is kept.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let babel;

const babelOptions = {
  babelrc: false,
  configFile: false,
  sourceType: 'module',
  parserOpts: { allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true },
  compact: false,
  comments: false,
  presets: [
    [
      require.resolve('@babel/preset-env'),
      {
        // A recent target leaves everything else alone; `include` names what Hermes lacks.
        targets: { chrome: '120' },
        modules: false,
        include: [
          'transform-block-scoping',
          // Hermes 0.12 counts a rest parameter in a function's length.
          'transform-parameters',
          'transform-classes',
          'transform-class-properties',
          'transform-private-methods',
          'transform-private-property-in-object',
          'transform-class-static-block',
          'transform-async-to-generator',
          'transform-async-generator-functions',
          'transform-object-super',
          'transform-named-capturing-groups-regex',
          'transform-unicode-property-regex',
        ],
      },
    ],
  ],
};

const pieces = new Map(); // hash of a piece -> { code, topLevelAwait }

/** Babel's output for one piece of the bundle, and whether it awaits at its top level. */
function lower(source) {
  const key = createHash('sha1').update(source).digest('hex');
  let piece = pieces.get(key);
  if (piece === undefined) {
    babel ??= require('@babel/core');
    let topLevelAwait = false;
    const detectTopLevelAwait = () => ({
      visitor: {
        'AwaitExpression|ForOfStatement'(path) {
          if ((path.isAwaitExpression() || path.node.await) && !path.getFunctionParent()) topLevelAwait = true;
        },
      },
    });
    const { code } = babel.transformSync(source, { ...babelOptions, plugins: [detectTopLevelAwait] });
    piece = { code, topLevelAwait };
    pieces.set(key, piece);
  }
  return piece;
}

/** The bundle's pieces: cut before each top-level `// path` comment that follows a blank line. */
function cut(bundle) {
  return bundle.split(/\n(?=\n\/\/ [^\n]+\n)/);
}

/** The Hermes script for `bundle` (its text); `commonJs` when it is a CommonJS bundle. */
export function hermesScript(bundle, { commonJs }) {
  let lowered;
  try {
    lowered = cut(bundle).map(lower);
  } catch {
    // A cut that split a statement (a template literal holding such a comment): the whole.
    lowered = [lower(bundle)];
  }
  const topLevelAwait = lowered.some((piece) => piece.topLevelAwait);
  const body = lowered.map((piece) => piece.code).join('\n');
  const moduleVars = commonJs ? 'var module = { exports: {} }, exports = module.exports;\n' : '';
  // Hermes 0.12 parses `async function` (not async arrows) and runs it on its own generators.
  return `(function () {
var main = ${topLevelAwait ? 'async ' : ''}function () {
'use strict';
${moduleVars}${body}
};
try {
  var result = main(); // (before the prelude has run, there is no __hermesLoop)
  globalThis.__hermesLoop.watchMain(result);
} catch (error) {
  // An error before the prelude has run is the CLI's to report.
  if (!globalThis.__hermesLoop) throw error;
  globalThis.__hermesLoop.reportUncaught(error);
}
globalThis.__hermesLoop.scriptEnd(${commonJs});
})();
`;
}
