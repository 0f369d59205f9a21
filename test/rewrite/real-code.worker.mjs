// A worker of the real-code test (test/real-code.test.mjs): takes file paths one at a time,
// and answers for each whether it has a suspension point or an async function's return to rewrite and, if so, what each rewriter's
// check (test/rewrite/invariant.mjs) says of it.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkWith, prepareOriginal } from './invariant.mjs';
import { REWRITERS } from './rewriters.mjs';

const { helperExports } = workerData;

parentPort.on('message', (file) => {
  const started = performance.now();
  const original = prepareOriginal(readFileSync(file, 'utf8'), file);
  const answer = { file, parsed: original.errors.length === 0, suspends: original.suspends === true, resolves: original.resolves === true, results: {} };
  if (answer.suspends || answer.resolves) {
    for (const rewriter of Object.values(REWRITERS)) {
      const rewriterStarted = performance.now();
      answer.results[rewriter.name] = { ...checkWith(rewriter, original, { helperExports }), ms: performance.now() - rewriterStarted };
    }
  }
  answer.ms = performance.now() - started;
  parentPort.postMessage(answer);
});
