// Which files the register entry rewrites, and how: JavaScript and TypeScript modules by
// extension; other files (JSON, WebAssembly, addons, .jsx/.tsx) pass through untouched.

import { PackageScopes } from '../model/package-scope';

/** For the life of the process, as Node reads each package.json once. */
const scopes = new PackageScopes();

const JAVASCRIPT = new Set(['.js', '.mjs', '.cjs']);
const TYPESCRIPT = new Set(['.ts', '.mts', '.cts']);

function extensionOf(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && dot > path.lastIndexOf('\\') ? path.slice(dot) : '';
}

export function isRewritable(path: string): boolean {
  const extension = extensionOf(path);
  return JAVASCRIPT.has(extension) || TYPESCRIPT.has(extension);
}

export function isTypeScript(path: string): boolean {
  return TYPESCRIPT.has(extensionOf(path));
}

/** The module format of a TypeScript file: by extension, else the nearest package.json "type". */
export function typeScriptFormat(path: string): 'module' | 'commonjs' {
  const extension = extensionOf(path);
  if (extension === '.mts') return 'module';
  if (extension === '.cts') return 'commonjs';
  return scopes.typeOf(path);
}
