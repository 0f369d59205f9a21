// workerd (Cloudflare's Workers runtime) from the npm package `workerd` (binary in its
// optional dependency @cloudflare/workerd-linux-64). Run with the nodejs_compat flag, so it
// has node:async_hooks (its own AsyncLocalStorage) and both engines run. The scenario runs
// inside a `test` handler (workerd-host.js), since a worker may set no timer at its top level.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './bundle.mjs';
import { runProcess, versionOf } from './run-process.mjs';

const binary = join(root, 'node_modules', '.bin', 'workerd');
const host = join(root, 'test', 'runtimes', 'workerd-host.js');
export const COMPATIBILITY_DATE = '2026-11-01';

const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = ( services = [ (name = "scenario", worker = .worker) ] );
const worker :Workerd.Worker = (
  modules = [
    (name = "host.js", esModule = embed "host.js"),
    (name = "scenario.js", esModule = embed "scenario.js"),
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  compatibilityFlags = ["nodejs_compat"],
);
`;

// The bundle's imports (esbuild prints them at column 0, wherever first needed) move to the
// top; the rest of its body becomes `runScenario`. A CommonJS entry's `export default` is
// only evaluated. A CommonJS scenario may read `__filename`, which its module wrapper would
// give it: here, the module's name as workerd's stack traces print it.
function wrapAsFunction(code) {
  const imports = [];
  const body = [];
  for (const line of code.split('\n')) {
    if (/^import\s.*from\s*"[^"]+";$/.test(line) || /^import\s*"[^"]+";$/.test(line)) imports.push(line);
    else if (/^export\s*\{[^}]*\};$/.test(line)) continue;
    else body.push(line.replace(/^export default /, ''));
  }
  return `${imports.join('\n')}\nconst __filename = 'scenario.js';\nexport default async function runScenario() {\n${body.join('\n')}\n}\n`;
}

export const workerd = {
  name: 'workerd',
  engines: ['portable', 'native'],
  bundleOptions: { name: 'workerd', builtinsFromGlobal: true },
  // Needs of test/runtimes/scenario-needs.mjs: MessagePort has no EventEmitter methods, eval
  // and new Function are refused, and a worker never ends, so there is no 'beforeExit'.
  lacks: ['Node MessagePort events', 'code from strings', 'process beforeExit', 'garbage collection on demand', 'uncaught exception capture'],
  note: `compatibility date ${COMPATIBILITY_DATE}, nodejs_compat; the run ends when no timer is pending and 'exit' is emitted by the harness`,
  available: async () => existsSync(binary),
  version: async () => (await versionOf(binary, ['--version']))?.replace(/^workerd\s*/, 'workerd '),
  async run(bundle) {
    const dir = mkdtempSync(join(tmpdir(), 'anyctx-workerd-'));
    try {
      copyFileSync(host, join(dir, 'host.js'));
      writeFileSync(join(dir, 'scenario.js'), wrapAsFunction(readFileSync(bundle, 'utf8')));
      writeFileSync(join(dir, 'config.capnp'), config);
      const result = await runProcess(binary, ['test', 'config.capnp'], { cwd: dir });
      const all = result.stdout + result.stderr;
      const found = /@@stdout-begin@@(.*)@@stdout-end@@/s.exec(all);
      if (!found) return { exitCode: result.exitCode === 0 ? 'no result' : result.exitCode, stdout: '', stderr: all };
      // workerd prints log lines with its own escaping: the JSON survives as one line.
      const report = JSON.parse(found[1]);
      // An error workerd reports as uncaught fails its test: as in Node, the run fails (1).
      const exitCode = report.exitCode !== 0 ? report.exitCode : result.exitCode === 0 ? 0 : 1;
      return { exitCode, stdout: report.stdout, stderr: [...report.errors, all.replace(found[0], '')].join('\n') };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
