import { readFileSync } from 'node:fs';

// What the builds of the runtime entries (index, portable, portable.browser) add to esbuild's
// defaults. scripts/build.mjs builds dist/ with them, and scripts/bundle-size.mjs bundles the
// sources with them for its per-file breakdown, so that both measure the same code.

// Property names shortened (esbuild's mangleProps): fields and methods of the engine's own
// objects. No minifier renames properties on its own, so without this every app's bundle
// would carry these names at full length. A name goes here only if every object it is read
// from or written to is one the engine made, never the public API's, the platform's or one
// another copy of anyctx reads: `wrap` stays out (AsyncContext.Snapshot.wrap), and so do
// `then` and `get`, which the engine's objects share with promises and maps.
// test/shortened-properties.test.mjs checks the list against the public declarations.
export const INTERNAL_PROPERTIES = [
  // async-call.ts: a rewritten function's per-call record (not `depth`, the count of calls
  // that resume a generator: a field of the context all copies of the engine share, frame.ts)
  'inner', 'outer', 'phase', 'hooked', 'adopting',
  // hook-layer.ts: what the frame half calls in the async_hooks half; promise-constructor.ts:
  // what its hooked variant calls
  'beginCall', 'endCall', 'returning', 'suspendAwait', 'enterAwait', 'endAwait', 'promiseAsyncId', 'emitPromiseResolve',
  // patch.ts: a layer's parts and a gate's
  'holder', 'property', 'previous', 'defined', 'original', 'owner', 'gateInEffect', 'implement', 'firstMade', 'implementations', 'to',
  // timers.ts: handle ids; listener-wrappers.ts: listener identity
  'remember', 'forget', 'wrapperFor', 'wrapperOf', 'originalOf',
  // thenable.ts: the promise a stand-in resolves
  'adopter',
];

/** The runtime's version, which a build registers on the global (host/install.ts). */
const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8'));

/**
 * `nodeSources`: whether the build has Node's task sources (host/node-sources.ts). The
 * browser build has not, and code only they need is compiled out of it
 * (host/build-flags.d.ts).
 */
export function runtimeBuildOptions({ nodeSources }) {
  return {
    mangleProps: new RegExp(`^(?:${INTERNAL_PROPERTIES.join('|')})$`),
    define: { __NODE_SOURCES__: String(nodeSources), __ANYCTX_VERSION__: JSON.stringify(version) },
  };
}
