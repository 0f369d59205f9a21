// `anyctx/portable`: the portable engine, installed, on any runtime (Node included), with
// every task source it knows: Node's and the web platform's, each where the runtime has it,
// and the await helpers on the global for code that cannot import them.

import { installHost } from '../host/install';
import { nodeSources } from '../host/node-sources';
import { webSources } from '../host/web-sources';
import { publishAwaitHelpers } from '../host/await-helpers-global';
import { installAsyncGenerator } from '../host/async-generator';
import { awaitFrames } from '../core/await-helpers';

const sources = [...nodeSources, ...webSources, [installAsyncGenerator], [publishAwaitHelpers(awaitFrames)]] as const;

/** Installs the engine's instrumentation; done on import, idempotent. */
export function install(): void {
  installHost(sources);
}

install();

export * from './portable-api';
export { default } from './portable-api';
/** The helpers code rewritten by `anyctx-build/transform` calls (all, or those of async functions only); not for direct use. */
export { awaitFrames, awaitFramesBasic } from '../core/await-helpers';
