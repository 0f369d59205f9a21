// The two await rewriters, behind one interface, for the invariant tests
// (test/rewrite/invariant.mjs): the oxc text rewrite (dist/transform.js) and the Babel plugin
// (dist/babel.js) run by @babel/core with nothing else. Each has
//   rewrite(code, filename): the rewritten text, or null if the file was left as it was; it
//     throws an Unparsable error for a file its own parser rejects (skipped for that rewriter);
//   secondPass(output, filename): null if rewriting the output again changes nothing, or
//     what changed;
//   baseline(code, filename), for a rewriter that prints the file anew: the file printed
//     without the rewrite, what its output is held to where the original and it differ.
// helperExports(): the names each helpers export has, read from the built engine.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import babel from '@babel/core';
import { transform } from 'anyctx-build/transform';
import babelPlugin from 'anyctx-build/babel';
import { Unparsable } from './invariant.mjs';
import { built } from '../support/packages.mjs';

/** The first line where two texts differ, with both versions. */
function firstDifferentLine(a, b) {
  const as = a.split('\n');
  const bs = b.split('\n');
  const i = as.findIndex((line, n) => line !== bs[n]);
  const at = i === -1 ? as.length : i;
  return `line ${at + 1}: ${JSON.stringify(as[at]?.slice(0, 160))} then ${JSON.stringify(bs[at]?.slice(0, 160))}`;
}

const oxc = {
  name: 'oxc',
  rewrite(code, filename) {
    // The oxc rewriter reads the file with the same parser as the checks: if it throws, the
    // file parsed there, so this is the rewriter's failure, not the file's.
    const result = transform(code, { filename, sourceMap: false });
    return result.changed ? result.code : null;
  },
  secondPass(output, filename) {
    const again = transform(output, { filename, sourceMap: false });
    return again.changed ? `rewritten again, ${firstDifferentLine(output, again.code)}` : null;
  },
};

/** Babel's parser plugins for a file, by its extension (.mts/.cts: no `<T>x` casts, as tsc). */
function parserPlugins(filename) {
  if (/\.tsx$/.test(filename)) return [['typescript', { isTSX: true }], 'jsx'];
  if (/\.(mts|cts)$/.test(filename)) return [['typescript', { disallowAmbiguousJSXLike: true }]];
  if (/\.ts$/.test(filename)) return ['typescript'];
  if (/\.jsx$/.test(filename)) return ['jsx'];
  return [];
}

/** As the oxc rewriter: .mjs/.mts modules, .cjs/.cts CommonJS, others told from their syntax. */
const babelSourceType = (filename) => (/\.(mjs|mts)$/.test(filename) ? 'module' : /\.(cjs|cts)$/.test(filename) ? 'commonjs' : 'unambiguous');

/**
 * Babel's options for a kind of file, resolved once: resolving them on every call (options,
 * plugins, parser settings) took a third of a small file's transform, 6.4 ms of it.
 */
const resolvedOptions = new Map();
function babelOptions(filename, plugins, sourceType) {
  const parser = parserPlugins(filename);
  const key = JSON.stringify([parser, sourceType, plugins.length]);
  let options = resolvedOptions.get(key);
  if (options === undefined) {
    options = babel.loadOptionsSync({
      filename,
      sourceType,
      plugins,
      babelrc: false,
      configFile: false,
      browserslistConfigFile: false,
      parserOpts: { plugins: parser },
      // Babel compacts files over 500 kB ("auto") and says so on stderr: print them all alike.
      compact: false,
      sourceMaps: false,
      ast: false,
      highlightCode: false,
    });
    resolvedOptions.set(key, options);
  }
  return { ...options, filename };
}

/** `plugins`: the await rewrite's plugin, or none. */
function runBabel(code, filename, plugins, sourceType = babelSourceType(filename)) {
  try {
    return babel.transformSync(code, babelOptions(filename, plugins, sourceType)).code;
  } catch (error) {
    if (error.code !== 'BABEL_PARSE_ERROR') throw error;
    // As the oxc rewriter: a file that is not a script may be a module with no import or export.
    if (sourceType === 'unambiguous') return runBabel(code, filename, plugins, 'module');
    throw new Unparsable(error.message.split('\n')[0]);
  }
}

const babelRewriter = {
  name: 'babel',
  /** Babel prints every file anew: the plugin's output is never null. */
  rewrite: (code, filename) => runBabel(code, filename, [babelPlugin]),
  baseline: (code, filename) => runBabel(code, filename, []),
  // Babel run with the plugin on the plugin's own output must give that output back. Should
  // Babel's print of a file it printed not be the same text (it was, for 80 files of undici,
  // npm, fastify and vite), the second pass is compared with Babel's print of the output
  // without the plugin instead: the same text means the plugin changed nothing, the printer did.
  secondPass(output, filename) {
    const again = runBabel(output, filename, [babelPlugin]);
    if (again === output) return null;
    const reprinted = runBabel(output, filename, []);
    return again === reprinted ? null : `rewritten again, ${firstDifferentLine(reprinted, again)}`;
  },
};

export const REWRITERS = { oxc, babel: babelRewriter };

/** The names of the helpers each export of the built engine has. Read in a child process:
 * importing the engine here would install it in the process that runs the checks. */
export function helperExports() {
  const portable = built('anyctx', 'portable.node.mjs');
  const script = `const { awaitFrames, awaitFramesBasic } = await import(${JSON.stringify(portable)});
    console.log(JSON.stringify({ awaitFrames: Object.keys(awaitFrames), awaitFramesBasic: Object.keys(awaitFramesBasic) }));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }));
}
