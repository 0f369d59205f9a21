// QuickJS through the npm package quickjs-emscripten (QuickJS compiled to WebAssembly, run
// inside Node; it installs from the npm registry with no native binary). QuickJS has no
// node:async_hooks, so only the portable engine runs. quickjs-host.mjs lends it Node's
// event loop (timers, immediates) and runs ticks and promise jobs after each callback;
// quickjs-prelude.js builds process, console, Buffer, the timer globals and queueMicrotask
// on it. node:fs / node:util / node:events are stand-ins bundled in (the last is the npm
// package `events`).
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { runProcess } from './run-process.mjs';

const here = join(root, 'test', 'runtimes');
const require = createRequire(import.meta.url);
const packageDir = join(root, 'node_modules', 'quickjs-emscripten');

export const quickjs = {
  name: 'quickjs',
  engines: ['portable'],
  bundleOptions: {
    name: 'quickjs',
    prelude: join(here, 'quickjs-prelude.js'),
    shims: {
      'node:fs': join(here, 'quickjs-fs.js'),
      'node:util': join(here, 'quickjs-util.js'),
      'node:events': require.resolve('events/'),
    },
  },
  // Needs of test/runtimes/scenario-needs.mjs (quickjs-emscripten exposes no rejection tracker).
  lacks: ['MessageChannel', 'EventTarget', 'unhandled-rejection tracking', 'Node process', 'events.EventEmitterAsyncResource', 'garbage collection on demand', 'uncaught exception capture'],
  note: 'quickjs-emscripten 0.32 run from Node: timers, immediates and process events come from the Node host; no MessageChannel, EventTarget or unhandled-rejection events (quickjs-emscripten exposes no rejection tracker)',
  available: async () => existsSync(packageDir),
  version: async () => `quickjs-emscripten ${JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version}`,
  // QuickJS's interpreter recurses in WebAssembly for each nested JS call, on Node's own
  // stack: V8's default limit (~1 MB) ends a chain of ~900 nested async calls (with or
  // without the engine). 4 MB stays well inside Linux's 8 MB main-thread stack.
  run: (bundle) => runProcess(process.execPath, ['--stack-size=4000', join(here, 'quickjs-host.mjs'), bundle], { cwd: root }),
};
