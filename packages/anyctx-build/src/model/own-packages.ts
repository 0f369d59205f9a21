// The packages whose files are never rewritten: the runtime the rewritten code calls (its
// helpers must not wrap themselves) and the tools that rewrite. The plugins and the Babel
// plugin ask here; the register loader knows its own folders (register/own-files.ts).

import { dirname, join, sep } from 'node:path';
import { PackageScopes } from './package-scope';

export const OWN_PACKAGES: readonly string[] = ['anyctx', 'anyctx-build'];

/** A file installed under node_modules/<one of OWN_PACKAGES>/. */
export const INSTALLED_OWN_FILE = new RegExp(`[\\\\/]node_modules[\\\\/](?:${OWN_PACKAGES.join('|')})[\\\\/]`);

/**
 * Whether a file is one of the packages' built files: installed under node_modules, or in the
 * dist/ of a package of that name wherever it is (a workspace, a link), by its package.json.
 */
export function ownFileCheck(): (filename: string) => boolean {
  const scopes = new PackageScopes();
  return (filename) => {
    if (INSTALLED_OWN_FILE.test(filename)) return true;
    const scope = scopes.of(dirname(filename));
    return scope !== undefined && OWN_PACKAGES.includes(scope.name as string) && filename.startsWith(join(scope.root, 'dist') + sep);
  };
}
