// Bad input gets the error Node gives (SEMANTICS §6.4): every case of bad-input.cases.mjs
// must throw the same error class, `name`, `code` and message under the portable engine as under
// Node 24's own async_hooks, or not throw where Node does not. The portable engine is
// checked on both Node 24 and Node 20, since it must not borrow the host's behaviour.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { cases } from './bad-input.cases.mjs';

const execFileAsync = promisify(execFile);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const casesUrl = new URL('./bad-input.cases.mjs', import.meta.url).href;
const node24 = fileURLToPath(new URL('../node_modules/node24/bin/node', import.meta.url));
const node20 = fileURLToPath(new URL('../node_modules/node20/bin/node', import.meta.url));

// Each child runs the whole table once, in order, and prints one observation per case.
// One process per runtime keeps the suite fast; the cases clean up after themselves.
const childProgram = `
import * as ctx from '#ctx';
import { cases, observe } from ${JSON.stringify(casesUrl)};
process.stdout.write(JSON.stringify({ engine: ctx.engine, observations: cases.map((c) => observe(ctx, c)) }));
`;

const runtimes = {
  oracle: { node: node24, flags: ['--conditions=anyctx-native'], engine: 'native' },
  'portable on node24': { node: node24, flags: [], engine: 'portable' },
  'portable on node20': { node: node20, flags: [], engine: 'portable' },
};

async function observeAllCases({ node, flags, engine }) {
  // '#ctx' resolves against the package.json of the working directory for --eval code.
  const { stdout } = await execFileAsync(node, [...flags, '--input-type=module', '--eval', childProgram], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(stdout);
  // Guards against '#ctx' silently resolving to the wrong target.
  assert.equal(result.engine, engine);
  assert.equal(result.observations.length, cases.length);
  return result.observations;
}

const observations = {};

before(async () => {
  const names = Object.keys(runtimes);
  const results = await Promise.all(names.map((name) => observeAllCases(runtimes[name])));
  names.forEach((name, index) => {
    observations[name] = results[index];
  });
});

test('case names are unique', () => {
  const names = cases.map((badInputCase) => badInputCase.name);
  assert.deepEqual(names.filter((name, index) => names.indexOf(name) !== index), []);
});

cases.forEach((badInputCase, index) => {
  test(badInputCase.name, () => {
    const expected = observations.oracle[index];
    if (badInputCase.spec) {
      // No native AsyncContext exists: hold the oracle itself to the TC39 proposal.
      const { threw, errorClass } = expected;
      assert.deepEqual(threw ? { threw, errorClass } : { threw }, badInputCase.spec, 'the oracle disagrees with the proposal');
    }
    assert.deepEqual(
      {
        'portable on node24': observations['portable on node24'][index],
        'portable on node20': observations['portable on node20'][index],
      },
      { 'portable on node24': expected, 'portable on node20': expected },
    );
  });
});
