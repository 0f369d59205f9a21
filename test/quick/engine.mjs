// What the quick tests test: the runtime's core, imported from its TypeScript sources (through
// tsx: `npm run test:quick`), without the host layer, so no global is patched and no context
// follows a task (the tests are synchronous, or wait only for what the core schedules itself).
//
// The expectations are Node's: with ANYCTX_QUICK_ORACLE=1 the same tests run against Node's own
// node:async_hooks instead, which shows that they hold there:
//   ANYCTX_QUICK_ORACLE=1 node_modules/node24/bin/node --import tsx --test test/quick/async-*.test.mjs
// (AsyncContext, which Node does not have, is then anyctx's, built on Node's AsyncLocalStorage,
// as the `anyctx` entry builds it on Node.)
const core = '../../packages/anyctx/src/core/';

export const oracle = process.env.ANYCTX_QUICK_ORACLE === '1';

const hooks = oracle ? await import('node:async_hooks') : {
  ...(await import(`${core}async-local-storage.ts`)),
  ...(await import(`${core}async-resource.ts`)),
  ...(await import(`${core}hooks.ts`)),
  ...(await import(`${core}public-ids.ts`)),
};

export const { AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource } = hooks;

const { createAsyncContext } = await import(`${core}async-context.ts`);
export const AsyncContext = createAsyncContext(AsyncLocalStorage);

/** Node's error for bad input: its class, `name`, `code` and message. */
export const nodeError = (ErrorClass, code, message) => (error) =>
  error instanceof ErrorClass && error.name === ErrorClass.name && error.code === code && error.message === message;
