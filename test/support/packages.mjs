// Where the two packages' built files are, for the tests that run them by path (most import
// them by name: `anyctx`, `anyctx-build/transform`, through the workspace's node_modules).
import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const runtimeDist = join(repoRoot, 'packages', 'anyctx', 'dist');
export const buildDist = join(repoRoot, 'packages', 'anyctx-build', 'dist');

/** A path in a package's dist/: `built('anyctx', 'portable.node.mjs')`. */
export const built = (pkg, file) => join(pkg === 'anyctx' ? runtimeDist : buildDist, file);

/** A node:test `skip` value: false, or why the tests cannot run (files not built). Each file is
 * `package/file`, e.g. 'anyctx-build/register.js'. */
export function unlessBuilt(...files) {
  const missing = files.filter((file) => {
    const [pkg, ...rest] = file.split('/');
    return !existsSync(built(pkg, rest.join('/')));
  });
  return missing.length === 0 ? false : `not built (npm run build): ${missing.join(', ')}`;
}

/** Each package's folder (what `npm install` links into a project's node_modules). */
export const packageDir = (pkg) => join(repoRoot, 'packages', pkg);

/** Links both packages into a project's node_modules, as a workspace or `npm install` of the
 * packed packages would put them there. */
export function linkPackages(nodeModules, packages = ['anyctx', 'anyctx-build']) {
  for (const pkg of packages) symlinkSync(packageDir(pkg), join(nodeModules, pkg), 'junction');
}
