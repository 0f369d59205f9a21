// The await transform as a Babel plugin (React Native's Metro, babel-loader, @babel/register,
// …): the rewrite of src/transform/, done on Babel's AST.
//
// It does all its work when the traversal enters the Program, walking the file itself, so
// the rewrite is done before any other plugin or preset visits a function. That matters for
// the ones that compile async functions away (preset-env's async-to-generator, Metro's
// preset on Hermes): after them there is no `await` left to rewrite.

import { GLOBAL_HELPERS_KEY } from 'anyctx/protocol';
import type { BabelTypes as B, NodePath, PluginApi, PluginObject, Types } from './babel-api';
import { collect } from './walk';
import { emitRewrites } from './emit';
import { redirectAsyncHooks } from './async-hooks-imports';
import { collidingWords, generatedNames } from '../model/names';
import { HELPER_STYLES, PLAIN_FILE_STYLES, detectHelperStyle, helpersExportFor, type HelperStyle, type PlainFileStyle } from '../model/helper-style';
import { MAY_REWRITE } from '../model/suspension-points';
import { ownFileCheck } from '../model/own-packages';

export interface AnyctxBabelOptions {
  /** Where the helpers come from (default 'anyctx/portable'). It must resolve, from every
   * transformed file, to the same module as the application's anyctx. */
  runtime?: string;
  /**
   * How the helpers are brought in: an ESM import, a CommonJS require, or a global the
   * portable engine sets once installed (for scripts). Default: 'import' for files with
   * module syntax and for every file Babel parsed as a module without CommonJS in it (a
   * bundler loads those as modules, and a global could be read before the engine set it),
   * 'require' for CommonJS files, 'global' for scripts.
   */
  helpers?: HelperStyle;
  /** The style for a file with neither module syntax nor CommonJS, as anyctx-build/transform's
   * option of the same name (default: 'import' if Babel parsed it as a module, else 'global'). */
  plainFileHelpers?: PlainFileStyle;
  /** Whether imports and `require()`s of `node:async_hooks` (or `async_hooks`) name `runtime`
   * instead, so that libraries written for Node share the app's engine (default false; for
   * React Native and other platforms without Node's module). */
  asyncHooks?: boolean;
}

export function anyctxBabelPlugin(api: PluginApi, options: AnyctxBabelOptions = {}): PluginObject {
  api.assertVersion(7);
  const t = api.types;
  const { runtime, helpers, plainFileHelpers, asyncHooks } = checkOptions(options);
  const isOwnFile = ownFileCheck();

  return {
    name: 'anyctx',
    visitor: {
      Program: {
        enter(program, state) {
          const filename = state.filename ?? state.file.opts.filename ?? undefined;
          const code = state.file.code ?? '';
          if (filename !== undefined && isOwnFile(filename)) return;
          if (asyncHooks && (code === '' || code.includes('async_hooks'))) redirectAsyncHooks(program, t, runtime);
          // Babel given only an AST has no code to pre-check.
          if (code !== '' && !MAY_REWRITE.test(code)) return;
          // Fresh names: none the file uses (read from the identifiers where Babel was given
          // only an AST). Code rewritten before, by this plugin or by anyctx-build/transform, is
          // recognised by its structure and left alone.
          const names = generatedNames(code !== '' ? collidingWords(code) : identifierNames(program));
          const result = emitRewrites(program.node, collect(program, t, code), t, names);
          if (!result.changed) return;
          const hasModuleSyntax = result.topLevelSuspends || result.usesImportMeta || program.node.body.some(
            (s) => t.isImportDeclaration(s) || t.isExportNamedDeclaration(s) || t.isExportDefaultDeclaration(s) || t.isExportAllDeclaration(s),
          );
          const plain = plainFileHelpers ?? (program.node.sourceType === 'module' ? 'import' : 'global');
          const style = helpers ?? detectHelperStyle({ filename: filename ?? '', hasModuleSyntax, code, plain });
          program.node.body.unshift(helpersDeclaration(style, runtime, helpersExportFor(result.helpers), names.helpers, t));
          // Other plugins (CommonJS conversion, block scoping, …) read bindings: make the
          // scope information match the rewritten tree.
          program.scope.crawl();
        },
      },
    },
  };
}

function checkOptions(options: AnyctxBabelOptions): AnyctxBabelOptions & { runtime: string } {
  const { runtime = 'anyctx/portable', helpers, plainFileHelpers, asyncHooks } = options ?? {};
  if (typeof runtime !== 'string' || runtime === '') {
    throw new TypeError(`anyctx-build/babel: the "runtime" option must be a module specifier string, got ${JSON.stringify(runtime)}`);
  }
  if (helpers !== undefined && !HELPER_STYLES.includes(helpers)) {
    throw new TypeError(`anyctx-build/babel: the "helpers" option must be one of ${HELPER_STYLES.join(', ')}, got ${JSON.stringify(helpers)}`);
  }
  if (plainFileHelpers !== undefined && !PLAIN_FILE_STYLES.includes(plainFileHelpers)) {
    throw new TypeError(
      `anyctx-build/babel: the "plainFileHelpers" option must be one of ${PLAIN_FILE_STYLES.join(', ')}, got ${JSON.stringify(plainFileHelpers)}`,
    );
  }
  if (asyncHooks !== undefined && typeof asyncHooks !== 'boolean') {
    throw new TypeError(`anyctx-build/babel: the "asyncHooks" option must be a boolean, got ${JSON.stringify(asyncHooks)}`);
  }
  return { runtime, helpers, plainFileHelpers, asyncHooks };
}

/** Every identifier's name in the program: what generated names must not be. */
function identifierNames(program: NodePath<B.Program>): Set<string> {
  const names = new Set<string>();
  program.traverse({ Identifier: { enter: (path: NodePath<B.Identifier>) => void names.add(path.node.name) } }, undefined);
  return names;
}

/** The 'helpers declaration' shape (`exported`: all the helpers or the basic ones), binding `name`; a global always holds all. */
function helpersDeclaration(style: HelperStyle, runtime: string, exported: string, name: string, t: Types): B.Statement {
  const helpers = t.identifier(name);
  if (style === 'import') {
    // import { awaitFramesBasic as __acx } from RUNTIME;   (or awaitFrames)
    return t.importDeclaration([t.importSpecifier(helpers, t.identifier(exported))], t.stringLiteral(runtime));
  }
  if (style === 'require') {
    // const { awaitFramesBasic: __acx } = require(RUNTIME);   (or awaitFrames)
    const pattern = t.objectPattern([t.objectProperty(t.identifier(exported), helpers)]);
    const init = t.callExpression(t.identifier('require'), [t.stringLiteral(runtime)]);
    return t.variableDeclaration('const', [t.variableDeclarator(pattern, init)]);
  }
  // var __acx = globalThis[Symbol.for("anyctx.awaitFrames")];
  const key = t.callExpression(t.memberExpression(t.identifier('Symbol'), t.identifier('for')), [t.stringLiteral(GLOBAL_HELPERS_KEY)]);
  return t.variableDeclaration('var', [t.variableDeclarator(helpers, t.memberExpression(t.identifier('globalThis'), key, true))]);
}
