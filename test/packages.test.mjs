// The two packages as `npm pack` makes them, which is what a user installs: anyctx installs
// alone (no other package comes with it) and works from the tarball, for import and require;
// each tarball holds its license, its code, declarations for every entry and source maps
// without the sources, and nothing else.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageDir, repoRoot, unlessBuilt } from './support/packages.mjs';
import { nodeBinary } from './engines.mjs';
import { cleanEnv, runProgram } from './support/run-program.mjs';

const skip = unlessBuilt('anyctx/portable.js', 'anyctx/index.cjs', 'anyctx-build/transform.js');
const NPM = join(repoRoot, 'node_modules', 'npm11', 'bin', 'npm-cli.js');
// npm's own settings only: npm_* variables from a surrounding `npm test` would be read as config.
const env = cleanEnv();
const npm = (args, cwd) => execFileSync(process.execPath, [NPM, ...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, encoding: 'utf8' });

let work;
const packed = {};
before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'anyctx-packages-'));
  for (const name of ['anyctx', 'anyctx-build']) {
    const [result] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], packageDir(name)));
    packed[name] = { tarball: join(work, result.filename), files: result.files.map((file) => file.path).sort(), manifest: JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) };
  }
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

test('anyctx from its tarball installs with no other package, and works for import and require', { skip }, async () => {
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  npm(['install', '--offline', packed.anyctx.tarball], app);
  const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
  assert.deepEqual(installed, ['anyctx']);

  writeFileSync(join(app, 'main.mjs'), `
    import { AsyncLocalStorage } from 'anyctx/portable';
    import { createRequire } from 'node:module';
    const required = createRequire(import.meta.url)('anyctx/portable');
    const als = new AsyncLocalStorage();
    als.run('request', () => setTimeout(() => console.log(als.getStore(), required.AsyncLocalStorage === AsyncLocalStorage), 1));
  `);
  for (const node of [nodeBinary('node20'), nodeBinary('node24')]) {
    const run = await runProgram(node, ['main.mjs'], { cwd: app, check: true });
    assert.equal(run.stdout, 'request true\n', node);
  }
});

for (const name of ['anyctx', 'anyctx-build']) {
  test(`${name}'s tarball: license, readme, every entry's code and types, maps without sources, nothing else`, { skip }, () => {
    const { files, manifest, tarball } = packed[name];
    for (const file of ['LICENSE', 'README.md', 'package.json']) assert.ok(files.includes(file), file);
    assert.deepEqual(files.filter((file) => !['LICENSE', 'README.md', 'package.json'].includes(file) && !file.startsWith('dist/')), [], 'only dist/ besides');
    assert.ok(manifest.repository?.url && manifest.homepage && manifest.license === 'MIT', 'repository, homepage, license');

    const targets = [];
    const collect = (value) => (typeof value === 'string' ? targets.push(value) : Object.values(value).forEach(collect));
    collect(manifest.exports);
    for (const target of targets) assert.ok(files.includes(target.replace(/^\.\//, '')), `${target} is packed`);
    for (const key of Object.keys(manifest.exports).filter((key) => key !== './package.json')) {
      assert.ok(JSON.stringify(manifest.exports[key]).includes('"types"'), `${key} has types`);
    }

    const maps = files.filter((file) => file.endsWith('.map'));
    assert.ok(maps.length > 0);
    const unpacked = join(work, `unpacked-${name}`);
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(unpacked, 'package', map), 'utf8'));
      assert.ok(sources.length > 0, map);
      assert.equal(sourcesContent, undefined, `${map} carries no sources`);
    }
    assert.ok(!existsSync(join(unpacked, 'package', 'src')));
  });
}
