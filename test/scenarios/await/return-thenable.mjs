// waits-for: transform
// docs/semantics.md §2: `return thenable` in an async function resolves the function's promise
// with the thenable, and Node calls its `then` in the context of that resolve: the function's
// own, with or without an await before the return, in async arrows with an expression body,
// in methods, and for a thenable that resolves with another. A `then` getter that throws
// rejects the function's promise; a try/catch around the return does not see it.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

/** A thenable that says where its then runs and settles from another store. */
const thenable = (label, value = label) => ({
  then(onFulfilled) {
    log(label, 'then called in', als.getStore());
    als.run('driver', () => setTimeout(() => onFulfilled(value), 1));
  },
});

async function noAwait() {
  return thenable('no await');
}
async function afterAwait() {
  await null;
  als.enterWith('after await, entered');
  return thenable('after await');
}
async function inBranches(flag) {
  if (flag) {
    await 1;
    return thenable('branch with await');
  }
  return thenable('branch without await');
}
const arrow = async () => thenable('arrow');
const arrowAfterAwait = async () => (await null, thenable('arrow after await'));
class Service {
  async query() {
    return thenable('method');
  }
  static async find() {
    await undefined;
    return thenable('static method');
  }
}
const object = {
  async load() {
    return thenable('object method');
  },
};
async function nested() {
  return thenable('outer', thenable('inner'));
}

const throwing = {
  get then() {
    log('then getter read in', als.getStore());
    throw new Error('getter threw');
  },
};
async function throwingGetter() {
  try {
    return throwing;
  } catch (error) {
    log('the body caught', error.message);
    return 'caught';
  }
}
async function throwingGetterAfterAwait() {
  await null;
  try {
    return throwing;
  } catch (error) {
    log('the body caught', error.message);
    return 'caught';
  }
}

// A value that is not a thenable, and a plain object with a `then` that is not a function,
// come back as they are.
async function plain() {
  return { then: 42 };
}

const calls = [
  ['no await', () => noAwait()],
  ['after await', () => afterAwait()],
  ['branch 1', () => inBranches(true)],
  ['branch 0', () => inBranches(false)],
  ['arrow', () => arrow()],
  ['arrow after await', () => arrowAfterAwait()],
  ['method', () => new Service().query()],
  ['static method', () => Service.find()],
  ['object method', () => object.load()],
  ['nested', () => nested()],
  ['throwing getter', () => throwingGetter()],
  ['throwing getter after await', () => throwingGetterAfterAwait()],
  ['plain', () => plain()],
];

let i = 0;
function next() {
  const call = calls[i++];
  if (call === undefined) return;
  const [name, run] = call;
  als.run(`request ${name}`, () => {
    run().then(
      (value) => {
        log(name, 'fulfilled with', typeof value === 'object' ? JSON.stringify(value) : value, 'in', als.getStore());
        setTimeout(next, 2);
      },
      (error) => {
        log(name, 'rejected with', error.message, 'in', als.getStore());
        setTimeout(next, 2);
      },
    );
  });
}
setTimeout(next, 1);
