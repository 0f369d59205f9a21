// The Babel plugin (anyctx-build/babel). Every await scenario of test/scenarios/await, compiled
// by Babel with the plugin and run on the portable engine (Node 24 and Node 20), must print
// what the untransformed scenario prints on Node 24's own async_hooks (the forms of
// test/forms/ run so in test/transform.test.mjs). The plugin must also put the same calls in
// the same places as anyctx-build/transform, over the scenarios and the forms, leave code that never
// suspends as it was, change nothing when run a second time, and rewrite before any other
// plugin visits a function. A scenario that the anyctx-build/transform rewrite gets wrong in
// the same way is reported as TODO: that difference is not the plugin's.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { processSlots } from './process-slots.mjs';
import { rebundledRewrite } from './rebundled.mjs';
import { FORMS_DIR, createWorkDir, runForms, runnableForms, syntaxOnlyForms, writeForms } from './rewrite/forms.mjs';
import { built, unlessBuilt } from './support/packages.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scenariosDir = join(root, 'test', 'scenarios', 'await');
// Next to the scenario groups, so `../_lib/out.cjs` and '#ctx' resolve as they do for the
// originals; the leading underscore keeps the differential harness from listing it.
const outDir = join(root, 'test', 'scenarios', `_babel-out-${process.pid}`);

const PARALLEL_PROCESSES = 2; // the CI machines have two cores
const SCENARIO_TIMEOUT_MS = 20_000;

const skip = unlessBuilt('anyctx-build/babel.js', 'anyctx-build/transform.js', 'anyctx/portable.node.mjs');
const scenarios = readdirSync(scenariosDir).filter((file) => /\.(mjs|cjs)$/.test(file)).sort();

/** Programs without a suspension point: the plugin must leave them exactly as they were. */
const NEVER_SUSPENDING = {
  'no-await.mjs': `import x from 'y';\nfunction f() { try { return x(); } catch { return 0; } finally { x(); } }\nexport default f;\n`,
  // `yield` and `async` appear, so the file passes the quick text check and is walked; the
  // generator names `arguments`, so it keeps its parameter list (no creation parameter).
  'no-suspension.js': `function* gen() { yield arguments.length; }\nasync function noAwait() { try { return 1; } catch (e) { return 2; } finally { gen(); } }\nconst arrow = async () => 3;\nclass K { async m() { gen(); return [4]; } static { try {} catch {} } }\n`,
};

let babel;
let plugin;
let oxcTransform;

/** Babel with the given plugins only (no project configuration), printed without comments. */
function compile(code, filename, plugins, extra = {}) {
  return babel.transformSync(code, { filename, configFile: false, babelrc: false, comments: false, plugins, ...extra });
}

// Settings of the surrounding process must not leak into the scenario processes.
const childEnv = { ...process.env };
delete childEnv.NODE_OPTIONS;
delete childEnv.NODE_TEST_CONTEXT;

const withProcessSlot = processSlots(PARALLEL_PROCESSES);

function runProgram(runtime, path) {
  return withProcessSlot(
    () =>
      new Promise((resolve) => {
        execFile(
          runtime.node,
          [...runtime.args, path],
          { cwd: root, env: childEnv, timeout: SCENARIO_TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 16 << 20 },
          (error, stdout, stderr) => {
            const exitCode = error ? (error.killed ? `killed after ${SCENARIO_TIMEOUT_MS} ms` : error.code ?? error.signal) : 0;
            resolve({ exitCode, stdout, stderr });
          },
        );
      }),
  );
}

before(async () => {
  if (skip) return;
  [{ default: babel }, { default: plugin }, { transform: oxcTransform }] = await Promise.all([
    import('@babel/core'),
    import('anyctx-build/babel'),
    import('anyctx-build/transform'),
  ]);
  mkdirSync(outDir, { recursive: true });
  for (const file of scenarios) {
    const source = readFileSync(join(scenariosDir, file), 'utf8');
    writeFileSync(join(outDir, file), babel.transformSync(source, { filename: join(scenariosDir, file), configFile: false, babelrc: false, plugins: [plugin] }).code);
    writeFileSync(join(outDir, `oxc.${file}`), oxcTransform(source, { filename: file, sourceMap: false }).code);
  }
});
after(() => rmSync(outDir, { recursive: true, force: true }));

describe('Babel plugin: await scenarios on the portable engine', { concurrency: true }, () => {
  it('the corpus is not empty', () => assert.ok(scenarios.length > 0));
  const oracleRuns = new Map();
  for (const runtime of PORTABLE) {
    describe(runtime.name, { concurrency: true }, () => {
      for (const file of scenarios) {
        it(file, { skip }, async (t) => {
          if (!oracleRuns.has(file)) oracleRuns.set(file, runProgram(ORACLE, join(scenariosDir, file)));
          const [expected, actual] = await Promise.all([oracleRuns.get(file), runProgram(runtime, join(outDir, file))]);
          if (typeof expected.exitCode === 'string') assert.fail(`the oracle itself did not finish: ${expected.exitCode}\n${expected.stderr}`);
          if (actual.exitCode !== expected.exitCode || actual.stdout !== expected.stdout) {
            t.diagnostic(`stderr:\n${actual.stderr}`);
            // The plugin's job is the rewrite anyctx-build/transform does: where that rewrite shows
            // the same difference, it is the engine's or the rewrite's, not the plugin's.
            const viaTransform = await runProgram(runtime, join(outDir, `oxc.${file}`));
            if (viaTransform.exitCode === actual.exitCode && viaTransform.stdout === actual.stdout) {
              t.todo('anyctx-build/transform differs from the oracle in the same way');
            }
          }
          assert.deepEqual(
            { exitCode: actual.exitCode, stdout: actual.stdout },
            { exitCode: expected.exitCode, stdout: expected.stdout },
          );
        });
      }
    });
  }
});

// `await using` as Babel lowers it (preset-env for an engine without it, as React Native's
// preset does for Hermes): Babel's own disposal helpers call the plugin's stand-ins, and the
// lowered form must observe what native Node 24 does with the original.
describe('Babel plugin: await using lowered by Babel', () => {
  const form = runnableForms().find((form) => form.name === 'await-using/mixed-resources.mjs');
  let workDir;
  let lowered;
  before(() => {
    if (skip) return;
    workDir = createWorkDir();
    writeForms(workDir, 'original', [form]);
    const presets = [['@babel/preset-env', { targets: { node: '18' }, modules: false }]];
    lowered = writeForms(workDir, 'lowered', [form], (_, path) => compile(form.source, path, [plugin], { presets }).code).get(form.name);
  });
  after(() => workDir && rmSync(workDir, { recursive: true, force: true }));
  it('Babel lowered the declarations (no `using` left)', { skip }, () => {
    assert.doesNotMatch(lowered.code, /\b(?:await\s+)?using\s+[\w$]+\s*=/);
    assert.match(lowered.code, /__acx\.disposer\(/);
  });
  for (const runtime of PORTABLE) {
    it(`${runtime.name}: the same as native Node 24`, { skip }, async () => {
      const [expected, actual] = await Promise.all([runForms(ORACLE, workDir, 'original', [form.name]), runForms(runtime, workDir, 'lowered', [form.name])]);
      assert.ok(expected[form.name].length > 10, JSON.stringify(expected));
      assert.deepEqual(actual, expected);
    });
  }
});

// Async generators as Babel lowers them (React Native's preset does, for Hermes): the body
// runs inside the executor of the promise each next() returns, and must go on after a
// `yield` in that caller's frame, as a native one does in next()'s.
describe('Babel plugin: async generators lowered by Babel', () => {
  const lowered = scenarios.filter((file) => /async function\*|async \*|for await/.test(readFileSync(join(scenariosDir, file), 'utf8')));
  before(() => {
    if (skip) return;
    const presets = [['@babel/preset-env', { targets: { node: '8' }, modules: false }]];
    for (const file of lowered) {
      writeFileSync(join(outDir, `lowered.${file}`), compile(readFileSync(join(scenariosDir, file), 'utf8'), join(scenariosDir, file), [plugin], { presets }).code);
    }
  });
  it('Babel lowered them (no async generator left)', { skip }, () => {
    assert.ok(lowered.length >= 2);
    for (const file of lowered) assert.doesNotMatch(readFileSync(join(outDir, `lowered.${file}`), 'utf8'), /async function\*|async \*|for await/, file);
  });
  for (const runtime of PORTABLE) {
    for (const file of lowered) {
      it(`${runtime.name}: ${file}`, { skip }, async () => {
        const [expected, actual] = await Promise.all([runProgram(ORACLE, join(scenariosDir, file)), runProgram(runtime, join(outDir, `lowered.${file}`))]);
        assert.equal(expected.exitCode, 0, expected.stderr);
        assert.deepEqual({ exitCode: actual.exitCode, stdout: actual.stdout }, { exitCode: 0, stdout: expected.stdout }, actual.stderr);
      });
    }
  }
});

describe('Babel plugin: the rewrite', () => {
  // The scenarios, the forms that run, and the syntax-only forms Babel reads without more
  // parser plugins than TypeScript's.
  const forms = [...runnableForms(), ...syntaxOnlyForms().filter((form) => form.name.endsWith('.mjs'))];
  const programs = [
    ...scenarios.map((file) => ({ name: file, filename: join(scenariosDir, file), read: () => readFileSync(join(scenariosDir, file), 'utf8') })),
    ...forms.map((form) => ({ name: `forms/${form.name}`, filename: join(FORMS_DIR, form.name), read: () => form.source })),
  ];
  /** How Babel reads a file: TypeScript with its typescript plugin; a .js file as a script
   * unless it has module syntax, as the bundlers' and anyctx-build/transform's defaults do. */
  const parsing = (filename) => ({
    ...(/\.m?ts$/.test(filename) ? { parserOpts: { plugins: ['typescript'] } } : {}),
    ...(/\.js$/.test(filename) ? { sourceType: 'unambiguous' } : {}),
  });

  for (const { name, filename, read } of programs) {
    it(`puts the calls anyctx-build/transform puts, where it puts them: ${name}`, { skip }, () => {
      const code = read();
      // Printed compact: where the two leave a blank line is not what is compared.
      const viaPlugin = compile(code, filename, [plugin], { compact: true, ...parsing(filename) }).code;
      const transformed = oxcTransform(code, { filename, sourceMap: false });
      const viaTransform = compile(transformed.code, filename, [], { compact: true, ...parsing(filename) }).code;
      // A scenario with nothing to rewrite (no async function: register-startup-makes-no-resources.cjs) is left alike.
      if (transformed.changed) assert.match(viaPlugin, /\b__acx\d*\.(?:enter\(\)|resolving\()/, 'the program was rewritten');
      assert.equal(viaPlugin, viaTransform);
    });

    it(`changes nothing when run again, after itself or after anyctx-build/transform: ${name}`, { skip }, () => {
      const once = compile(read(), filename, [plugin], parsing(filename)).code;
      assert.equal(compile(once, filename, [plugin], parsing(filename)).code, compile(once, filename, [], parsing(filename)).code);
      const transformed = oxcTransform(read(), { filename, sourceMap: false }).code;
      assert.equal(compile(transformed, filename, [plugin], parsing(filename)).code, compile(transformed, filename, [], parsing(filename)).code);
    });
  }

  // The runtime's own files must stay as they are (their helpers would wrap themselves),
  // installed under node_modules or, as in a workspace or a link, in a package named anyctx.
  it("leaves the runtime's own built files alone, wherever the package is", { skip }, () => {
    const code = 'export async function f(x) { return await x; }\n';
    const own = built('anyctx', 'chunk.js'); // packages/anyctx/dist/: a package named anyctx, not under node_modules
    assert.equal(compile(code, own, [plugin]).code, compile(code, own, []).code);
    const elsewhere = join(root, 'test', 'chunk.js');
    assert.match(compile(code, elsewhere, [plugin]).code, /\.enter\(\)/, 'the same code elsewhere is rewritten');
  });

  // A bundle of rewritten modules has the helpers' import renamed (Vite's dependency optimizer
  // does this with Rolldown); Babel run over it afterwards (Metro, babel-loader on a
  // prebuilt dependency) must leave it alone all the same.
  it('changes nothing in a bundle whose helpers a bundler renamed', { skip }, async () => {
    const bundled = await rebundledRewrite((code, path) => compile(code, path, [plugin]).code);
    assert.doesNotMatch(bundled, /__acx\.enter/, 'the bundler renamed the helpers (the case is meaningful)');
    assert.equal(compile(bundled, 'bundle.mjs', [plugin]).code, compile(bundled, 'bundle.mjs', []).code);
  });

  for (const [name, code] of Object.entries(NEVER_SUSPENDING)) {
    it(`leaves a program without suspension points as it was: ${name}`, { skip }, () => {
      assert.equal(compile(code, name, [plugin]).code, compile(code, name, []).code);
    });
  }

  it('rewrites before any other plugin visits a function, wherever it is listed', { skip }, () => {
    const seen = [];
    // Listed first: its AwaitExpression visitor runs in the same traversal as the plugin's.
    const observer = () => ({
      visitor: {
        AwaitExpression(path) {
          // (__acv = await …, __acx.resume(__acf, __acv, …))
          const sequence = path.parentPath.isAssignmentExpression() ? path.parentPath.parentPath : null;
          const resume = sequence?.isSequenceExpression() ? sequence.node.expressions[1] : null;
          seen.push({ wrapped: resume?.type === 'CallExpression' && resume.callee.property?.name === 'resume', bound: path.scope.hasBinding('__acf') });
        },
      },
    });
    compile('export async function f() { await g(); return h(await 1); }', 'order.mjs', [observer, plugin]);
    assert.deepEqual(seen, [{ wrapped: true, bound: true }, { wrapped: true, bound: true }]);
  });
});

describe('Babel plugin: how the helpers come in', () => {
  /** The statement the plugin put first. */
  const preamble = (code, filename, options, extra) =>
    compile(code, filename, [[plugin, options]], { ast: true, code: false, ...extra }).ast.program.body[0];
  const ASYNC = 'async function f() { await 1; }\n';

  it('an import in ES modules, from the runtime option', { skip }, () => {
    const first = preamble(`import x from 'y';\n${ASYNC}`, 'a.js', { runtime: 'my-runtime' });
    assert.equal(first.type, 'ImportDeclaration');
    assert.equal(first.source.value, 'my-runtime');
    assert.equal(first.specifiers[0].imported.name, 'awaitFramesBasic');
    assert.equal(preamble(ASYNC, 'a.mjs').source.value, 'anyctx/portable');
  });

  it('all the helpers where a construct needs more than the basic ones, as anyctx-build/transform chooses', { skip }, () => {
    const files = {
      'an async function': ASYNC,
      'a top-level await': 'await 1;\n',
      'a catch after an await': 'async function f() { try { await 1; } catch { g(); } }\n',
      'an async generator': 'async function* g() { yield 1; }\n',
      'for await': 'async function f(xs) { for await (const x of xs) g(x); }\n',
      'await using': 'async function f() { await using r = g(); }\n',
      'for (await using …)': 'async function f(xs) { for (await using r of xs) g(r); }\n',
    };
    for (const [construct, code] of Object.entries(files)) {
      const imported = preamble(code, 'a.mjs').specifiers[0].imported.name;
      const { code: transformed } = oxcTransform(code, { filename: 'a.mjs', sourceMap: false });
      assert.equal(imported, /^import \{ (\w+) as/.exec(transformed)[1], construct);
      assert.equal(imported, ['an async function', 'a top-level await', 'a catch after an await'].includes(construct) ? 'awaitFramesBasic' : 'awaitFrames', construct);
    }
  });

  it('asyncHooks: true names the runtime wherever a file takes Node\'s async_hooks, awaits or not', { skip }, () => {
    const code = [
      "import { AsyncLocalStorage } from 'node:async_hooks';",
      "export { AsyncResource } from 'async_hooks';",
      "export * from 'node:async_hooks';",
      "const hooks = require('async_hooks');",
      "const later = () => import('node:async_hooks');",
      "const other = require('node:events');",
      "function local(require) { return require('async_hooks'); }",
      '',
    ].join('\n');
    const sources = (output) => [...output.matchAll(/(?:from |require\(|import\()['"]([^'"]+)['"]/g)].map((match) => match[1]);
    const redirected = compile(code, 'lib.mjs', [[plugin, { asyncHooks: true, runtime: 'my-runtime' }]]).code;
    assert.deepEqual(sources(redirected), ['my-runtime', 'my-runtime', 'my-runtime', 'my-runtime', 'my-runtime', 'node:events', 'async_hooks']);
    assert.deepEqual(sources(compile(code, 'lib.mjs', [[plugin, {}]]).code), sources(code), 'left alone by default');
    assert.throws(() => compile(code, 'lib.mjs', [[plugin, { asyncHooks: 'yes' }]]), /"asyncHooks" option must be a boolean/);
  });

  it('a require in CommonJS files', { skip }, () => {
    for (const [code, filename] of [[ASYNC, 'a.cjs'], [`const y = require('y');\n${ASYNC}`, 'a.js']]) {
      const first = preamble(code, filename);
      assert.equal(first.type, 'VariableDeclaration');
      assert.equal(first.declarations[0].init.callee.name, 'require');
    }
  });

  it('the global the engine sets, in scripts; the helpers option wins', { skip }, () => {
    const script = preamble(ASYNC, 'a.js', {}, { sourceType: 'script' });
    assert.equal(script.type, 'VariableDeclaration');
    assert.equal(script.declarations[0].init.object.name, 'globalThis');
    assert.equal(preamble(`import x from 'y';\n${ASYNC}`, 'a.mjs', { helpers: 'require' }).declarations[0].init.callee.name, 'require');
  });

  it('plainFileHelpers picks the style for files with neither module syntax nor CommonJS, as anyctx-build/transform does', { skip }, () => {
    const files = [[ASYNC, 'plain.js'], [`import x from 'y';\n${ASYNC}`, 'esm.js'], [`const y = require('y');\n${ASYNC}`, 'cjs.js']];
    for (const plainFileHelpers of ['import', 'global']) {
      for (const [code, filename] of files) {
        const viaPlugin = compile(code, filename, [[plugin, { plainFileHelpers }]]).code;
        const viaTransform = compile(oxcTransform(code, { filename, sourceMap: false, plainFileHelpers }).code, filename, []).code;
        assert.equal(viaPlugin, viaTransform, `${filename}, plainFileHelpers: ${plainFileHelpers}`);
      }
    }
    assert.equal(preamble(ASYNC, 'a.js', { plainFileHelpers: 'global' }).declarations[0].init.object.name, 'globalThis');
  });

  it('rejects options it does not know how to honour', { skip }, () => {
    assert.throws(() => compile(ASYNC, 'a.js', [[plugin, { helpers: 'eval' }]]), /"helpers" option/);
    assert.throws(() => compile(ASYNC, 'a.js', [[plugin, { runtime: 42 }]]), /"runtime" option/);
    assert.throws(() => compile(ASYNC, 'a.js', [[plugin, { plainFileHelpers: 'require' }]]), /"plainFileHelpers" option/);
  });
});
