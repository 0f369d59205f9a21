// The objects rewritten code calls: they satisfy the helper protocol's types
// (protocol/await-helpers.ts), so a helper renamed on either side fails to compile. The
// entries export them under the protocol's names (HELPERS_EXPORT, BASIC_HELPERS_EXPORT).
//
// Each is one frozen object of plain data properties: each call site then finds its helper
// as a constant and V8 inlines it. A module namespace object, or the getters a bundler turns
// one into, would put a getter call before every helper call.

import type { AwaitHelpers, BasicAwaitHelpers } from '../protocol/await-helpers';
import { enter, leave, resolving, resume, resumeModule, suspend } from './async-function';
import { enterGenerator, recover, yielded, yielding } from './async-generator-body';
import { iterate, resuming } from './loop-iterators';
import { disposer, disposing, syncDisposer } from './await-disposers';
import { capture, created, creation } from './generator-creation';

export const awaitFrames = /* @__PURE__ */ Object.freeze({
  enter, enterGenerator, suspend, resume, recover, yielding, yielded, resumeModule, leave, resolving, iterate, resuming, disposing, disposer, syncDisposer,
  creation, capture, created,
} satisfies AwaitHelpers);

/**
 * The same helpers, those of async functions and top-level await only: what a file without
 * async generators, `for await` or `await using` imports (the transform chooses), so that
 * a bundle none of whose files has them leaves the rest, and the host's async generator
 * instrumentation, out.
 */
export const awaitFramesBasic = /* @__PURE__ */ Object.freeze({
  enter, suspend, resume,
  // Without generators no call is ever Yielded, and the rewrite discards recover()'s value.
  recover: resume,
  resumeModule, leave, resolving, creation, capture, created,
} satisfies BasicAwaitHelpers);
