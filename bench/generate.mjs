// Writes the await-transformed copies of the workloads the portable engine runs into
// bench/.generated/ (gitignored), with the package's own `transform()` from dist/.
// Run by bench/run.mjs before any measurement; the children only import the copies.
// bench/run.mjs also leaves the raw results of its last run there (results.json).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const GENERATED = new URL('./.generated/', import.meta.url);
const SOURCES = ['await-workloads.mjs', 'http-handler.mjs'];

// The URL of the transformed copy of a bench/ file.
export const transformedCopy = (name) => new URL(name, GENERATED);

// Throws if the transform cannot be loaded or fails; no copy from an earlier run is left
// behind then, so the portable engine's await measurements fail rather than run stale code.
export async function generateTransformedWorkloads() {
  rmSync(GENERATED, { recursive: true, force: true });
  const { transform } = await import('anyctx-build/transform');
  mkdirSync(GENERATED, { recursive: true });
  for (const name of SOURCES) {
    const source = new URL(`./${name}`, import.meta.url);
    const { code, changed } = transform(readFileSync(source, 'utf8'), { filename: fileURLToPath(source), sourceMap: false });
    // An unchanged copy would measure the engine without the transform under its name.
    if (!changed) throw new Error(`transform() left bench/${name} unchanged`);
    writeFileSync(transformedCopy(name), code);
  }
}
