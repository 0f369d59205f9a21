// The AsyncContext API's shape, with the values the proposal's spec text gives
// (https://tc39.es/proposal-async-context/, as test262's test/built-ins/AsyncContext checks
// them): the namespace object, property attributes, Symbol.toStringTag, names and lengths,
// Snapshot.wrap's CopyNameAndLength, `this` in callbacks, the options' reads, and the
// prototype a constructor gives with a newTarget. Shared by async-context.test.mjs (the core,
// from its sources) and async-context-builds.test.mjs (the built entries, and a minified
// browser bundle in a realm of its own: `realm` is that realm's global).
import assert from 'node:assert/strict';

// By name: a TypeError of another realm is no instance of this one's.
const isTypeError = (error) => Object.prototype.toString.call(error) === '[object Error]' && error.name === 'TypeError';
const throwsTypeError = (fn, message) => assert.throws(fn, isTypeError, message);

/** test262's isConstructor: whether `value` has [[Construct]], without calling it. */
function isConstructor(value) {
  try {
    Reflect.construct(function () {}, [], value);
    return true;
  } catch {
    return false;
  }
}

const data = (value, writable, configurable = true) => ({ value, writable, enumerable: false, configurable });
const own = (object, key) => Object.getOwnPropertyDescriptor(object, key);

class CustomError extends Error {}
const throwing = () => {
  throw new CustomError();
};

/** [name, test] pairs, each test a synchronous function. */
export function shapeCases(AsyncContext, realm = globalThis) {
  const { Variable, Snapshot } = AsyncContext;
  /** A fresh function whose `name` and `length` a case redefines. */
  const callback = () => function callback(_a, _b) {};
  const wrappedName = (fn) => Snapshot.wrap(fn).name;
  const wrappedLength = (fn) => Snapshot.wrap(fn).length;
  const withOwn = (key, value) => Object.defineProperty(callback(), key, { value, writable: true, enumerable: true, configurable: true });

  return [
    ['AsyncContext is an ordinary, extensible object, not frozen, whose members are writable, configurable and not enumerable', () => {
      assert.equal(typeof AsyncContext, 'object');
      assert.equal(Object.getPrototypeOf(AsyncContext), realm.Object.prototype);
      assert.equal(Object.isExtensible(AsyncContext), true);
      assert.equal(Object.isFrozen(AsyncContext), false);
      assert.deepEqual(own(AsyncContext, 'Variable'), data(Variable, true));
      assert.deepEqual(own(AsyncContext, 'Snapshot'), data(Snapshot, true));
      assert.deepEqual(Object.keys(AsyncContext), []);
      assert.equal(isConstructor(AsyncContext), false);
    }],

    ['Symbol.toStringTag: "AsyncContext", "AsyncContext.Variable", "AsyncContext.Snapshot", read-only and configurable', () => {
      assert.deepEqual(own(AsyncContext, Symbol.toStringTag), data('AsyncContext', false));
      assert.deepEqual(own(Variable.prototype, Symbol.toStringTag), data('AsyncContext.Variable', false));
      assert.deepEqual(own(Snapshot.prototype, Symbol.toStringTag), data('AsyncContext.Snapshot', false));
      assert.equal(Object.prototype.toString.call(AsyncContext), '[object AsyncContext]');
      assert.equal(Object.prototype.toString.call(new Variable()), '[object AsyncContext.Variable]');
      assert.equal(Object.prototype.toString.call(new Snapshot()), '[object AsyncContext.Snapshot]');
    }],

    ['the constructors: names and lengths, a read-only prototype, Function.prototype their prototype, and no call without new', () => {
      for (const [constructor, name, length] of [[Variable, 'Variable', 1], [Snapshot, 'Snapshot', 0]]) {
        assert.deepEqual(own(constructor, 'name'), data(name, false));
        assert.deepEqual(own(constructor, 'length'), data(length, false));
        assert.deepEqual(own(constructor, 'prototype'), data(constructor.prototype, false, false));
        assert.equal(Object.getPrototypeOf(constructor), realm.Function.prototype);
        assert.equal(Object.getPrototypeOf(constructor.prototype), realm.Object.prototype);
        assert.deepEqual(own(constructor.prototype, 'constructor'), data(constructor, true));
        throwsTypeError(() => constructor(), name);
      }
    }],

    ['the methods: names and lengths, writable and not enumerable, none a constructor', () => {
      const name = own(Variable.prototype, 'name');
      assert.equal(name.set, undefined);
      assert.equal(name.enumerable, false);
      assert.equal(name.configurable, true);
      assert.equal(name.get.name, 'get name');
      assert.equal(name.get.length, 0);
      for (const [object, key, length] of [[Variable.prototype, 'run', 2], [Variable.prototype, 'get', 0], [Snapshot.prototype, 'run', 1], [Snapshot, 'wrap', 1]]) {
        const method = object[key];
        assert.deepEqual(own(object, key), data(method, true), key);
        assert.equal(method.name, key);
        assert.equal(method.length, length, key);
        assert.equal(isConstructor(method), false, key);
      }
    }],

    ['the methods throw a TypeError on what is not an instance of their class', () => {
      const variable = new Variable();
      const snapshot = new Snapshot();
      throwsTypeError(() => Variable.prototype.get.call(snapshot));
      throwsTypeError(() => Variable.prototype.run.call(snapshot, 1, () => {}));
      throwsTypeError(() => own(Variable.prototype, 'name').get.call(snapshot));
      throwsTypeError(() => Snapshot.prototype.run.call(variable, () => {}));
      for (const receiver of [undefined, null, 1, 'string', {}]) throwsTypeError(() => Variable.prototype.get.call(receiver));
    }],

    ['a newTarget whose prototype is not an object gives the intrinsic prototype; an object, that object', () => {
      for (const constructor of [Variable, Snapshot]) {
        function newTarget() {}
        for (const prototype of [undefined, null, true, '', Symbol('prototype'), 1]) {
          newTarget.prototype = prototype;
          assert.equal(Object.getPrototypeOf(Reflect.construct(constructor, [], newTarget)), constructor.prototype, String(prototype));
        }
        const custom = {};
        newTarget.prototype = custom;
        assert.equal(Object.getPrototypeOf(Reflect.construct(constructor, [], newTarget)), custom);
        const abrupt = Object.defineProperty(function () {}.bind(null), 'prototype', { get: throwing });
        assert.throws(() => Reflect.construct(constructor, [], abrupt), CustomError);
      }
      class Named extends Variable {}
      const named = new Named({ name: 'sub' });
      assert.equal(named.name, 'sub');
      assert.equal(named.run(1, () => named.get()), 1);
      assert.equal(Object.isExtensible(named), true);
    }],

    ['Variable: a name only where the options have one (inherited names count); name before defaultValue; what throws, throws', () => {
      assert.equal(new Variable({}).name, '');
      assert.equal(new Variable({ defaultValue: 1 }).name, '');
      assert.equal(new Variable({ name: undefined }).name, 'undefined');
      assert.equal(new Variable(Object.create({ name: 'inherited' })).name, 'inherited');
      const reads = [];
      const options = new Proxy({ name: 'n', defaultValue: 'd' }, {
        has: (target, key) => (reads.push(`has ${key}`), key in target),
        get: (target, key) => (reads.push(`get ${key}`), target[key]),
      });
      const variable = new Variable(options);
      assert.deepEqual(reads, ['has name', 'get name', 'get defaultValue']);
      assert.equal(variable.name, 'n');
      assert.equal(variable.get(), 'd');
      assert.throws(() => new Variable(new Proxy({}, { has: throwing })), CustomError);
      assert.throws(() => new Variable({ get name() { return throwing(); } }), CustomError);
      assert.throws(() => new Variable({ name: { toString: throwing } }), CustomError);
      assert.throws(() => new Variable({ get defaultValue() { return throwing(); } }), CustomError);
    }],

    ['Variable#run and Snapshot#run call the callback with an undefined this', () => {
      const variable = new Variable();
      assert.equal(variable.run(1, function () { return this; }), undefined);
      assert.equal(variable.run(1, function () { return this; }, 'with', 'arguments'), undefined);
      assert.equal(new Snapshot().run(function () { return this; }), undefined);
    }],

    ['Snapshot.wrap: a function of the realm, not a constructor, whatever it wraps', () => {
      function Constructor() {}
      const wrapped = Snapshot.wrap(Constructor);
      assert.equal(typeof wrapped, 'function');
      assert.equal(Object.getPrototypeOf(wrapped), realm.Function.prototype);
      assert.equal(isConstructor(wrapped), false);
      throwsTypeError(() => new wrapped());
      assert.equal(Object.hasOwn(wrapped, 'prototype'), false);
      assert.notEqual(Snapshot.wrap(Constructor), wrapped);
    }],

    ['Snapshot.wrap: the name is "wrapped " and the function\'s own or inherited name where it is a string', () => {
      assert.deepEqual(own(Snapshot.wrap(callback()), 'name'), data('wrapped callback', false));
      assert.equal(wrappedName(() => {}), 'wrapped ');
      assert.equal(wrappedName(withOwn('name', 'foo')), 'wrapped foo');
      for (const name of [42, undefined, Symbol('name'), new String('foo'), {}, { toString: throwing }]) {
        assert.equal(wrappedName(withOwn('name', name)), 'wrapped ', typeof name);
      }
      const inherits = Object.setPrototypeOf(callback(), Object.defineProperty(function () {}, 'name', { value: 'inherited' }));
      delete inherits.name;
      assert.equal(wrappedName(inherits), 'wrapped inherited');
    }],

    ['Snapshot.wrap: the length is the function\'s own Number length, made a non-negative integer, else 0', () => {
      assert.deepEqual(own(Snapshot.wrap(callback()), 'length'), data(2, false));
      const cases = [[0, 0], [42, 42], [-42, 0], [Infinity, Infinity], [-Infinity, 0], [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
        [Number.MAX_SAFE_INTEGER * 120, Number.MAX_SAFE_INTEGER * 120], [-0, 0], [-0.2, 0], [NaN, 0], [7.2, 7], [7.9, 7], [undefined, 0],
        ['42', 0], [Symbol('length'), 0], [42n, 0], [new Number(42), 0], [{ valueOf: () => 42 }, 0]];
      cases.forEach(([length, expected], index) => assert.equal(wrappedLength(withOwn('length', length)), expected, `case ${index}`));
      assert.ok(Object.is(wrappedLength(withOwn('length', -0)), 0));
      const inherited = Object.setPrototypeOf(callback(), Object.defineProperty(function () {}, 'length', { value: 5 }));
      delete inherited.length;
      assert.equal(wrappedLength(inherited), 0);
    }],

    ['Snapshot.wrap: a throwing getter of the own length, or of the name, throws; an inherited length is not read', () => {
      const getter = (key) => Object.defineProperty(callback(), key, { get: throwing });
      assert.throws(() => Snapshot.wrap(getter('length')), CustomError);
      assert.throws(() => Snapshot.wrap(getter('name')), CustomError);
      const inheritsName = Object.setPrototypeOf(callback(), Object.defineProperty(function () {}, 'name', { get: throwing }));
      delete inheritsName.name;
      assert.throws(() => Snapshot.wrap(inheritsName), CustomError);
      const inheritsLength = Object.setPrototypeOf(callback(), Object.defineProperty(function () {}, 'length', { get: throwing }));
      delete inheritsLength.length;
      delete inheritsLength.name;
      assert.equal(wrappedLength(inheritsLength), 0);
      // HasOwnProperty(fn, "length") asks the proxy; Get(fn, "name") does not.
      const original = callback();
      const lengthTrap = new Proxy(original, { getOwnPropertyDescriptor: throwing });
      assert.throws(() => Snapshot.wrap(lengthTrap), CustomError);
      const nameTrap = new Proxy(original, {
        getOwnPropertyDescriptor: (target, key) => (key === 'length' ? Reflect.getOwnPropertyDescriptor(target, key) : throwing()),
      });
      assert.equal(Snapshot.wrap(nameTrap).name, 'wrapped callback');
    }],
  ];
}
