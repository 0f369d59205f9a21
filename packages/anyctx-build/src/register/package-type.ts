// The "type" of the nearest package.json above a file, as Node uses it to choose between
// ES module and CommonJS for .js files (and as the register entry does for .ts files).

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const typeOfDirectory = new Map<string, 'module' | 'commonjs'>();

export function nearestPackageType(path: string): 'module' | 'commonjs' {
  return typeOf(dirname(path));
}

function typeOf(directory: string): 'module' | 'commonjs' {
  const known = typeOfDirectory.get(directory);
  if (known !== undefined) return known;
  let type: 'module' | 'commonjs';
  const manifest = readManifest(join(directory, 'package.json'));
  if (manifest !== undefined) type = manifest.type === 'module' ? 'module' : 'commonjs';
  else {
    const parent = dirname(directory);
    type = parent === directory ? 'commonjs' : typeOf(parent);
  }
  typeOfDirectory.set(directory, type);
  return type;
}

function readManifest(file: string): { type?: unknown } | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // no package.json here
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? parsed : {};
  } catch {
    return {}; // Node reports a broken package.json itself, when it reads it
  }
}
