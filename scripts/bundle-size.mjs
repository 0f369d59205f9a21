// Measures what a browser app ships when it imports anyctx: the package resolved by esbuild
// for the browser platform (so through package.json "exports", whose `browser` condition gives
// dist/portable.browser.js: core + the host's shared and web task sources), bundled and minified, then gzipped at level 9. Writes the table into
// docs/size.md between the size markers, and prints which source files the bytes come from.
//
//   node scripts/bundle-size.mjs            (after `npm run build`; `npm run size` does both)
import { build, version as esbuildVersion } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { TraceMap, eachMapping } from '@jridgewell/trace-mapping';
import { runtimeBuildOptions } from '../packages/anyctx/build-options.mjs';
import { productionBundlers } from './production-bundlers.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const pagePath = new URL('../docs/size.md', import.meta.url);
const START = '<!-- size:start -->';
const END = '<!-- size:end -->';

// What an app writes. The entry is resolved from the package root, where `anyctx` refers
// to this package itself, exactly as it resolves from an app's node_modules.
// `target`: the project's size targets (min+gzip), for the two bundles it sets one for.
const VARIANTS = [
  { label: 'everything `anyctx` exports (core + host)', contents: "export * from 'anyctx';", target: 6000 },
  { label: "`import { AsyncLocalStorage } from 'anyctx'`, tree-shaken", contents: "export { AsyncLocalStorage } from 'anyctx';" },
  // What an app built with the bundler plugin ships: its transformed files import the await
  // helpers too, the basic ones unless a file has async generators, `for await` or `await using`.
  { label: '`AsyncLocalStorage` and the await helpers of async functions (an app built with the bundler plugin), tree-shaken', contents: "export { AsyncLocalStorage, awaitFramesBasic } from 'anyctx';", target: 3500 },
  { label: '`AsyncLocalStorage` and all the await helpers (the same app with async generators, `for await` or `await using`), tree-shaken', contents: "export { AsyncLocalStorage, awaitFrames } from 'anyctx';" },
  // The tracker is an entry of its own, on the same engine: the rows above do not have it.
  { label: "the bundler-plugin app with `import { TaskTracker, settled } from 'anyctx/tracker'`", contents: "export { AsyncLocalStorage, awaitFramesBasic } from 'anyctx'; export { TaskTracker, settled } from 'anyctx/tracker';", files: ['packages/anyctx/dist/tracker.js'] },
];

// The figure the project compares itself with; quoted, not measured here.
const ZONE_JS = { minified: '36 kB', gzip: '12.9 kB' };

const BROWSER_FILE = 'packages/anyctx/dist/portable.browser.js';
const BROWSER_BUILD = { bundle: true, minify: true, platform: 'browser', format: 'esm', target: 'es2022', write: false, metafile: true, logLevel: 'silent' };

async function bundle(contents, loader = 'js') {
  const result = await build({ ...BROWSER_BUILD, stdin: { contents, resolveDir: root, loader } });
  const code = result.outputFiles[0].contents;
  const output = Object.values(result.metafile.outputs)[0];
  return { code, output, inputs: Object.keys(result.metafile.inputs) };
}

async function measure({ contents, files = [] }) {
  const { code, output, inputs } = await bundle(contents);
  // A browser that resolved to the native entry, or anything left for the app to load, would
  // make the numbers meaningless.
  const packaged = inputs.filter((input) => input !== '<stdin>').sort();
  const expected = [...files, BROWSER_FILE].sort();
  if (packaged.join() !== expected.join()) throw new Error(`the browser build bundled ${packaged.join(', ')}, not ${expected.join(', ')}`);
  if (output.imports.length > 0) throw new Error(`the browser build still imports ${output.imports.map((i) => i.path).join(', ')}`);
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length, others: await measureWithOthers(contents) };
}

// The same app through the other bundlers' production builds: gzipped bytes per bundler.
// The entry is written inside the package (node_modules/.cache), for `anyctx` to resolve.
const scratch = new URL('../node_modules/.cache/anyctx-bundle-size/', import.meta.url);

async function measureWithOthers(contents) {
  const sizes = [];
  for (const [i, bundler] of productionBundlers.entries()) {
    const dir = new URL(`${i}/`, scratch);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const entry = fileURLToPath(new URL('entry.js', dir));
    writeFileSync(entry, `${contents}\n`);
    const code = await bundler.bundle(entry);
    // What is left for the app to load would not be counted.
    if (/\bimport\s*[{*"'(]|\brequire\(/.test(code)) throw new Error(`${bundler.name} left an import in the bundle`);
    sizes.push(gzipSync(code, { level: 9 }).length);
  }
  rmSync(scratch, { recursive: true, force: true });
  return sizes;
}

// dist/portable.browser.js is already one file, so the per-file split comes from bundling the
// sources the same way, with the browser build's options (the totals differ from the dist
// figures by a few bytes). Minified bytes come from the metafile; what a file costs after
// gzip is how much smaller the gzipped bundle gets without the output bytes its source map
// attributes to that file (repeated code is cheap under gzip, so the two orders differ).
async function breakdown(contents) {
  const engine = './packages/anyctx/src/entry/portable-browser.ts';
  const source = contents.replace("'anyctx'", `'${engine}'`).replace("'anyctx/tracker'", "'./packages/anyctx/src/entry/tracker.ts'");
  const result = await build({
    ...BROWSER_BUILD, ...runtimeBuildOptions({ nodeSources: false }),
    // The tracker's sources reach the engine as the app does; here, its sources.
    alias: { 'anyctx/portable': engine },
    stdin: { contents: source, resolveDir: root, loader: 'ts' }, sourcemap: 'external', outfile: 'out.js',
  });
  const code = result.outputFiles.find((file) => file.path.endsWith('.js')).text;
  const owners = ownerOfEachByte(code, result.outputFiles.find((file) => file.path.endsWith('.map')).text);
  const total = gzipSync(code, { level: 9 }).length;
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.js'))[1];
  return Object.entries(output.inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([file, { bytesInOutput }]) => {
      const without = [...code].filter((_, i) => owners[i] !== file).join('');
      return { file, bytes: bytesInOutput, gzip: total - gzipSync(without, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** For each character of `code`, the source file (relative to the root) its mapping names. */
function ownerOfEachByte(code, mapText) {
  const map = new TraceMap(mapText);
  const mappings = [];
  eachMapping(map, (m) => mappings.push(m));
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const at = (m) => lineStarts[m.generatedLine - 1] + m.generatedColumn;
  mappings.sort((a, b) => at(a) - at(b));
  const owners = new Array(code.length).fill(null);
  mappings.forEach((m, i) => {
    const end = i + 1 < mappings.length ? at(mappings[i + 1]) : code.length;
    const file = m.source === null ? null : relative(root, m.source);
    for (let c = at(m); c < end; c++) owners[c] = file;
  });
  return owners;
}

const bytes = (n) => `${n.toLocaleString('en-US')} B`;
const kilobytes = (n) => `${(n / 1000).toFixed(1)} kB`;
const cell = (n) => `${kilobytes(n)} (${bytes(n)})`;

const mark = (gzip, target) => (target === undefined ? '' : gzip <= target ? ' ✓' : ' ✗');

function formatTable(rows) {
  const others = productionBundlers;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run size\`: \`anyctx\` bundled for the browser, ESM, minified, then gzipped at level 9; 1 kB = 1000 bytes. ✓/✗: against the bundle's target, min+gzip. esbuild ${esbuildVersion} (platform browser, es2022, \`minify\`) gives the minified size; beside it, the production builds of ${others.map((bundler) => bundler.name).join(', ')}.`,
    '',
    `| bundle | target | minified | minified + gzip (esbuild) | ${others.map((bundler) => bundler.column).join(' | ')} |`,
    `|---|---|---|---|${others.map(() => '---|').join('')}`,
    ...rows.map(({ label, target, minified, gzip, others: sizes }) =>
      `| ${label} | ${target === undefined ? '' : `≤ ${kilobytes(target)}`} | ${cell(minified)} | ${cell(gzip)}${mark(gzip, target)} | ${sizes.map((size) => `${cell(size)}${mark(size, target)}`).join(' | ')} |`),
    `| zone.js, for comparison (its published figure, not measured here) | | ${ZONE_JS.minified} | ${ZONE_JS.gzip} |${others.map(() => ' |').join('')}`,
  ];
  return lines.join('\n');
}

// Between the markers of docs/size.md; without them, the page gets them at its end.
function writeIntoPage(table) {
  let page = readFileSync(pagePath, 'utf8');
  if (!page.includes(START)) page = `${page.trimEnd()}\n\n${START}\n${END}\n`;
  const start = page.indexOf(START) + START.length;
  const end = page.indexOf(END);
  if (end < start) throw new Error('docs/size.md: the size markers are out of order');
  writeFileSync(pagePath, `${page.slice(0, start)}\n${table}\n${page.slice(end)}`);
}

const rows = [];
for (const variant of VARIANTS) rows.push({ ...variant, ...(await measure(variant)) });
const table = formatTable(rows);
writeIntoPage(table);
console.log(table);

console.log('\nBytes per source file, minified and what each costs in the gzipped bundle:');
const perFile = await Promise.all(VARIANTS.map((variant) => breakdown(variant.contents)));
const files = [...new Set(perFile.flatMap((list) => list.map(({ file }) => file)))];
console.log(['all exports', 'AsyncLocalStorage', '+ basic helpers', '+ all helpers', '+ tracker'].map((name) => `${`${name}: min`.padStart(22)} ${'gzip'.padStart(5)}`).join(' ') + '  file');
for (const file of files) {
  const cells = perFile.map((list) => list.find((entry) => entry.file === file) ?? { bytes: 0, gzip: 0 });
  console.log(cells.map(({ bytes, gzip }) => `${String(bytes).padStart(22)} ${String(gzip).padStart(5)}`).join(' ') + `  ${file}`);
}
