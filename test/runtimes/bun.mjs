// Bun (JavaScriptCore) from the npm package `bun`: npm installs its platform package
// (@oven/bun-linux-x64) as an optional dependency, whose binary works without the
// wrapper's postinstall. Bun has node:async_hooks, so both engines run.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { runProcess, versionOf } from './run-process.mjs';

const binary = join(root, 'node_modules', '.bin', 'bun');

export const bun = {
  name: 'bun',
  engines: ['portable', 'native'],
  bundleOptions: { commonJs: true },
  // Needs of test/runtimes/scenario-needs.mjs: Bun's MessagePort has no EventEmitter methods.
  lacks: ['Node MessagePort events', 'garbage collection on demand'],
  available: async () => existsSync(binary),
  version: async () => (await versionOf(binary, ['--version'])) && `Bun ${await versionOf(binary, ['--version'])}`,
  run: (bundle) => runProcess(binary, ['run', bundle], { cwd: root, env: { BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0' } }),
};
