// The benchmarked HTTP server, one engine per process: listens on 127.0.0.1 (a free port),
// serves bench/http-handler.mjs and answers bench/http.mjs over IPC.
// Usage (forked by bench/http.mjs): node bench/http-server.mjs <baseline|native|portable>
//   → { ready: { port, node } }                 once listening
//   ← 'stats' → { stats: { cpuNs, requests, misses } }   totals since it started
// It exits when the IPC channel closes, and by itself after TIME_LIMIT_MS.
import http from 'node:http';
import { nowNs } from './clock.mjs';
import { transformedCopy } from './generate.mjs';
import { plainContext } from './plain-context.mjs';

const TIME_LIMIT_MS = 600_000;

// The portable engine serves the copy rewritten by the await transform.
async function load(engine) {
  switch (engine) {
    case 'baseline':
      return { context: plainContext, handler: await import('./http-handler.mjs') };
    case 'native':
      return { context: new (await import('node:async_hooks')).AsyncLocalStorage(), handler: await import('./http-handler.mjs') };
    case 'portable': {
      const { AsyncLocalStorage } = await import('anyctx/portable');
      return { context: new AsyncLocalStorage(), handler: await import(transformedCopy('http-handler.mjs')) };
    }
    default:
      throw new Error(`unknown engine ${engine}; expected baseline, native or portable`);
  }
}

const { context, handler } = await load(process.argv[2]);
const { listener, counts } = handler.createListener(context);
const server = http.createServer({ keepAlive: true }, listener);

process.on('message', (message) => {
  if (message === 'stats') process.send({ stats: { cpuNs: nowNs(), requests: counts.requests, misses: counts.misses } });
});
process.on('disconnect', () => process.exit(0));
setTimeout(() => {
  console.error(`http-server: still running after ${TIME_LIMIT_MS / 1000} s, exiting`);
  process.exit(2);
}, TIME_LIMIT_MS).unref();

server.listen(0, '127.0.0.1', () => process.send({ ready: { port: server.address().port, node: process.version } }));
