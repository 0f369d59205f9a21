// The package a file is in: the nearest package.json above it, as Node finds it (the first
// one that can be read; one that does not parse still ends the search, Node reports it). Its
// "type" picks ES module or CommonJS for .js and .ts files under the register entry; its
// "name" tells the plugins the engine's own files and where the runtime can be resolved.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PackageScope {
  /** The directory holding the package.json. */
  root: string;
  /** Its "name" and "type", as written (anything, or missing). */
  name: unknown;
  type: unknown;
}

/** Nearest package.json lookups, each directory read once for the life of the object. */
export class PackageScopes {
  readonly #byDirectory = new Map<string, PackageScope | undefined>();

  /** The package a directory is in, or undefined above every package.json. */
  of(directory: string): PackageScope | undefined {
    if (this.#byDirectory.has(directory)) return this.#byDirectory.get(directory);
    const parent = dirname(directory);
    const scope = readScope(directory) ?? (parent === directory ? undefined : this.of(parent));
    this.#byDirectory.set(directory, scope);
    return scope;
  }

  /** The module format Node gives a .js file (and the register entry a .ts file): its package's "type". */
  typeOf(path: string): 'module' | 'commonjs' {
    return this.of(dirname(path))?.type === 'module' ? 'module' : 'commonjs';
  }
}

function readScope(root: string): PackageScope | undefined {
  let text: string;
  try {
    text = readFileSync(join(root, 'package.json'), 'utf8');
  } catch {
    return undefined; // no package.json here
  }
  let manifest: { name?: unknown; type?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null) manifest = parsed;
  } catch {
    // Node reports a broken package.json itself, when it reads it.
  }
  return { root, name: manifest.name, type: manifest.type };
}
