// `asyncctx` and `asyncctx/portable` for bundlers targeting browsers (the `browser` export
// condition): the portable engine with the web platform's task sources only. Browsers have
// no process.nextTick, setImmediate, Node MessagePort or process events, so their
// instrumentation is left out of the bundle.

import { installHost } from '../host/install';
import { webSources } from '../host/web';

/** Installs the engine's instrumentation; done on import, idempotent. */
export function install(): void {
  installHost(webSources);
}

install();

export * from './portable-api';
