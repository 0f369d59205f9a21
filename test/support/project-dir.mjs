// A temporary project outside the repository for programs a test writes: its package.json
// maps '#ctx' to the repository's test/ctx targets (native or portable, by the
// `anyctx-native` condition, as the scenario corpus imports it), and its node_modules has the
// packages linked, so written code imports 'anyctx/portable' as a user's code would.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkPackages, repoRoot } from './packages.mjs';

/**
 * Makes the folder; returns its path. `imports`: more entries of package.json's "imports";
 * `packages`: the packages linked into its node_modules.
 */
export function makeProjectDir(prefix, { imports = {}, packages = ['anyctx'] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const ctx = (file) => JSON.stringify(join(repoRoot, 'test', 'ctx', file));
  const ctxImport = {
    'anyctx-native': { import: './ctx-native.mjs', require: './ctx-native.cjs' },
    default: { import: './ctx-portable.mjs', require: './ctx-portable.cjs' },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', imports: { '#ctx': ctxImport, ...imports } }));
  writeFileSync(join(dir, 'ctx-native.mjs'), `export * from ${ctx('native.mjs')};\n`);
  writeFileSync(join(dir, 'ctx-portable.mjs'), `export * from ${ctx('portable.mjs')};\n`);
  writeFileSync(join(dir, 'ctx-native.cjs'), `module.exports = require(${ctx('native.cjs')});\n`);
  writeFileSync(join(dir, 'ctx-portable.cjs'), `module.exports = require(${ctx('portable.cjs')});\n`);
  mkdirSync(join(dir, 'node_modules'));
  linkPackages(join(dir, 'node_modules'), packages);
  return dir;
}
