'use strict';
// What a form observes (test/forms/README.md): each form calls observe() once, at its top
// level, and gets a storage of its own, `see(label)` to record the label with the store
// current at that point, and `later(value)` / `failLater(message)`, which settle from a timer
// started in another store, so that a continuation that merely keeps "some" frame is told
// apart from one that keeps its own. The runner reads what the form saw through latest().
const { AsyncLocalStorage } = require('#ctx');

let latest;

function observe() {
  const als = new AsyncLocalStorage();
  const seen = [];
  const see = (label) => {
    seen.push(label + ' @ ' + als.getStore());
  };
  const later = (value) => als.run('resolver', () => new Promise((resolve) => setTimeout(resolve, 1, value)));
  const failLater = (message) => als.run('rejecter', () => new Promise((_, reject) => setTimeout(reject, 1, new Error(message))));
  latest = { als, seen, see, later, failLater };
  return latest;
}

exports.observe = observe;
exports.latest = () => latest;
