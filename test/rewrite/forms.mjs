// The corpus of forms (test/forms/, see its README.md): listing them, writing them into a
// work folder as they are and as each rewriter rewrites them, and running a folder's forms
// under an engine, all in one process, each form's observations keyed by its name.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../support/packages.mjs';
import { runProgram } from '../support/run-program.mjs';
import { makeProjectDir } from '../support/project-dir.mjs';

export const FORMS_DIR = join(repoRoot, 'test', 'forms');
const RUNNER = fileURLToPath(new URL('./forms-runner.mjs', import.meta.url));
/** Folders of the corpus that hold no form to run: the shared code, and the forms only rewritten. */
const NOT_RUN = new Set(['_lib', 'syntax-only']);
const FORM_FILE = /\.(?:mjs|cjs|js|mts|ts|tsx|jsx)$/;

/**
 * A form: `name`, its path under test/forms/ ('functions/declaration.mjs'); `source`, its
 * text; `node24Only`, why it cannot run on Node 20, from its `// node24-only: …` line.
 */
function readForm(path) {
  const source = readFileSync(join(FORMS_DIR, path), 'utf8');
  const node24Only = /^\/\/ node24-only: (.*)$/m.exec(source)?.[1] ?? false;
  return { name: path.split(sep).join('/'), source, node24Only };
}

function listFiles(folder) {
  return readdirSync(join(FORMS_DIR, folder), { recursive: true })
    .map((file) => join(folder, file))
    .filter((path) => FORM_FILE.test(path))
    .sort();
}

/** The forms that run: every file outside _lib/ and syntax-only/, in name order. */
export function runnableForms() {
  const folders = readdirSync(FORMS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !NOT_RUN.has(entry.name));
  return folders.flatMap((folder) => listFiles(folder.name)).map(readForm);
}

/** The forms that are only rewritten and read, never run (test/forms/syntax-only/). */
export const syntaxOnlyForms = () => listFiles('syntax-only').map(readForm);

/** Whether an engine can run a form (Node 20 cannot run some syntax). */
export const runsOn = (engine, form) => !form.node24Only || !engine.node.includes('node20');

/**
 * A folder outside the repository for the forms' copies: its package.json maps '#ctx' to
 * the repository's test/ctx targets, and its node_modules/anyctx is this repository's, so
 * the rewritten forms import their helpers from 'anyctx/portable' as a user's code would.
 */
export function createWorkDir() {
  return makeProjectDir('anyctx-forms-');
}

/**
 * Writes forms into `folder` of the work folder with the shared code beside them, each
 * through `rewrite(form, path)` (the code to write, or null for the form as it is).
 * Returns, by name, what was written: `{ code }`, or `{ error }` where the rewrite threw.
 */
export function writeForms(workDir, folder, forms, rewrite = () => null) {
  const root = join(workDir, folder);
  cpSync(join(FORMS_DIR, '_lib'), join(root, '_lib'), { recursive: true });
  const written = new Map();
  for (const form of forms) {
    const path = join(root, form.name);
    mkdirSync(dirname(path), { recursive: true });
    try {
      const code = rewrite(form, path) ?? form.source;
      writeFileSync(path, code);
      written.set(form.name, { code });
    } catch (error) {
      written.set(form.name, { error });
    }
  }
  return written;
}

/** Runs the named forms of a folder under an engine, in one process: what each saw, by name. */
export async function runForms(engine, workDir, folder, names) {
  const run = await runProgram(engine, [RUNNER, join(workDir, folder), JSON.stringify(names)], { cwd: workDir, check: true });
  return run.json();
}
