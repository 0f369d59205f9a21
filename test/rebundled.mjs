// Rewritten modules bundled again, as Vite's dependency optimizer bundles rewritten
// dependencies with Rolldown: the bundler renames the helpers' import, and whatever
// transforms the bundle afterwards (the dev server, Babel) must recognise it as rewritten.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MODULES = {
  'lib.mjs': 'export async function later(f) { await null; return f(); }\nexport async function* ticks() { yield 1; await null; }\n',
  'entry.mjs': "export { later, ticks } from './lib.mjs';\nexport const top = await Promise.resolve(1);\n",
};

/** The code of a Rolldown bundle of two modules, each first rewritten by `rewrite(code, path)`. */
export async function rebundledRewrite(rewrite) {
  const { rolldown } = await import('rolldown');
  const dir = mkdtempSync(join(tmpdir(), 'anyctx-rebundled-'));
  try {
    for (const [name, code] of Object.entries(MODULES)) writeFileSync(join(dir, name), rewrite(code, join(dir, name)));
    const build = await rolldown({ input: join(dir, 'entry.mjs'), external: [/^anyctx/], logLevel: 'silent' });
    const { output } = await build.generate({ format: 'esm' });
    await build.close();
    return output[0].code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
