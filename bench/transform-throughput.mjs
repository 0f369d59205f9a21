// Throughput of the await transform over real code: the dist files of two installed
// packages (vite's and rollup's ES builds, a few MB), beside a plain oxc-parser parseSync
// of the same files, which is the parse the transform starts with. Prints one line of JSON.
// Usage: node bench/transform-throughput.mjs   (needs dist/: `npm run build`)
import { readdirSync, readFileSync } from 'node:fs';
import { parseSync } from 'oxc-parser';
import { transform } from 'anyctx-build/transform';
import { nowNs } from './clock.mjs';
import { median } from './sampling.mjs';

const CORPUS = ['node_modules/vite/dist/', 'node_modules/rollup/dist/es/'];
// A pass takes about half a second per operation.
const WARMUP_PASSES = 1;
const PASSES = 3;

const root = new URL('../', import.meta.url);

function corpus() {
  const files = [];
  for (const directory of CORPUS) {
    const entries = readdirSync(new URL(directory, root), { recursive: true }).filter((name) => /\.m?js$/.test(name));
    for (const name of entries.sort()) {
      const path = `${directory}${name}`;
      files.push({ path, code: readFileSync(new URL(path, root), 'utf8') });
    }
  }
  return files;
}

// Each operation returns a number that depends on its output, so none is dead code.
const OPERATIONS = {
  parseSync: ({ path, code }) => parseSync(path, code).program.body.length,
  transform: ({ path, code }) => transform(code, { filename: path }).code.length,
  transformNoMap: ({ path, code }) => transform(code, { filename: path, sourceMap: false }).code.length,
};

const files = corpus();
const bytes = files.reduce((total, file) => total + Buffer.byteLength(file.code), 0);
const rewritten = files.filter((file) => transform(file.code, { filename: file.path, sourceMap: false }).changed).length;

// Passes over the whole corpus, the operations taking turns so that a busy moment of the
// machine falls on all of them.
const passNs = Object.fromEntries(Object.keys(OPERATIONS).map((name) => [name, []]));
let checksum = 0;
for (let pass = 0; pass < WARMUP_PASSES + PASSES; pass++) {
  for (const [name, operation] of Object.entries(OPERATIONS)) {
    const start = nowNs();
    for (const file of files) checksum += operation(file);
    if (pass >= WARMUP_PASSES) passNs[name].push(nowNs() - start);
  }
}

const result = { files: files.length, rewritten, bytes, checksum, corpus: CORPUS };
for (const [name, samples] of Object.entries(passNs)) {
  const seconds = median(samples) / 1e9;
  result[name] = { seconds, megabytesPerSecond: bytes / 1e6 / seconds };
}
console.log(JSON.stringify({ node: process.version, result }));
