// `npm start`: runs each demo program twice — on Node 24's own async_hooks (native) and on
// anyctx's portable engine — and shows the two outputs side by side.
// Each program imports its context API from '#ctx' only; the `anyctx-native` condition
// decides which engine it gets (see "imports" in package.json).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sideBySide } from './side-by-side.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const nativeNode = `${root}node_modules/node24/bin/node`;

// Lines whose order depends on the network or on threads are grouped by their prefix
// ("0:", "A:"), keeping their order within each group.
const groupByPrefix = (lines) =>
  lines
    .map((line, index) => ({ line, index, key: line.split(':')[0] }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map(({ line }) => line);

const programs = [
  {
    file: '1-http-request-ids.mjs',
    title: 'HTTP request-id logger (AsyncLocalStorage)',
    explain: 'Each request logs with its own id across setImmediate and a promise; lines grouped by id.',
    normalize: groupByPrefix,
  },
  {
    file: '2-worker-pool.mjs',
    title: 'Worker pool with AsyncResource (worker_threads)',
    explain: 'Each task callback runs in its own WorkerPoolTaskInfo, with the store of its caller; grouped by task.',
    normalize: groupByPrefix,
  },
  {
    file: '3-emitter-bind.mjs',
    title: 'EventEmitter listeners and AsyncResource.bind',
    explain: 'A bound listener sees the store where it was bound; an unbound one sees the emitter\'s.',
  },
  {
    file: '4-bind-and-snapshot.mjs',
    title: 'AsyncLocalStorage.bind and AsyncLocalStorage.snapshot',
    explain: 'A bound function or a snapshot runs code in the context it captured, wherever it is called.',
  },
  {
    file: '5-hook-trace.mjs',
    title: 'createHook trace as an indented tree',
    explain: 'init/before/after/destroy of timers, ticks, promises and microtasks; ids numbered by first appearance.',
  },
];

// Runs one program; resolves to the lines it printed (stdout, then stderr, then a failure note).
function run(node, args) {
  return new Promise((resolve) => {
    execFile(node, args, { cwd: root, timeout: 30_000 }, (error, stdout, stderr) => {
      const lines = [...stdout.split('\n'), ...stderr.split('\n')].filter((line) => line !== '');
      if (error) lines.push(`(failed: ${error.signal ?? `exit code ${error.code}`})`);
      resolve({ ok: !error, lines });
    });
  });
}

// A failing child prints a long stack; its error message is what a reader needs.
const shorten = (lines) => {
  const message = lines.find((line) => /^\w*Error\b/.test(line));
  return message ? [message, lines.at(-1)] : lines.slice(-5);
};

if (!existsSync(`${root}packages/anyctx/dist`)) {
  // Both columns load anyctx ('#ctx' gives the native engine AsyncContext from it).
  console.log('packages/anyctx/dist/ is missing: run `npm run build` first (`npm start` does).');
  process.exit(1);
}

const nativeVersion = existsSync(nativeNode) ? execFileSync(nativeNode, ['--version']).toString().trim() : 'missing';
const nativeTitle = `native: Node ${nativeVersion} --conditions=anyctx-native`;
const portableTitle = `portable: anyctx on Node ${process.version}`;
const width = Math.min(process.stdout.columns || 160, 160);

let same = 0;
for (const { file, title, explain, normalize = (lines) => lines } of programs) {
  const path = `demo/${file}`;
  const [native, portable] = await Promise.all([
    run(nativeNode, ['--conditions=anyctx-native', path]),
    run(process.execPath, [path]),
  ]);
  const left = native.ok ? normalize(native.lines) : shorten(native.lines);
  const right = portable.ok ? normalize(portable.lines) : shorten(portable.lines);
  const equal = native.ok && portable.ok && left.join('\n') === right.join('\n');
  if (equal) same++;

  console.log(`${equal ? '✓' : '✗'} ${title}  (${path})`);
  console.log(`  ${explain}\n`);
  for (const row of sideBySide(left, right, { width, leftTitle: nativeTitle, rightTitle: portableTitle })) {
    console.log(row);
  }
  console.log();
}

console.log(`${same} of ${programs.length} programs print the same on the native and the portable engine.`);
