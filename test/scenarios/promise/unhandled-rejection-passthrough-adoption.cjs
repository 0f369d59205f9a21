// An 'unhandledRejection' handler runs in the frame current when the promise was rejected, also
// where no callback of the program rejected it: a `then` without a rejection handler passes the
// rejection on in the frame of that `then` call; a promise resolved with a rejected promise or
// thenable is rejected in the frame of the resolve (the callback's return, the executor's or
// Promise.resolve's call); `.finally(() => Promise.reject())` in the frame of the `finally`.
// The lines print sorted at exit: the order of the events is the runtime's business.
const { AsyncLocalStorage } = require('#ctx');
const { atExit, log } = require('../_lib/out.cjs');

const als = new AsyncLocalStorage();
const handled = [];
process.on('unhandledRejection', (reason) => handled.push(`${reason.message} handled in ${als.getStore()}`));
atExit(() => { for (const line of handled.sort()) log(line); });

const rejected = (message) => {
  const promise = Promise.reject(new Error(message));
  promise.catch(() => {});
  return promise;
};
const rejectingThenable = (message) => ({ then(_, reject) { reject(new Error(message)); } });

let early;
als.run('rejected-first', () => { early = rejected('passthrough'); });
als.run('then-call', () => early.then(() => log('never')));
als.run('then-call-2', () => early.then(() => {}).then(() => log('never')).then(undefined, undefined));

als.run('callback', () => Promise.resolve().then(() => als.run('inner', () => rejected('adopt from callback'))));
als.run('callback-thenable', () => Promise.resolve().then(() => rejectingThenable('adopt thenable from callback')));
als.run('executor', () => new Promise((resolve) => resolve(rejected('adopt in executor'))));
let later;
als.run('executor-later', () => new Promise((resolve) => { later = resolve; }));
als.run('resolver', () => setTimeout(() => later(rejected('adopt resolved later')), 1));
als.run('static', () => Promise.resolve(rejectingThenable('adopt thenable in Promise.resolve')));
als.run('finally', () => Promise.resolve(1).finally(() => Promise.reject(new Error('finally rejects'))));
als.run('finally-passthrough', () => Promise.reject(new Error('through finally')).finally(() => {}));
const rejectsLater = (message) => ({
  then(_, reject) { setTimeout(() => als.run('rejecter', () => reject(new Error(message))), 2); },
});
als.run('resolve-later-rejecting', () => Promise.resolve(rejectsLater('thenable rejects later')));
als.run('return-later-rejecting', () => Promise.resolve().then(() => rejectsLater('returned thenable rejects later')));
