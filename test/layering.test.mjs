// What each folder may import (docs/architecture.md draws the same map). Read with a parser
// from the sources: every static import, re-export and dynamic import, type-only ones too,
// since a type import is still a dependency a reader must follow.
//
// - anyctx (the runtime) depends on nothing: no package, no file of anyctx-build; Node's
//   async_hooks only in its Node entry (entry/index.ts). opentelemetry/ (the context manager,
//   an entry of its own) imports the engine only through the package's public entry, `anyctx`,
//   so that an app has one engine, and OpenTelemetry's API (an optional peer); its
//   user-interaction spans, the tracker through `anyctx/tracker`. tracker/ (anyctx/tracker)
//   imports the engine only through `anyctx/portable`, and of the runtime's own files only
//   three whose exports it uses hold no state (its bundle carries a copy): the errors, the
//   layer helpers, the lookup of Node's built-ins.
// - core/ is the engine without a host: it imports core/ and protocol/ only; protocol/
//   imports nothing (the build tools read it without the engine).
// - host/ imports core/, host/, protocol/; entry/ anything of its own package.
// - anyctx-build reaches the runtime only through the entries anyctx's package.json exports,
//   and imports only the packages its package.json names (and, type-only, the types of the
//   hosts it plugs into: TYPE_ONLY_PACKAGES).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseSync } from 'oxc-parser';
import { packageDir } from './support/packages.mjs';

const RUNTIME = packageDir('anyctx');
const BUILD = packageDir('anyctx-build');

/** Every import of every .ts file under `dir`: { file, folder, specifier, typeOnly, target }. */
function importsOf(packageRoot) {
  const src = join(packageRoot, 'src');
  const files = readdirSync(src, { recursive: true }).filter((file) => file.endsWith('.ts')).map((file) => join(src, file));
  assert.ok(files.length > 0, `${src} has sources`);
  return files.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    const { module, errors } = parseSync(file, code);
    assert.deepEqual(errors, [], file);
    const found = [
      ...module.staticImports.map((entry) => ({
        specifier: entry.moduleRequest.value,
        typeOnly: entry.entries.length > 0 && entry.entries.every((e) => e.isType),
      })),
      ...module.staticExports.flatMap((entry) => entry.entries.filter((e) => e.moduleRequest).map((e) => ({ specifier: e.moduleRequest.value, typeOnly: e.isType }))),
      ...module.dynamicImports.map((entry) => ({ specifier: code.slice(entry.moduleRequest.start, entry.moduleRequest.end).replace(/^['"`]|['"`]$/g, ''), typeOnly: false })),
    ];
    return found.map((found) => ({
      ...found,
      file: relative(src, file),
      folder: relative(src, file).split(sep)[0],
      target: found.specifier.startsWith('.') ? resolve(dirname(file), found.specifier) : undefined,
    }));
  });
}

/** Packages anyctx-build reads types of without depending on them: the hosts that hand
 * their objects to its plugins. */
const TYPE_ONLY_PACKAGES = ['@babel/types', 'esbuild'];

const isBuiltin = (specifier) => specifier.startsWith('node:') || builtinModules.includes(specifier);
const folderOf = (packageRoot, target) => relative(join(packageRoot, 'src'), target).split(sep)[0];

/** Packages a runtime folder may import; then the folders (or single files) it may import. */
const RUNTIME_PACKAGE_IMPORTS = { opentelemetry: ['anyctx', 'anyctx/tracker', '@opentelemetry/api'], tracker: ['anyctx/portable'] };

const RUNTIME_MAY_IMPORT = {
  protocol: [],
  opentelemetry: ['opentelemetry'],
  core: ['core', 'protocol'],
  host: ['core', 'host', 'protocol'],
  entry: ['core', 'host', 'protocol', 'entry', 'opentelemetry', 'tracker'],
  tracker: ['tracker', 'core/errors', 'host/patch', 'host/node-builtins'],
};

test('the runtime imports no package and no file outside its own sources', () => {
  const imports = importsOf(RUNTIME);
  const outside = imports.filter(({ specifier, target, file }) =>
    target === undefined
      ? !(specifier === 'node:async_hooks' && file === join('entry', 'index.ts')) && !RUNTIME_PACKAGE_IMPORTS[file.split(sep)[0]]?.includes(specifier)
      : !target.startsWith(join(RUNTIME, 'src') + sep));
  assert.deepEqual(outside.map(({ file, specifier }) => `${file} → ${specifier}`), []);
});

test('within the runtime, core imports no host module, protocol imports nothing', () => {
  const imports = importsOf(RUNTIME);
  const folders = readdirSync(join(RUNTIME, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  assert.deepEqual(Object.keys(RUNTIME_MAY_IMPORT).sort(), folders.sort(), 'every folder has a rule');
  const allowed = (folder, target) => RUNTIME_MAY_IMPORT[folder]?.includes(folderOf(RUNTIME, target))
    || RUNTIME_MAY_IMPORT[folder]?.includes(relative(join(RUNTIME, 'src'), target).split(sep).join('/'));
  const crossing = imports.filter(({ folder, target }) => target !== undefined && !allowed(folder, target));
  assert.deepEqual(crossing.map(({ file, specifier }) => `${file} → ${specifier}`), []);
});

test('anyctx-build reaches the runtime only through its public entries, and imports only the packages it declares', () => {
  const runtimeEntries = Object.keys(JSON.parse(readFileSync(join(RUNTIME, 'package.json'), 'utf8')).exports).map((key) => join('anyctx', key).replace(/\/\.$/, '').replace(/^anyctx\/\.$/, 'anyctx'));
  const manifest = JSON.parse(readFileSync(join(BUILD, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

  const imports = importsOf(BUILD);
  const intoRuntime = imports.filter(({ target }) => target !== undefined && !target.startsWith(join(BUILD, 'src') + sep));
  assert.deepEqual(intoRuntime.map(({ file, specifier }) => `${file} → ${specifier}`), [], 'no relative path leaves anyctx-build/src');

  const runtime = imports.filter(({ specifier }) => packageName(specifier) === 'anyctx');
  assert.ok(runtime.length > 0, 'the build tools import the runtime somewhere (anyctx/protocol, anyctx/portable)');
  assert.deepEqual(runtime.filter(({ specifier }) => !runtimeEntries.includes(specifier)).map(({ file, specifier }) => `${file} → ${specifier}`), []);

  const undeclared = imports.filter(({ specifier, target, typeOnly }) => target === undefined && !isBuiltin(specifier) && !declared.has(packageName(specifier)) && !(typeOnly && TYPE_ONLY_PACKAGES.includes(packageName(specifier))));
  assert.deepEqual(undeclared.map(({ file, specifier }) => `${file} → ${specifier}`), []);
});

test('the runtime package declares no dependency (OpenTelemetry\'s API an optional peer); the build tools have the runtime as a peer', () => {
  const runtime = JSON.parse(readFileSync(join(RUNTIME, 'package.json'), 'utf8'));
  const build = JSON.parse(readFileSync(join(BUILD, 'package.json'), 'utf8'));
  assert.equal(runtime.name, 'anyctx');
  assert.deepEqual([runtime.dependencies, runtime.optionalDependencies], [undefined, undefined]);
  // What opentelemetry/ may import (RUNTIME_PACKAGE_IMPORTS) besides anyctx itself, each optional.
  const peers = RUNTIME_PACKAGE_IMPORTS.opentelemetry.filter((name) => name !== 'anyctx' && !name.startsWith('anyctx/'));
  assert.deepEqual(Object.keys(runtime.peerDependencies ?? {}), peers);
  for (const name of peers) assert.equal(runtime.peerDependenciesMeta?.[name]?.optional, true, `${name} is optional`);
  assert.equal(build.name, 'anyctx-build');
  assert.equal(build.peerDependencies.anyctx, `^${runtime.version}`);
  assert.equal(build.dependencies?.anyctx, undefined, 'one copy of the runtime per app: a peer, not a dependency');
});
