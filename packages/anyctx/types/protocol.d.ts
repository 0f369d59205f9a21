// `anyctx/protocol`: what code rewritten by anyctx-build and the runtime agree on (the
// helpers' names, the exports and the global holding them, generated names' prefix). Written
// by hand from src/protocol/await-helpers.ts; conformance.ts checks they are the same.

/** Every helper. */
export declare const HELPER_NAMES: readonly [
  'enter', 'suspend', 'resume', 'recover', 'resumeModule', 'leave', 'resolving', 'capture', 'created',
  'enterGenerator', 'yielding', 'yielded', 'iterate', 'resuming', 'disposing', 'disposer', 'syncDisposer',
];
/** The helpers of async functions, top-level await and sync generators: all a file without
 * async generators, `for await` or `await using` calls. */
export declare const BASIC_HELPER_NAMES: readonly ['enter', 'suspend', 'resume', 'recover', 'resumeModule', 'leave', 'resolving', 'capture', 'created'];
/** Not a function: the symbol a generator's rest parameter reads, in both helper objects. */
export declare const CREATION_KEY: 'creation';

export type HelperName = (typeof HELPER_NAMES)[number];
export type BasicHelperName = (typeof BASIC_HELPER_NAMES)[number];
/** A helper: its parameters are the runtime's business, generated code only calls it. */
type Helper = (...args: any[]) => unknown;
/** What the runtime exports as {@link HELPERS_EXPORT}. */
export type AwaitHelpers = { readonly [name in HelperName]: Helper } & { readonly [CREATION_KEY]: symbol };
/** What the runtime exports as {@link BASIC_HELPERS_EXPORT}. */
export type BasicAwaitHelpers = { readonly [name in BasicHelperName]: Helper } & { readonly [CREATION_KEY]: symbol };

/** The runtime's exports of all the helpers and of the basic ones. */
export declare const HELPERS_EXPORT: 'awaitFrames';
export declare const BASIC_HELPERS_EXPORT: 'awaitFramesBasic';
/** Where the portable engine puts all the helpers for scripts that cannot import them:
 * `globalThis[Symbol.for(GLOBAL_HELPERS_KEY)]`. */
export declare const GLOBAL_HELPERS_KEY: 'anyctx.awaitFrames';
/** How every binding the rewrite generates starts. */
export declare const GENERATED_NAME_PREFIX: '__ac';

// Only what is exported above is public (a declaration file exports every declaration otherwise).
export {};
