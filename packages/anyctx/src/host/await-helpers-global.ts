// Transformed code that cannot import (helpers: 'global', as anyctx-build/register's CommonJS
// files and plain scripts are) finds the await helpers on the global. The generic entry
// always puts them there; the browser build, which is reached through bundlers, only when
// the bundle imports them (its plugins always do), so that one that does not has neither.

import { GLOBAL_HELPERS_KEY } from '../protocol/await-helpers';
import { define } from './patch';

/** The source that puts `helpers` on the global. */
export function publishAwaitHelpers(helpers: object): (global: typeof globalThis) => void {
  return (global) => define(global, Symbol.for(GLOBAL_HELPERS_KEY), { value: helpers, writable: true, enumerable: true, configurable: true });
}
