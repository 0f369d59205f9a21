// Transformed code that cannot import (helpers: 'global', as asyncctx/register's CommonJS
// files and plain scripts are) finds the await helpers on the global. Only the generic entry
// puts them there: the browser build is reached through bundlers, whose plugins always
// import the helpers, so a browser bundle has them only if it imports them.

import { awaitFrames } from '../core/await-frames';
import { AWAIT_HELPERS_KEY } from '../core/global-keys';
import { define } from './patch';

export function publishAwaitHelpers(global: typeof globalThis): void {
  define(global, Symbol.for(AWAIT_HELPERS_KEY), { value: awaitFrames, writable: true, enumerable: true, configurable: true });
}
