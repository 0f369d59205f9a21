// Scenarios the portable engine fails on a runtime, and why: each is a way the runtime itself
// differs from Node (which the engine passes through, as it must: values and host errors
// untouched) or a limit of the runtime. runtime-matrix.test.mjs fails when a scenario fails
// that is not listed here, and when one listed here passes (then it must leave the list).
const workerdTickIsAMicrotask = "workerd's process.nextTick queues a microtask: ticks run after promise jobs queued before them, not before";
const hermesPromise = "Hermes 0.12's Promise is the 'promise' package's, not the spec's";
// Not the browser's own difference, a documented limit of the engine there (README: web task
// sources carry the frame only): a web source gives no async ids.
const webSourcesCarryFramesOnly = "the page's 'unhandledrejection' event (which the harness's process forwards) runs its listeners in the rejection's frame, without the promise's async ids: the engine's web task sources carry frames only";
const ownTimerHandles = (runtime) => `${runtime}'s timeouts are its own, not Node's Timeout, whose refresh() the engine instruments on Node only: a timeout refreshed after it ran keeps its first resource and frame`;
const ownTimersPromises = (runtime) => `${runtime}'s timers/promises is its own, not Node's (which the engine instruments on Node only): its timers are no Timeout or Immediate resource of the engine's`;
const timerHandlesWithoutLiveness = (runtime) => `${runtime}'s timer handles do not say whether they are live, as Node's do (_destroyed): clearing a timeout or an immediate made while no hook was enabled emits no destroy`;

export const knownFailures = {
  bun: {
    'timers/refresh-after-run.cjs': ownTimerHandles('Bun'),
    'hooks/timers-promises-resources.cjs': ownTimersPromises('Bun'),
    'messagechannel/broadcast-channel-creation-frame.mjs': "Bun dispatches a BroadcastChannel's messages from its native code, through no method the engine can instrument: they run in the empty frame",
  },
  deno: {
    'timers/refresh-after-run.cjs': ownTimerHandles('Deno'),
    'hooks/timers-promises-resources.cjs': ownTimersPromises('Deno'),
    'invariants/bad-callbacks.mjs': "Deno's own queueMicrotask({}) throws a TypeError without Node's code",
    'promise/rejection-handled-later.cjs': "Deno's 'rejectionHandled' event carries another promise object than the one that was rejected",
    'promise/unhandled-rejection-exit-code.cjs': 'Deno reports an unhandled rejection its own way (not through the exit code and output Node gives)',
  },
  workerd: {
    'messagechannel/broadcast-channel-creation-frame.mjs': 'workerd has no BroadcastChannel',
    'timers/refresh-after-run.cjs': ownTimerHandles('workerd'),
    'hooks/timers-promises-resources.cjs': 'workerd has no node:timers/promises',
    'hooks/clear-timers-created-before-hook.cjs': timerHandlesWithoutLiveness('workerd'),
    'asynccontext/variable-across-sources.mjs': workerdTickIsAMicrotask,
    'timers/ordering-all-sources.mjs': workerdTickIsAMicrotask,
    'invariants/bad-callbacks.mjs': "workerd's own timers throw a plain TypeError for a callback that is not a function",
    'invariants/errors-pass-through.cjs': "workerd ends the request on an error thrown from a timer; it has no 'uncaughtException'",
    'timers/throw-in-callback.cjs': "workerd ends the request on an error thrown from a callback; it has no 'uncaughtException'",
    'invariants/array-iterator-deleted.cjs': "workerd ends the request on an error thrown from a timer; it has no 'uncaughtException' (whose listener puts the built-in back)",
    'invariants/instrumented-globals-look-native.mjs': "workerd's Immediate handles have no working ref/hasRef",
    'timers/setinterval-every-tick.mjs': "workerd calls timer callbacks with this = globalThis, not the Timeout",
    'timers/settimeout-args-and-this.mjs': "workerd calls timer callbacks with this = globalThis, not the Timeout",
    'promise/rejection-handled-later.cjs': "workerd emits 'rejectionHandled' at another point than Node",
    'promise/unhandled-rejection-exit-code.cjs': 'workerd logs an unhandled rejection and goes on: there is no exit code',
  },
  quickjs: {
    'timers/refresh-after-run.cjs': ownTimerHandles('The QuickJS prelude'),
    'hooks/timers-promises-resources.cjs': 'QuickJS has no node:timers/promises',
    'hooks/clear-timers-created-before-hook.cjs': timerHandlesWithoutLiveness('The QuickJS prelude'),
    'await/async-generator-for-await-loops.mjs': "QuickJS does not wait for return() when a for await loop breaks: the generator's finally runs after the code after the loop (so does untransformed code)",
    'invariants/errors-pass-through.cjs': "QuickJS's stack traces name no file in the frames the scenario checks",
    'promise/unhandled-rejection-exit-code.cjs': 'quickjs-emscripten exposes no rejection tracker: an unhandled rejection cannot end the run',
    'invariants/array-iterator-deleted.cjs': "QuickJS has no timers or process.nextTick: those the harness gives it (test/runtimes/quickjs-prelude.js, prelude-shared.js) spread their arguments",
  },
  hermes: {
    'timers/refresh-after-run.cjs': ownTimerHandles('The Hermes prelude'),
    'hooks/timers-promises-resources.cjs': 'Hermes has no node:timers/promises',
    'hooks/clear-timers-created-before-hook.cjs': timerHandlesWithoutLiveness('The Hermes prelude'),
    'als/many-instances.mjs': 'Hermes 0.12 allows 128 nested native calls (apply, call, generators)',
    'await/deep-await-chain.mjs': 'Hermes 0.12 allows 128 nested native calls (apply, call, generators)',
    'asynccontext/variable-across-sources.mjs': `${hermesPromise}: a thenable's then() runs in another turn`,
    'await/orm-query-builder-thenable.mjs': `${hermesPromise}: a thenable's then() runs in another turn`,
    'invariants/microtask-turns-of-promises.mjs': `${hermesPromise}: resolving with a promise or thenable takes other turns`,
    'invariants/promise-identity-and-subclass.mjs': `${hermesPromise}: no Symbol.toStringTag, other method names`,
    'promise/thenable-getter-read-once.mjs': `${hermesPromise}: Promise.resolve() reads then where the spec does not`,
    'promise/thenable-getter-throws.mjs': `${hermesPromise}: a throwing then getter rejects at another step`,
    'promise/unhandled-rejection-passthrough-adoption.cjs': `${hermesPromise}: Promise.resolve() calls a thenable's then() before it returns the promise that adopts it`,
    'hooks/async-function-promises.cjs': `${hermesPromise}, and Hermes' async functions make their promises with the global Promise: the engine sees them`,
    'invariants/array-iterator-deleted.cjs': "Hermes has no timers or process.nextTick: those the harness gives it (test/runtimes/hermes-prelude.js, prelude-shared.js) spread and destructure arrays",
  },
  chromium: {
    'hooks/unhandled-rejection-runs-as-promise.cjs': webSourcesCarryFramesOnly,
  },
  firefox: {
    'hooks/unhandled-rejection-runs-as-promise.cjs': webSourcesCarryFramesOnly,
  },
};
