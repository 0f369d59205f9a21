// AsyncLocalStorage on the core's frames, synchronously: run, exit, enterWith, getStore,
// disable, bind and snapshot as Node documents them (and as Node 24 behaves: see engine.mjs),
// several storages in one frame, and Node's errors for bad input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as timers from 'node:timers';
import { AsyncLocalStorage, nodeError, oracle } from './engine.mjs';

describe('the core alone', () => {
  it("patches no global: promises are V8's, timers are node:timers' own", () => {
    const v8Builtin = (fn) => /\{\s*\[native code\]\s*\}$/.test(Function.prototype.toString.call(fn));
    for (const [name, fn] of Object.entries({ Promise, then: Promise.prototype.then, finally: Promise.prototype.finally, resolve: Promise.resolve })) {
      assert.ok(v8Builtin(fn), name);
    }
    for (const name of ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate']) {
      assert.equal(globalThis[name], timers[name], name);
    }
  });

  it('no context follows a task without the host layer (what the quick tests can and cannot see)', async () => {
    const als = new AsyncLocalStorage();
    const later = await als.run('set', () => Promise.resolve().then(() => als.getStore()));
    assert.equal(later, oracle ? 'set' : undefined);
  });
});

describe('run and getStore', () => {
  it('getStore() is undefined outside any run, the store inside, and undefined again after', () => {
    const als = new AsyncLocalStorage();
    const store = { id: 1 };
    assert.equal(als.getStore(), undefined);
    assert.equal(als.run(store, () => als.getStore()), store);
    assert.equal(als.getStore(), undefined);
  });

  it('run() returns what the callback returns, and passes it the extra arguments with a null this', () => {
    const als = new AsyncLocalStorage();
    const seen = als.run('s', function (...args) {
      return { self: this, args };
    }, 1, 'two', 3);
    assert.deepEqual(seen, { self: null, args: [1, 'two', 3] });
  });

  it('nested runs see the innermost store; each returns to the one around it', () => {
    const als = new AsyncLocalStorage();
    const seen = [];
    als.run('outer', () => {
      seen.push(als.getStore());
      als.run('inner', () => {
        seen.push(als.getStore());
        als.run('innermost', () => seen.push(als.getStore()));
        seen.push(als.getStore());
      });
      seen.push(als.getStore());
    });
    seen.push(als.getStore());
    assert.deepEqual(seen, ['outer', 'inner', 'innermost', 'inner', 'outer', undefined]);
  });

  it('a callback that throws: the error reaches the caller and the store is put back', () => {
    const als = new AsyncLocalStorage();
    const error = new Error('thrown inside');
    als.run('outer', () => {
      assert.throws(() => als.run('inner', () => { throw error; }), (thrown) => thrown === error);
      assert.equal(als.getStore(), 'outer');
    });
    assert.equal(als.getStore(), undefined);
  });

  it('run(undefined) sets the store to undefined inside another run', () => {
    const als = new AsyncLocalStorage();
    assert.equal(als.run('outer', () => als.run(undefined, () => als.getStore())), undefined);
  });

  it('any value is a store: primitives, null, functions, the same object in two storages', () => {
    const a = new AsyncLocalStorage();
    const b = new AsyncLocalStorage();
    const fn = () => {};
    for (const store of [0, -0, '', false, null, NaN, 42n, Symbol('s'), fn]) {
      assert.ok(Object.is(a.run(store, () => a.getStore()), store), String(store));
    }
    const shared = {};
    assert.deepEqual(a.run(shared, () => b.run(shared, () => [a.getStore(), b.getStore()])), [shared, shared]);
  });
});

describe('exit', () => {
  it('exit() runs the callback with no store, returns its result, and puts the store back', () => {
    const als = new AsyncLocalStorage();
    als.run('outside', () => {
      const result = als.exit(function (...args) {
        return { store: als.getStore(), self: this, args };
      }, 'a', 'b');
      assert.deepEqual(result, { store: undefined, self: null, args: ['a', 'b'] });
      assert.equal(als.getStore(), 'outside');
    });
  });

  it('exit() leaves the other storages as they are', () => {
    const a = new AsyncLocalStorage();
    const b = new AsyncLocalStorage();
    const seen = a.run('a', () => b.run('b', () => a.exit(() => [a.getStore(), b.getStore()])));
    assert.deepEqual(seen, [undefined, 'b']);
  });

  it('exit() puts the store back when the callback throws', () => {
    const als = new AsyncLocalStorage();
    als.run('kept', () => {
      assert.throws(() => als.exit(() => { throw new Error('x'); }), /x/);
      assert.equal(als.getStore(), 'kept');
    });
  });
});

describe('enterWith', () => {
  it('enterWith() sets the store for the rest of the synchronous execution, also after the function that called it returns', () => {
    const als = new AsyncLocalStorage();
    const store = { id: 2 };
    // Node's documentation: a listener calls enterWith, the emitter's caller then sees the store.
    const listener = () => als.enterWith(store);
    als.run('before', () => {
      listener();
      assert.equal(als.getStore(), store);
    });
  });

  it('an enterWith() inside a run ends with the run', () => {
    const als = new AsyncLocalStorage();
    als.run('outer', () => {
      als.run('inner', () => {
        als.enterWith('entered');
        assert.equal(als.getStore(), 'entered');
      });
      assert.equal(als.getStore(), 'outer');
    });
  });

  it("an enterWith() of another storage inside a run outlives the run: a run puts back only its own storage's store", () => {
    const a = new AsyncLocalStorage();
    const b = new AsyncLocalStorage();
    b.run('b before', () => {
      a.run('a', () => b.enterWith('b entered inside a'));
      assert.equal(b.getStore(), 'b entered inside a');
      assert.equal(a.getStore(), undefined);
    });
  });

  it('a run with the store already current changes nothing, so an enterWith() inside it stays (Node 24)', () => {
    const als = new AsyncLocalStorage();
    als.run('x', () => {
      als.run('x', () => als.enterWith('entered in a run of the same store'));
      assert.equal(als.getStore(), 'entered in a run of the same store');
      als.run('y', () => als.enterWith('entered in a run of another store'));
      assert.equal(als.getStore(), 'entered in a run of the same store');
    });
  });
});

describe('defaultValue, name and disable', () => {
  it('defaultValue is the store where none is set; run(undefined) and exit() give undefined', () => {
    const als = new AsyncLocalStorage({ defaultValue: 'default' });
    assert.equal(als.getStore(), 'default');
    assert.equal(als.run('set', () => als.getStore()), 'set');
    assert.equal(als.run(undefined, () => als.getStore()), undefined);
    assert.equal(als.run('set', () => als.exit(() => als.getStore())), undefined);
    assert.equal(als.getStore(), 'default');
  });

  it('name is the option converted to a string, or the empty string', () => {
    assert.equal(new AsyncLocalStorage({ name: 'request-id' }).name, 'request-id');
    assert.equal(new AsyncLocalStorage({ name: 42 }).name, '42');
    assert.equal(new AsyncLocalStorage().name, '');
  });

  it('disable(): getStore() is undefined until the next run or enterWith', () => {
    const als = new AsyncLocalStorage();
    als.run('before', () => {
      als.enterWith('entered');
      als.disable();
      assert.equal(als.getStore(), undefined);
      assert.equal(als.run('after', () => als.getStore()), 'after');
      als.enterWith('entered again');
      assert.equal(als.getStore(), 'entered again');
    });
  });
});

describe('frames: every storage at once', () => {
  it('storages do not see each other: a run of one leaves the others as they were', () => {
    const storages = Array.from({ length: 50 }, () => new AsyncLocalStorage());
    // Nest a run of every storage, each with its own store; the innermost sees all of them.
    const nest = (i) => (i === storages.length ? storages.map((als) => als.getStore()) : storages[i].run(`store ${i}`, () => nest(i + 1)));
    assert.deepEqual(nest(0), storages.map((_, i) => `store ${i}`));
    assert.deepEqual(storages.map((als) => als.getStore()), storages.map(() => undefined));
    // A run of one in the middle of the others changes only its own.
    const seen = storages[0].run('a0', () => storages[2].run('a2', () => storages[1].run('a1', () => storages.slice(0, 4).map((als) => als.getStore()))));
    assert.deepEqual(seen, ['a0', 'a1', 'a2', undefined]);
  });

  it('a snapshot holds the store of every storage, including one made after it', () => {
    const a = new AsyncLocalStorage();
    const b = new AsyncLocalStorage();
    const snapshot = a.run('a', () => b.run('b', () => AsyncLocalStorage.snapshot()));
    const c = new AsyncLocalStorage();
    const seen = c.run('c now', () => a.run('a now', () => snapshot(() => [a.getStore(), b.getStore(), c.getStore()])));
    assert.deepEqual(seen, ['a', 'b', undefined]);
  });

  it('what a snapshot holds does not change with later runs and enterWith calls', () => {
    const als = new AsyncLocalStorage();
    let snapshot;
    als.run('captured', () => {
      snapshot = AsyncLocalStorage.snapshot();
      als.enterWith('entered after the snapshot');
      als.run('a later run', () => {});
    });
    assert.equal(snapshot(() => als.getStore()), 'captured');
  });
});

describe('AsyncLocalStorage.snapshot', () => {
  it('runs a function in the captured context with its arguments, returns its result, and puts the context back', () => {
    const als = new AsyncLocalStorage();
    const snapshot = als.run('captured', () => AsyncLocalStorage.snapshot());
    als.run('current', () => {
      assert.deepEqual(snapshot((x, y) => [als.getStore(), x, y], 1, 2), ['captured', 1, 2]);
      assert.equal(als.getStore(), 'current');
      assert.throws(() => snapshot(() => { throw new Error('inside'); }), /inside/);
      assert.equal(als.getStore(), 'current');
    });
  });

  it('a snapshot taken outside any run runs functions with no store', () => {
    const als = new AsyncLocalStorage();
    const snapshot = AsyncLocalStorage.snapshot();
    assert.equal(als.run('current', () => snapshot(() => als.getStore())), undefined);
  });

  it("the snapshot is a function named 'bound' of length 1; called without a function it throws V8's TypeError", () => {
    const snapshot = AsyncLocalStorage.snapshot();
    assert.equal(snapshot.name, 'bound');
    assert.equal(snapshot.length, 1);
    assert.throws(() => snapshot(), { name: 'TypeError', message: 'cb is not a function' });
  });
});

describe('AsyncLocalStorage.bind', () => {
  it("the bound function runs in the context of the bind, with its caller's this and arguments, and returns the result", () => {
    const als = new AsyncLocalStorage();
    const bound = als.run('bound', () => AsyncLocalStorage.bind(function (a, b) {
      return [als.getStore(), this, a, b];
    }));
    const self = {};
    assert.deepEqual(als.run('caller', () => bound.call(self, 1, 2)), ['bound', self, 1, 2]);
    assert.equal(als.getStore(), undefined);
  });

  it("the bound function is named 'bound' and has the length of the function", () => {
    const bound = AsyncLocalStorage.bind(function named(a, b, c) {});
    assert.equal(bound.name, 'bound');
    assert.equal(bound.length, 3);
  });

  it('an error thrown by the function reaches the caller, whose context is put back', () => {
    const als = new AsyncLocalStorage();
    const bound = als.run('bound', () => AsyncLocalStorage.bind(() => { throw new Error('from bound'); }));
    als.run('caller', () => {
      assert.throws(() => bound(), /from bound/);
      assert.equal(als.getStore(), 'caller');
    });
  });
});

describe("Node's errors for bad input", () => {
  it('options that are not an object: ERR_INVALID_ARG_TYPE', () => {
    assert.throws(() => new AsyncLocalStorage(5), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options" argument must be of type object. Received type number (5)'));
    assert.throws(() => new AsyncLocalStorage(null), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options" argument must be of type object. Received null'));
    assert.throws(() => new AsyncLocalStorage('name'), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "options" argument must be of type object. Received type string (\'name\')'));
  });

  it('bind() of what is not a function: ERR_INVALID_ARG_TYPE', () => {
    assert.throws(() => AsyncLocalStorage.bind(1), nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "fn" argument must be of type function. Received type number (1)'));
    assert.throws(() => AsyncLocalStorage.bind(undefined), { name: 'TypeError' });
  });

  it("run() and exit() of what is not a function: V8's TypeError, and the store is unchanged", () => {
    const als = new AsyncLocalStorage();
    const message = 'Function.prototype.apply was called on 5, which is a number and not a function';
    als.run('kept', () => {
      assert.throws(() => als.run('other', 5), { name: 'TypeError', message });
      assert.throws(() => als.exit(5), { name: 'TypeError', message });
      assert.equal(als.getStore(), 'kept');
    });
  });

  it("coded errors show their code as Node's do, in the stack's first line", () => {
    let error;
    try {
      new AsyncLocalStorage(5);
    } catch (thrown) {
      error = thrown;
    }
    assert.equal(error.stack.split('\n')[0], 'TypeError [ERR_INVALID_ARG_TYPE]: The "options" argument must be of type object. Received type number (5)');
    assert.deepEqual(Object.getOwnPropertyDescriptor(error, 'code'), { value: 'ERR_INVALID_ARG_TYPE', writable: true, enumerable: true, configurable: true });
  });

  it("coded errors convert to a string with their code, as Node's do, and keep their class", () => {
    let error;
    try {
      new AsyncLocalStorage(5);
    } catch (thrown) {
      error = thrown;
    }
    assert.equal(String(error), 'TypeError [ERR_INVALID_ARG_TYPE]: The "options" argument must be of type object. Received type number (5)');
    assert.equal(error.toString(), String(error));
    assert.ok(error instanceof TypeError);
    assert.equal(error.constructor, TypeError);
    assert.equal(error.name, 'TypeError');
    assert.deepEqual(Object.getOwnPropertyNames(error).sort(), ['code', 'message', 'stack']);
    const enumerable = [];
    for (const key in error) enumerable.push(key);
    assert.deepEqual(enumerable, ['code']);
  });
});
