// The packages' declarations are written by hand (packages/*/types/*.d.ts; their
// conformance.ts holds the sources to them). Each is published twice: as .d.ts, read for
// `import` (the packages are "type": "module"), and as .d.cts, read for `require`, whose
// relative imports name the .cjs twins. Node16 resolution reads a .d.ts there as ES module
// types for a CommonJS file ("masquerading as ESM"), so `require` needs its own.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const RELATIVE = /(\bfrom\s+|\bimport\s*\(\s*)(['"])(\.\.?\/[^'"]*)\2/g;

/** Copies every .d.ts of `from` into `to`, with its .d.cts twin. */
export function writeDeclarations(from, to) {
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((name) => name.endsWith('.d.ts'))) {
    const text = readFileSync(new URL(file, from), 'utf8');
    const cjs = text.replace(RELATIVE, (_, before, quote, specifier) => {
      // Without its .js, a specifier does not resolve under node16 (TS2834).
      if (!specifier.endsWith('.js')) throw new Error(`${file}: a relative import must end with .js: ${specifier}`);
      return `${before}${quote}${specifier.slice(0, -3)}.cjs${quote}`;
    });
    writeFileSync(new URL(file, to), text);
    writeFileSync(new URL(file.replace(/\.d\.ts$/, '.d.cts'), to), cjs);
  }
}
