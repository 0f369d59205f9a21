// The runtime's builds shorten some property names (packages/anyctx/build-options.mjs): safe
// only for properties of the engine's own objects. A name there that the public API declares
// (a method, an option a user passes, a field of what a function returns) would break every
// user of that name in a bundle; a name that no source uses any more is a stale rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { BASIC_HELPERS_EXPORT, HELPER_NAMES, HELPERS_EXPORT } from 'anyctx/protocol';
import { INTERNAL_PROPERTIES } from '../packages/anyctx/build-options.mjs';
import { packageDir } from './support/packages.mjs';

test('every shortened name is a property some runtime source reads or writes', () => {
  const src = join(packageDir('anyctx'), 'src');
  const code = readdirSync(src, { recursive: true }).filter((file) => file.endsWith('.ts')).map((file) => readFileSync(join(src, file), 'utf8')).join('\n');
  const unused = INTERNAL_PROPERTIES.filter((name) => !new RegExp(`\\.${name}\\b|\\b${name}\\s*[:(?]|\\b${name},`).test(code));
  assert.deepEqual(unused, []);
});

test('no shortened name is a property the public API declares', () => {
  const declared = new Set();
  // The hand-written declarations, which the build publishes as they are.
  for (const entry of ['portable', 'index']) {
    const file = join(packageDir('anyctx'), 'types', `${entry}.d.ts`);
    const program = ts.createProgram([file], { strict: true, types: [], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const seen = new Set();
    // Exports, their members, what their functions take and return, a few levels down.
    const visit = (type, depth) => {
      if (depth > 4 || seen.has(type)) return;
      seen.add(type);
      for (const property of type.getProperties()) {
        declared.add(property.name);
        visit(checker.getTypeOfSymbolAtLocation(property, source), depth + 1);
      }
      for (const signature of [...type.getCallSignatures(), ...type.getConstructSignatures()]) {
        visit(signature.getReturnType(), depth + 1);
        for (const parameter of signature.parameters) visit(checker.getTypeOfSymbolAtLocation(parameter, source), depth + 1);
      }
      if (type.isUnionOrIntersection()) for (const part of type.types) visit(part, depth + 1);
    };
    for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source))) {
      declared.add(symbol.name);
      // The await helpers are for rewritten code, which calls their methods (the protocol,
      // checked below) and passes what they return back untouched.
      if (symbol.name === HELPERS_EXPORT || symbol.name === BASIC_HELPERS_EXPORT) continue;
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      visit(checker.getTypeOfSymbolAtLocation(target, source), 0);
      if (target.flags & ts.SymbolFlags.Class) visit(checker.getDeclaredTypeOfSymbol(target), 0);
    }
  }
  assert.ok(['getStore', 'run', 'runInAsyncScope', 'init', 'Variable'].every((name) => declared.has(name)), 'the walk reaches members, options and nested exports');
  assert.deepEqual(INTERNAL_PROPERTIES.filter((name) => declared.has(name)), []);
});

test('no shortened name is one rewritten code calls (the helper protocol)', () => {
  assert.deepEqual(INTERNAL_PROPERTIES.filter((name) => HELPER_NAMES.includes(name) || name === HELPERS_EXPORT || name === BASIC_HELPERS_EXPORT), []);
});
