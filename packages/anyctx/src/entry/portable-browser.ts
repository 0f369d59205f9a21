// `anyctx` and `anyctx/portable` for bundlers targeting browsers (the `browser` export
// condition): the portable engine with the web platform's task sources only. Browsers have
// no process.nextTick, setImmediate, Node MessagePort or process events, so their
// instrumentation is left out of the bundle.

import { installHost } from '../host/install';
import type { Source } from '../host/sources';
import { webSources } from '../host/web-sources';
import { awaitFrames as helpers, awaitFramesBasic as basicHelpers } from '../core/await-helpers';
import { publishAwaitHelpers } from '../host/await-helpers-global';
import { installAsyncGenerator } from '../host/async-generator';

const sources: Source[] = [...webSources];

/** Installs the engine's instrumentation; done on import, idempotent. */
export function install(): void {
  installHost(sources);
}

export * from './portable-api';
export { default } from './portable-api';

/**
 * The helpers code rewritten by `anyctx-build/transform` calls; not for direct use. Pure: a
 * bundle that imports them also finds them on the global, for any of its files transformed
 * with helpers: 'global'; a bundle that does not has neither. The basic ones are what a
 * file without async generators, `for await` or `await using` imports: a bundle with only
 * those has no async generator instrumentation, and nothing on the global (which, read by
 * files the transform could not look into, must hold all the helpers).
 */
export const awaitFrames: typeof helpers = /* @__PURE__ */ withHelperSources(helpers);
export { basicHelpers as awaitFramesBasic };

function withHelperSources<T extends object>(value: T): T {
  sources.push([installAsyncGenerator], [publishAwaitHelpers(value)]);
  return value;
}

// Last: the exports above are evaluated first, and may add to what is installed.
install();
