// '#ctx' under `--conditions=asyncctx-native`: Node's own async_hooks, the oracle.
// AsyncContext has no native counterpart in Node, so it comes from asyncctx's default
// entry, which builds it on the native AsyncLocalStorage.
export * from 'node:async_hooks';
export { AsyncContext } from 'asyncctx';
export const engine = 'native';
