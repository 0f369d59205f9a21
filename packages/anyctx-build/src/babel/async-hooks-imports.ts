// `asyncHooks: true`: the file's imports, re-exports, `require()` and `import()` of Node's
// async_hooks module name the runtime instead, so that a library written for Node shares
// the app's engine. Babel resolves nothing and knows no platform, so this is asked for
// (React Native, whose Metro cannot resolve `node:` modules at all, is where it is needed).

import type { BabelTypes as B, NodePath, Types, Visitor } from './babel-api';
import { ASYNC_HOOKS } from '../model/async-hooks-module';

export function redirectAsyncHooks(program: NodePath<B.Program>, t: Types, runtime: string): void {
  const redirect = (source: B.Node | null | undefined) => {
    if (source && t.isStringLiteral(source) && ASYNC_HOOKS.test(source.value)) source.value = runtime;
  };
  const onSource = { enter: (path: NodePath<B.ImportDeclaration | B.ExportNamedDeclaration | B.ExportAllDeclaration>) => redirect(path.node.source) };
  const visitor = {
    ImportDeclaration: onSource,
    ExportNamedDeclaration: onSource,
    ExportAllDeclaration: onSource,
    // require('async_hooks') (where `require` is not a local binding) and import('…'), as
    // Babel parses it with or without createImportExpressions.
    CallExpression: {
      enter(path: NodePath<B.CallExpression>) {
        const { callee, arguments: args } = path.node;
        const isRequire = t.isIdentifier(callee, { name: 'require' }) && !path.scope.hasBinding('require');
        if ((isRequire || t.isImport(callee)) && args.length === 1) redirect(args[0]);
      },
    },
    ImportExpression: { enter: (path: NodePath<B.ImportExpression>) => redirect(path.node.source) },
  };
  program.traverse(visitor as unknown as Visitor<undefined>, undefined);
}
