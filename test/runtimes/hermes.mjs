// Hermes, React Native's engine, through the npm package hermes-engine-cli: its last release
// (0.12.0, 2022) is the newest Hermes on npm that can run JavaScript on Linux (the newer
// `hermes-compiler` ships only `hermesc`, which compiles and refuses -exec). Hermes has no
// node:async_hooks, so only the portable engine runs. Each bundle is lowered by Babel for
// Hermes 0.12 (hermes-script.mjs); hermes-prelude.js builds process, console, Buffer, the
// timers, immediates, ticks and Node's loop on the CLI's print() and job queue, and frames
// the scenario's output on the CLI's stdout (decoded here).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { hermesScript } from './hermes-script.mjs';
import { runProcess } from './run-process.mjs';

const here = join(root, 'test', 'runtimes');
const require = createRequire(import.meta.url);
const packageDir = join(root, 'node_modules', 'hermes-engine-cli');
const binary = join(packageDir, 'linux64-bin', 'hermes');

/** Splits the CLI's stdout into the scenario's stdout, stderr and exit code. */
function decode(cliStdout) {
  const out = { 1: [], 2: [] };
  let exitCode;
  for (const line of cliStdout.split('\n')) {
    if (exitCode !== undefined) break; // after process.exit(), nothing counts
    const kind = line[0];
    if (kind === 'X') exitCode = Number(JSON.parse(line.slice(1)));
    else if (kind === 'O' || kind === 'E') out[kind === 'O' ? 1 : 2].push(Buffer.from(JSON.parse(line.slice(1)), 'latin1'));
    else if (line !== '') out[2].push(Buffer.from(`hermes printed: ${line}\n`));
  }
  return { exitCode, stdout: Buffer.concat(out[1]).toString('utf8'), stderr: Buffer.concat(out[2]).toString('utf8') };
}

export const hermes = {
  name: 'hermes',
  engines: ['portable'],
  bundleOptions: {
    name: 'hermes',
    commonJs: true,
    prelude: join(here, 'hermes-prelude.js'),
    shims: {
      'node:fs': join(here, 'quickjs-fs.js'),
      'node:util': join(here, 'quickjs-util.js'),
      'node:events': require.resolve('events/'),
    },
  },
  lacks: ['MessageChannel', 'EventTarget', 'Node MessagePort events', 'CommonJS __filename', 'Node process', 'events.EventEmitterAsyncResource', 'garbage collection on demand', 'uncaught exception capture'],
  note: 'hermes-engine-cli 0.12.0 (the newest Hermes on npm that runs JS on Linux), bundles lowered by Babel (classes, private fields, block scoping, async functions); the event loop and unhandled-rejection tracking are rebuilt in a prelude on the CLI, Promise.allSettled/any polyfilled; no MessageChannel or EventTarget; at most 128 nested native calls (apply/call/generators)',
  available: async () => existsSync(binary),
  version: async () => `hermes-engine-cli ${JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version}`,
  async run(bundle) {
    const script = `${bundle}.hermes.js`;
    try {
      writeFileSync(script, hermesScript(readFileSync(bundle, 'utf8'), { commonJs: bundle.endsWith('.cjs') }));
    } catch (error) {
      return { exitCode: 'babel', stdout: '', stderr: `hermes runner: Babel failed: ${error.message}\n` };
    }
    const cli = await runProcess(binary, ['-w', '-Xmicrotask-queue', script], { cwd: root });
    const scenario = decode(cli.stdout);
    return {
      // Without an exit frame the CLI itself stopped (an error the prelude could not catch).
      exitCode: scenario.exitCode ?? (cli.exitCode === 0 ? 'no exit from the prelude' : cli.exitCode),
      stdout: scenario.stdout,
      stderr: scenario.stderr + cli.stderr,
    };
  },
};
