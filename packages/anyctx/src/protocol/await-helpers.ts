// The helper protocol: all that rewritten code and the runtime agree on. The build half (the
// rewriters, the plugins, the loader) names the await helpers' methods, the exports that hold
// them, the global that holds them for scripts and the prefix of generated bindings from here;
// the runtime's helper objects satisfy its types (src/core/await-helpers.ts), so a helper
// renamed on one side fails to compile on the other. No imports: a build bundle that reads
// these names carries no engine code.

/** Every helper. (Plain literals, which a bundle that does not read them drops.) */
export const HELPER_NAMES = [
  'enter', 'suspend', 'resume', 'recover', 'resumeModule', 'leave', 'resolving', 'capture', 'created',
  'enterGenerator', 'yielding', 'yielded', 'iterate', 'resuming', 'disposing', 'disposer', 'syncDisposer',
] as const;
/** The helpers of async functions, top-level await and sync generators: all a file without
 * async generators, `for await` or `await using` calls. */
export const BASIC_HELPER_NAMES = ['enter', 'suspend', 'resume', 'recover', 'resumeModule', 'leave', 'resolving', 'capture', 'created'] as const satisfies readonly HelperName[];
/** Not a function: the symbol a generator's rest parameter reads (`...{ [H.creation]: C = H.capture() }`), in both helper objects. */
export const CREATION_KEY = 'creation';

export type HelperName = (typeof HELPER_NAMES)[number];
export type BasicHelperName = (typeof BASIC_HELPER_NAMES)[number];
// The helpers' parameters are the runtime's business: generated code only calls them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Helper = (...args: any[]) => unknown;
/** What the runtime exports as HELPERS_EXPORT. */
export type AwaitHelpers = { readonly [name in HelperName]: Helper } & { readonly [CREATION_KEY]: symbol };
/** What the runtime exports as BASIC_HELPERS_EXPORT. */
export type BasicAwaitHelpers = { readonly [name in BasicHelperName]: Helper } & { readonly [CREATION_KEY]: symbol };

/** The runtime's exports of all the helpers and of the basic ones. */
export const HELPERS_EXPORT = 'awaitFrames';
export const BASIC_HELPERS_EXPORT = 'awaitFramesBasic';
/** Where the portable engine puts all the helpers for scripts that cannot import them
 * (rewritten with helpers: 'global'): globalThis[Symbol.for(GLOBAL_HELPERS_KEY)]. */
export const GLOBAL_HELPERS_KEY = 'anyctx.awaitFrames';
/** How every binding the rewrite generates starts (anyctx-build's src/model/names.ts picks them). */
export const GENERATED_NAME_PREFIX = '__ac';
