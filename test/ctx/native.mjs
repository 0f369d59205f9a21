// '#ctx' under `--conditions=anyctx-native`: Node's own async_hooks, the oracle.
// AsyncContext has no native counterpart in Node, so it comes from anyctx's default
// entry, which builds it on the native AsyncLocalStorage.
export * from 'node:async_hooks';
export { AsyncContext } from 'anyctx';
export const engine = 'native';
