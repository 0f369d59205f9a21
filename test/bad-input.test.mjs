// Bad input gets the error Node gives (docs/semantics.md §6.4): every case of bad-input.cases.mjs
// must throw the same error class, `name`, `code` and message under the portable engine as under
// Node 24's own async_hooks, or not throw where Node does not. The portable engine is
// checked on both Node 24 and Node 20, since it must not borrow the host's behaviour.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { cases } from './bad-input.cases.mjs';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';

// Each child runs the whole table once (test/fixtures/bad-input/observe-all-cases.mjs).
const program = fileURLToPath(new URL('fixtures/bad-input/observe-all-cases.mjs', import.meta.url));

const runtimes = {
  oracle: { engine: ORACLE, expected: 'native' },
  'portable on node24': { engine: PORTABLE[0], expected: 'portable' },
  'portable on node20': { engine: PORTABLE[1], expected: 'portable' },
};

async function observeAllCases({ engine, expected }) {
  const result = (await runProgram(engine, [program], { check: true })).json();
  // Guards against '#ctx' silently resolving to the wrong target.
  assert.equal(result.engine, expected);
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
