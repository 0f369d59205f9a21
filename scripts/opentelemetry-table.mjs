// The side-by-side of OpenTelemetry context managers in a real web app: the traced app of
// test/opentelemetry-web.test.mjs (test/fixtures/otel-web-app) with anyctx's manager, built
// with and without the plugin, and with zone.js's ZoneContextManager, its async functions
// native and compiled down (as zone.js needs them), each bundled by esbuild, clicked twice in
// Chromium and in Firefox ESR. Writes, for each of the app's checks, which of them get every
// span's parent right, between the markers of docs/opentelemetry.md.
//
//   node scripts/opentelemetry-table.mjs      (after `npm run build`; about a minute)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BROWSERS } from '../test/browser/launch.mjs';
import { buildTracedApp, checkSpans, serveTracedApp, spansInChromium, spansInFirefox } from '../test/browser/traced-app.mjs';
import { repoRoot } from '../test/support/packages.mjs';

const PAGE = join(repoRoot, 'docs', 'opentelemetry.md');
const START = '<!-- otel:start -->';
const END = '<!-- otel:end -->';

const VARIANTS = [
  { label: '`AnyctxContextManager`, with the plugin', main: 'main-anyctx.js', plugin: true },
  { label: '`AnyctxContextManager`, without the plugin', main: 'main-anyctx.js', plugin: false },
  { label: '`ZoneContextManager`, native async functions', main: 'main-zone.js', plugin: false },
  { label: '`ZoneContextManager`, async functions compiled to ES2016', main: 'main-zone.js', plugin: false, target: 'es2016' },
];

const version = (name) => JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
const browserVersion = (path) => execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

const out = mkdtempSync(join(tmpdir(), 'anyctx-otel-table-'));
const { chromium: playwright } = await import('playwright-core');
const chromium = await playwright.launch({ executablePath: BROWSERS.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const results = [];
try {
  for (const variant of VARIANTS) {
    const server = await serveTracedApp(await buildTracedApp('esbuild', out, variant));
    try {
      const inChromium = checkSpans(await spansInChromium(chromium, server.url, server.nextPost()));
      const inFirefox = checkSpans(await spansInFirefox(server.url, server.nextPost(), mkdtempSync(join(out, 'firefox-'))));
      results.push({ variant, inChromium, inFirefox });
      console.log(variant.label, Object.values(inChromium).filter((o) => o === 'ok').length, Object.values(inFirefox).filter((o) => o === 'ok').length);
    } finally {
      server.close();
    }
  }
} finally {
  await chromium.close();
  rmSync(out, { recursive: true, force: true });
}

const mark = (outcome) => (outcome === 'ok' ? '✓' : '✗');
const checks = Object.keys(results[0].inChromium);
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`node scripts/opentelemetry-table.mjs\`: @opentelemetry/sdk-trace-web ${version('@opentelemetry/sdk-trace-web')}, @opentelemetry/context-zone ${version('@opentelemetry/context-zone')}, zone.js ${version('zone.js')}, esbuild ${version('esbuild')}; ${browserVersion(BROWSERS.chromium)}, ${browserVersion(BROWSERS.firefox)}. Each cell: Chromium / Firefox ESR; ✓ when the span has its parent for both clicks.`,
  '',
  `| check | ${results.map(({ variant }) => variant.label).join(' | ')} |`,
  `|---|${results.map(() => '---|').join('')}`,
  ...checks.map((check) => `| ${check} | ${results.map(({ inChromium, inFirefox }) => `${mark(inChromium[check])} / ${mark(inFirefox[check])}`).join(' | ')} |`),
].join('\n');

const page = readFileSync(PAGE, 'utf8');
const at = page.indexOf(START);
const end = page.indexOf(END);
if (at === -1 || end === -1) throw new Error(`${PAGE} has no ${START} … ${END}`);
writeFileSync(PAGE, `${page.slice(0, at + START.length)}\n${table}\n${page.slice(end)}`);
console.log(table);
