// docs/semantics.md §6.4: createHook with a callback that is not a function throws Node's
// error (TypeError, ERR_ASYNC_CALLBACK).
const { createHook } = require('#ctx');
const { log } = require('../_lib/out.cjs');

for (const name of ['init', 'before', 'after', 'destroy', 'promiseResolve']) {
  try {
    createHook({ [name]: 42 });
    log(name, '-> no error');
  } catch (e) {
    log(name, '->', e?.constructor?.name, e?.code ?? '(no code)');
  }
}
