// The task sources of Node and of runtimes that imitate it (Bun, Deno, workerd with
// nodejs_compat, React Native's setImmediate), as a list of the registry's kind
// (sources.ts): left out of the browser build, which has none of them. setImmediate and
// nextTick give their tasks ids in every mode: Node's own sources, kept as Node has them.
import type { Source } from './sources';
import { installProcessErrorFrames, installProcessErrorFramesWithIds } from './process-events';
import { installImmediate } from './immediate';
import { installNextTick } from './next-tick';
import { installNodeMessagePort } from './node-message-port';
import { installNodeHookErrors } from './node-hook-errors';
import { findTimeoutPrototype, installTimerRefreshWithHooks, installTimersModule, installTimersModuleWithHooks } from './node-timers';
import { installServerScopes } from './node-servers';
import { installTimersPromisesWithHooks } from './node-timers-promises';
import { installEventEmitterAsyncResource } from './node-event-emitter-resource';

export const nodeSources: readonly Source[] = [
  [installProcessErrorFrames, installProcessErrorFramesWithIds],
  [installImmediate],
  [installNextTick],
  [installNodeMessagePort],
  [installNodeHookErrors],
  // Timeouts that run again after refresh(), while a hook is enabled. Before node:timers gets
  // its layers: it makes a timeout of Node's own to find their prototype.
  [findTimeoutPrototype, , installTimerRefreshWithHooks],
  // After the global's timers: node:timers gets the same layers, with ids where they have them.
  [installTimersModule, installTimersModuleWithHooks],
  // With a hook enabled only, after node:timers (whose layers it calls).
  [, , installTimersPromisesWithHooks],
  [installServerScopes],
  // With async_hooks only: it is built on the engine's AsyncResource.
  [, installEventEmitterAsyncResource],
];
