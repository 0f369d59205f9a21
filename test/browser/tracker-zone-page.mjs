// The same programs under zone.js (with its fetch plugin, which makes fetch and a Response's
// body readers macrotasks): those written for it (`zone: true`) that run in browsers. Bundled
// without anyctx (test/tracker-web.test.mjs).
import 'zone.js';
import 'zone.js/plugins/zone-patch-fetch';
import { programs } from '../fixtures/tracker/programs.mjs';
import { runTracked, zoneEngine } from '../fixtures/tracker/harness-core.mjs';

const results = {};
for (const [name, program] of Object.entries(programs)) {
  if (program.node || !program.zone) continue;
  results[name] = await runTracked(program, (record) => zoneEngine(globalThis.Zone, record));
}
await fetch('/results', { method: 'POST', body: JSON.stringify(results) });
