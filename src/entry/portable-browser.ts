// `asyncctx` and `asyncctx/portable` for bundlers targeting browsers (the `browser` export
// condition): the portable engine with the web platform's task sources only. Browsers have
// no process.nextTick, setImmediate, Node MessagePort or process events, so their
// instrumentation is left out of the bundle.

import { installHost, type HostSource } from '../host/install';
import { webSources } from '../host/web';
import { awaitFrames as helpers } from '../core/await-frames';
import { publishAwaitHelpers } from '../host/await-helpers-global';

const sources: HostSource[] = [...webSources];

/** Installs the engine's instrumentation; done on import, idempotent. */
export function install(): void {
  installHost(sources);
}

export * from './portable-api';

/**
 * The helpers code rewritten by `asyncctx/transform` calls; not for direct use. Pure: a
 * bundle that imports them (every transformed file does) also finds them on the global, for
 * any of its files transformed with helpers: 'global'; a bundle that does not has neither.
 */
export const awaitFrames: typeof helpers = /* @__PURE__ */ alsoOnTheGlobal(helpers);

function alsoOnTheGlobal<T>(value: T): T {
  sources.push(publishAwaitHelpers);
  return value;
}

// Last: the exports above are evaluated first, and may add to what is installed.
install();
