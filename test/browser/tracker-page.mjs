// The task tracker's programs (fixtures/tracker/programs.mjs) in a page: every program that
// runs in browsers, one after the other, under the tracker; the results are posted to
// /results. Bundled with anyctx's esbuild plugin, default options (test/tracker-web.test.mjs).
import { TaskTracker } from 'anyctx/tracker';
import { programs } from '../fixtures/tracker/programs.mjs';
import { runTracked, trackerEngine } from '../fixtures/tracker/harness-core.mjs';

const results = {};
for (const [name, program] of Object.entries(programs)) {
  if (program.node) continue;
  results[name] = await runTracked(program, (record) => trackerEngine(TaskTracker, record));
}
await fetch('/results', { method: 'POST', body: JSON.stringify(results) });
