// AsyncContext.Variable and AsyncContext.Snapshot on the core's frames, synchronously, as the
// TC39 proposal specifies them (https://tc39.es/proposal-async-context/; the cases follow
// test262's test/built-ins/AsyncContext).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncContext } from './engine.mjs';
import { shapeCases } from './async-context-shape.mjs';

const { Variable, Snapshot } = AsyncContext;

describe('AsyncContext.Variable', () => {
  it('name: the empty string by default, else ToString of the option (present but undefined is "undefined")', () => {
    assert.equal(new Variable().name, '');
    // Options that are not an object are ignored.
    for (const options of [42, null, Symbol('options'), 'name']) assert.equal(new Variable(options).name, '', String(options));
    assert.equal(new Variable({ name: 'foo' }).name, 'foo');
    assert.equal(new Variable({ name: 42 }).name, '42');
    assert.equal(new Variable({ name: undefined }).name, 'undefined');
    assert.equal(new Variable({ name: { toString: () => 'bar' } }).name, 'bar');
    assert.throws(() => new Variable({ name: Symbol('s') }), TypeError);
  });

  it('name: an options object without a name property gives the empty string', () => {
    assert.equal(new Variable({}).name, '');
    assert.equal(new Variable({ defaultValue: 1 }).name, '');
  });

  it('get() is the default value outside any run (undefined without one)', () => {
    const symbol = Symbol('default');
    assert.equal(new Variable().get(), undefined);
    assert.equal(new Variable({ defaultValue: symbol }).get(), symbol);
  });

  it('run() sets the value for the callback, even undefined over a default, and returns what the callback returns', () => {
    const variable = new Variable({ defaultValue: 42 });
    assert.equal(variable.run('value', () => variable.get()), 'value');
    assert.equal(variable.run(undefined, () => variable.get()), undefined);
    const result = {};
    assert.equal(variable.run('value', () => result), result);
    assert.equal(variable.get(), 42);
  });

  it('run() passes the extra arguments to the callback', () => {
    const variable = new Variable();
    assert.deepEqual(variable.run('value', (...args) => args, 1, 2, 3), [1, 2, 3]);
  });

  it('run() calls the callback with an undefined this', () => {
    const variable = new Variable();
    assert.equal(variable.run('value', function () {
      return this;
    }), undefined);
  });

  it('nested runs see the innermost value; the outer value is back after the callback, also after it throws', () => {
    const variable = new Variable();
    const seen = [];
    variable.run('outer', () => {
      variable.run('inner', () => seen.push(variable.get()));
      seen.push(variable.get());
      assert.throws(() => variable.run('thrown', () => { throw new Error('callback'); }), /callback/);
      seen.push(variable.get());
    });
    seen.push(variable.get());
    assert.deepEqual(seen, ['inner', 'outer', 'outer', undefined]);
  });

  it("a run leaves the other variables' values as they are", () => {
    const a = new Variable();
    const b = new Variable();
    assert.deepEqual(a.run('a', () => b.run('b', () => a.run('a2', () => [a.get(), b.get()]))), ['a2', 'b']);
  });

  it('run() of what is not callable throws a TypeError, and the value is unchanged', () => {
    const variable = new Variable();
    variable.run('kept', () => {
      for (const notCallable of [undefined, null, 1, 'fn', {}]) {
        assert.throws(() => variable.run('other', notCallable), TypeError, String(notCallable));
      }
      assert.equal(variable.get(), 'kept');
    });
  });
});

describe('AsyncContext.Snapshot', () => {
  it('run() calls the callback in the context of the construction, with its arguments and an undefined this', () => {
    const variable = new Variable();
    const snapshot = variable.run('captured', () => new Snapshot());
    const seen = variable.run('current', () => snapshot.run(function (...args) {
      return [variable.get(), this, args];
    }, 'x', 'y'));
    assert.deepEqual(seen, ['captured', undefined, ['x', 'y']]);
  });

  it('run() returns what the callback returns, and restores the context after it returns or throws', () => {
    const variable = new Variable();
    const snapshot = new Snapshot();
    const result = {};
    variable.run('current', () => {
      assert.equal(snapshot.run(() => result), result);
      assert.equal(variable.get(), 'current');
      const error = new Error('callback');
      assert.throws(() => snapshot.run(() => { throw error; }), (thrown) => thrown === error);
      assert.equal(variable.get(), 'current');
    });
  });

  it('variables unset in the snapshot are unset in the callback, even those made after it', () => {
    const symbol = Symbol('default');
    const var1 = new Variable();
    const var2 = new Variable({ defaultValue: symbol });
    const var3 = new Variable();
    const snapshot = var1.run('foo', () => new Snapshot());
    const newVar1 = new Variable({ defaultValue: symbol });
    const newVar2 = new Variable();
    const seen = var2.run('bar', () => var3.run('baz', () => newVar1.run('fizz', () => newVar2.run('buzz', () =>
      snapshot.run(() => [var1.get(), var2.get(), var3.get(), newVar1.get(), newVar2.get()])))));
    assert.deepEqual(seen, ['foo', symbol, undefined, symbol, undefined]);
  });

  it('a snapshot taken inside a run holds that run\'s value after the run is over', () => {
    const variable = new Variable();
    const snapshot = variable.run('inside', () => new Snapshot());
    assert.equal(variable.get(), undefined);
    assert.equal(snapshot.run(() => variable.get()), 'inside');
  });

  it('run() of what is not callable throws a TypeError', () => {
    const snapshot = new Snapshot();
    for (const notCallable of [undefined, null, 1, {}]) assert.throws(() => snapshot.run(notCallable), TypeError, String(notCallable));
  });
});

describe('AsyncContext.Snapshot.wrap', () => {
  it('the wrapped function runs in the context of the wrap, with its own this and arguments, and returns the result', () => {
    const variable = new Variable();
    const wrapped = variable.run('wrapped', () => Snapshot.wrap(function (...args) {
      return [variable.get(), this, args];
    }));
    const self = {};
    assert.deepEqual(variable.run('caller', () => wrapped.call(self, 1, 2)), ['wrapped', self, [1, 2]]);
  });

  it("the caller's context is back after the wrapped function returns or throws", () => {
    const variable = new Variable();
    const wrapped = variable.run('wrapped', () => Snapshot.wrap((fail) => {
      if (fail) throw new Error('wrapped threw');
      return variable.get();
    }));
    variable.run('caller', () => {
      assert.equal(wrapped(false), 'wrapped');
      assert.equal(variable.get(), 'caller');
      assert.throws(() => wrapped(true), /wrapped threw/);
      assert.equal(variable.get(), 'caller');
    });
  });

  it('wrap() of what is not callable throws a TypeError', () => {
    for (const notCallable of [undefined, null, 1, {}]) assert.throws(() => Snapshot.wrap(notCallable), TypeError, String(notCallable));
  });

  it('the wrapped function is named "wrapped <name>" and has the length of the function', () => {
    function callback(_a, _b) {}
    const wrapped = Snapshot.wrap(callback);
    assert.equal(wrapped.name, 'wrapped callback');
    assert.equal(wrapped.length, 2);
  });
});

describe('the shape the spec text gives', () => {
  for (const [name, test] of shapeCases(AsyncContext)) it(name, test);
});
