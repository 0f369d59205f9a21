// The task sources of Node and of runtimes that imitate it (Bun, Deno, workerd with
// nodejs_compat, React Native's setImmediate): left out of the browser build, which has
// none of them.
import type { HostSource } from './install';
import { installProcessErrorFrames } from './process-events';
import { installImmediate } from './immediate';
import { installNextTick } from './next-tick';
import { installNodeMessagePort } from './node-message-port';
import { installNodeHookErrors } from './node-hook-errors';

export const nodeSources: readonly HostSource[] = [
  installProcessErrorFrames, installImmediate, installNextTick, installNodeMessagePort, installNodeHookErrors,
];
