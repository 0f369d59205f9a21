// Runs forms of test/forms/ one after the other in this process (test/rewrite/forms.mjs
// starts it): node forms-runner.mjs FOLDER '["functions/declaration.mjs", …]'. Each form is
// imported, then its main (if it has one) runs inside `als.run('flow', main)` with the
// form's own storage; what the form saw is printed as JSON, by name, with the unhandled
// rejections of the whole run.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const FORM_TIMEOUT_MS = 5_000;
const [folder, list] = process.argv.slice(2);
const { default: lib } = await import(pathToFileURL(join(folder, '_lib', 'observe.cjs')).href);
// Scripts (no import or require) reach observe() and hand over their main through a global.
globalThis.__forms = { observe: lib.observe };

const results = {};
process.on('unhandledRejection', (error) => {
  (results.unhandledRejections ??= []).push(String(error?.message ?? error));
});
for (const name of JSON.parse(list)) {
  let timer;
  try {
    globalThis.__forms.main = undefined;
    const module = await import(pathToFileURL(join(folder, name)).href);
    const observed = lib.latest();
    const main = module.default ?? globalThis.__forms.main;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(reject, FORM_TIMEOUT_MS, new Error('timed out'));
    });
    if (typeof main === 'function') await Promise.race([observed.als.run('flow', main), timeout]);
    results[name] = observed.seen;
  } catch (error) {
    results[name] = { threw: String(error?.message ?? error) };
  } finally {
    clearTimeout(timer);
  }
}
process.stdout.write(JSON.stringify(results));
