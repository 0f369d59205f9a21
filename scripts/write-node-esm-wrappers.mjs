// On Node, `import` and `require` of asyncctx must reach ONE engine (one current frame,
// one id counter, one set of host patches). So Node's `import` condition points at a thin
// ESM file that re-exports the CommonJS build instead of loading a second copy.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
for (const name of ['index', 'portable']) {
  const names = Object.keys(require(`../dist/${name}.cjs`)).filter((n) => n !== 'default');
  const body = `import cjs from './${name}.cjs';\nexport const { ${names.join(', ')} } = cjs;\nexport default cjs;\n`;
  writeFileSync(new URL(`../dist/${name}.node.mjs`, import.meta.url), body);
}
