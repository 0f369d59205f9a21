// Many live storages: what a frame costs depends on the storages that have a value in it, not
// on how many storages exist. With 100,000 storages, a run of the last one created keeps a
// frame of about the size of Node's, and takes about as long as with one storage.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from './engine.mjs';

const storages = Array.from({ length: 100_000 }, () => new AsyncLocalStorage());
const last = storages.at(-1);

describe('100,000 live storages', () => {
  it('a captured frame holding one store keeps well under a kilobyte', () => {
    const kept = [];
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 500; i++) kept.push(last.run(i, () => AsyncLocalStorage.snapshot()));
    const perFrame = (process.memoryUsage().heapUsed - before) / kept.length;
    assert.ok(perFrame < 4000, `${Math.round(perFrame)} bytes per captured frame`);
    assert.deepEqual(kept.slice(0, 3).map((snapshot) => snapshot(() => last.getStore())), [0, 1, 2]);
  });

  it('10,000 runs of the last storage take well under a second', () => {
    const start = performance.now();
    let sum = 0;
    for (let i = 0; i < 10_000; i++) sum += last.run(i, () => last.getStore());
    const ms = performance.now() - start;
    assert.equal(sum, (9_999 * 10_000) / 2);
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });

  it('storages keep their own values in frames holding many of them', () => {
    const chosen = [0, 1, 7, 15, 16, 17, 31, 1000, 99_999];
    const nest = (index) => (index === chosen.length
      ? chosen.map((slot) => storages[slot].getStore())
      : storages[chosen[index]].run(`value ${chosen[index]}`, () => nest(index + 1)));
    assert.deepEqual(nest(0), chosen.map((slot) => `value ${slot}`));
    assert.deepEqual(storages[99_999].run('x', () => [storages[99_998].getStore(), storages[15].getStore()]), [undefined, undefined]);
    storages[1000].run('a', () => {
      storages[99_999].enterWith('b');
      storages[1000].disable();
      assert.deepEqual([storages[1000].getStore(), storages[99_999].getStore()], [undefined, 'b']);
      storages[99_999].disable();
      assert.equal(storages[99_999].getStore(), undefined);
    });
  });

  it('many storages set in one frame, in any order, each read back, changed and put back', () => {
    // Slots in a scrambled order, small and large (a fixed permutation: 7919 is prime).
    const chosen = Array.from({ length: 300 }, (_, i) => (i * 7919) % 100_000);
    const expected = (values) => chosen.map((slot) => values.get(slot));
    const read = () => chosen.map((slot) => storages[slot].getStore());
    const values = new Map();
    const nest = (index) => {
      if (index === chosen.length) {
        assert.deepEqual(read(), expected(values));
        // Changing one in the middle, to undefined and back, leaves the others alone.
        const middle = storages[chosen[150]];
        middle.run(undefined, () => {
          values.set(chosen[150], undefined);
          assert.deepEqual(read(), expected(values));
        });
        values.set(chosen[150], `value ${chosen[150]}`);
        assert.deepEqual(read(), expected(values));
        return;
      }
      const slot = chosen[index];
      storages[slot].run(`value ${slot}`, () => {
        values.set(slot, `value ${slot}`);
        nest(index + 1);
      });
      values.delete(slot);
      assert.deepEqual(read(), expected(values));
    };
    nest(0);
    assert.deepEqual(read(), chosen.map(() => undefined));
  });
});
