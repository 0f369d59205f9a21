// The hand-written declarations (this folder) held to the implementation by `npm run
// typecheck`, so that they cannot drift: every export the implementation has is declared and
// every declared one is there (by name, both ways); the implementation's exports satisfy the
// declared types; each class declares every public member its implementation has. Nothing
// here runs: it only has to compile.

import * as portableImpl from '../src/entry/portable';
import * as browserImpl from '../src/entry/portable-browser';
import * as indexImpl from '../src/entry/index';
import * as protocolImpl from '../src/protocol/await-helpers';
import * as opentelemetryImpl from '../src/entry/opentelemetry';
import * as trackerImpl from '../src/entry/tracker';
import * as interactionImpl from '../src/entry/opentelemetry-user-interaction';
import * as portable from './portable.js';
import * as index from './index.js';
import * as protocol from './protocol.js';
import * as opentelemetry from './opentelemetry.js';
import * as tracker from './tracker.js';
import * as interaction from './opentelemetry-user-interaction.js';

/** `true`, or the names one side has and the other lacks (shown by the error). */
type SameNames<Declared, Implemented> = [Exclude<keyof Declared, keyof Implemented> | Exclude<keyof Implemented, keyof Declared>] extends [never]
  ? true
  : { undeclared: Exclude<keyof Implemented, keyof Declared>; notImplemented: Exclude<keyof Declared, keyof Implemented> };
/** Exactly the same type (not only mutually assignable). */
type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends (<G>() => G extends B ? 1 : 2) ? true : false;
/** A class's members and statics, by name: instance and constructor. */
type ClassNames<Declared extends abstract new (...args: any) => any, Implemented extends abstract new (...args: any) => any> =
  SameNames<InstanceType<Declared>, InstanceType<Implemented>> extends true ? SameNames<Declared, Implemented> : SameNames<InstanceType<Declared>, InstanceType<Implemented>>;

// The implementation satisfies the declarations.
export const satisfied = [
  portableImpl satisfies typeof portable,
  browserImpl satisfies typeof portable,
  protocolImpl satisfies typeof protocol,
  opentelemetryImpl satisfies typeof opentelemetry,
  trackerImpl satisfies typeof tracker,
  interactionImpl satisfies typeof interaction,
  // Node's own classes, as @types/node (Node 20's) has them: without `name`, `withScope` and
  // the constructor's options, which Node 24 added (the declarations say so).
  indexImpl satisfies Omit<typeof index, 'AsyncLocalStorage' | 'default'>,
  indexImpl.default satisfies Omit<typeof index.default, 'AsyncLocalStorage'>,
  new indexImpl.AsyncLocalStorage<string>() satisfies Omit<index.AsyncLocalStorage<string>, 'name' | 'withScope'>,
  indexImpl.AsyncLocalStorage satisfies Omit<typeof index.AsyncLocalStorage, 'prototype'>,
];

// Every export declared, nothing declared that is not exported.
export const sameExports: true[] = [
  true satisfies SameNames<typeof portable, typeof portableImpl>,
  true satisfies SameNames<typeof portable, typeof browserImpl>,
  true satisfies SameNames<typeof index, typeof indexImpl>,
  true satisfies SameNames<typeof protocol, typeof protocolImpl>,
  true satisfies SameNames<typeof opentelemetry, typeof opentelemetryImpl>,
  true satisfies SameNames<typeof tracker, typeof trackerImpl>,
  true satisfies SameNames<typeof interaction, typeof interactionImpl>,
  true satisfies SameNames<typeof portable.default, typeof portableImpl.default>,
  true satisfies SameNames<typeof index.default, typeof indexImpl.default>,
];

// Every public member of the portable engine's classes declared.
export const sameMembers: true[] = [
  true satisfies ClassNames<typeof portable.AsyncLocalStorage, typeof portableImpl.AsyncLocalStorage>,
  true satisfies ClassNames<typeof portable.AsyncResource, typeof portableImpl.AsyncResource>,
  true satisfies SameNames<portable.AsyncHook, portableImpl.AsyncHook>,
  true satisfies SameNames<typeof portable.AsyncHook, typeof portableImpl.AsyncHook>,
  true satisfies ClassNames<typeof portable.AsyncContext.Variable, typeof portableImpl.AsyncContext.Variable>,
  true satisfies ClassNames<typeof portable.AsyncContext.Snapshot, typeof portableImpl.AsyncContext.Snapshot>,
  true satisfies ClassNames<typeof opentelemetry.AnyctxContextManager, typeof opentelemetryImpl.AnyctxContextManager>,
  true satisfies ClassNames<typeof tracker.TaskTracker, typeof trackerImpl.TaskTracker>,
  true satisfies ClassNames<typeof interaction.UserInteractionInstrumentation, typeof interactionImpl.UserInteractionInstrumentation>,
];

// The protocol is an agreement between two packages: its declarations are its exact types.
export const sameProtocol: true[] = [
  true satisfies Equal<typeof protocol.HELPER_NAMES, typeof protocolImpl.HELPER_NAMES>,
  true satisfies Equal<typeof protocol.BASIC_HELPER_NAMES, typeof protocolImpl.BASIC_HELPER_NAMES>,
  true satisfies Equal<protocol.AwaitHelpers, protocolImpl.AwaitHelpers>,
  true satisfies Equal<protocol.BasicAwaitHelpers, protocolImpl.BasicAwaitHelpers>,
  true satisfies Equal<typeof protocol.HELPERS_EXPORT, typeof protocolImpl.HELPERS_EXPORT>,
  true satisfies Equal<typeof protocol.BASIC_HELPERS_EXPORT, typeof protocolImpl.BASIC_HELPERS_EXPORT>,
  true satisfies Equal<typeof protocol.GLOBAL_HELPERS_KEY, typeof protocolImpl.GLOBAL_HELPERS_KEY>,
  true satisfies Equal<typeof protocol.GENERATED_NAME_PREFIX, typeof protocolImpl.GENERATED_NAME_PREFIX>,
  true satisfies Equal<typeof protocol.CREATION_KEY, typeof protocolImpl.CREATION_KEY>,
];
