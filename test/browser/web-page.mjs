// The web task source page (scenarios.mjs, a Web Worker, a button to click), bundled with
// esbuild and anyctx's esbuild plugin for the browser, and a server on 127.0.0.1 that
// serves it and collects what the page posts. Used by browser.test.mjs and by the runtime
// matrix. Expected stores come from docs/semantics.md §2: these sources do not exist in Node.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { built } from '../support/packages.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export const expected = {
  'requestAnimationFrame: frame of the request': 'raf',
  'requestIdleCallback: frame of the request': 'idle',
  'scheduler.postTask: frame of the call': 'post-task',
  'XMLHttpRequest: events in the frame of send(), whoever added the listeners': 'upload:send onload:send onload property:true loadend:send',
  'XMLHttpRequest: a dispatched event runs in the dispatcher\'s frame': 'dispatch',
  'FileReader: events in the frame of readAsText()': 'true:read',
  'IndexedDB: request and transaction events in the frame that made them': 'upgradeneeded:open open success:open put success:put complete:transaction',
  'MutationObserver: frame of construction': 'true:construct',
  'ResizeObserver: frame of construction': 'construct',
  'IntersectionObserver: frame of construction': 'construct',
  'PerformanceObserver: frame of construction': 'construct',
  'unhandledrejection: frame of the rejection': 'listener:reject property:reject',
  'FinalizationRegistry: the Variables of construction, no storage\'s value': 'construct:<empty>',
  'EventTarget: dispatcher\'s frame; once, signal, handleEvent and removal unchanged':
    'listener:dispatch-1 once:dispatch-1 handleEvent:dispatch-1 listener:dispatch-2 handleEvent:dispatch-2',
  'await in a transformed async function': 'await',
  'Web Worker: the engine inside a worker': 'timeout:timeout await:await read:read unhandledrejection:reject',
  'carryContext: opt-in stores on Worker, MessageChannel and BroadcastChannel messages':
    'broadcast m0:b1 channel m1:c1 plain m:<empty> undone object worker ping:w1 reply:w1+worker',
};

/**
 * The page's files by URL path: /page.html, /page.js, /worker.js, /carry-worker.js; and
 * /opentelemetry.html, /opentelemetry.js (opentelemetry-page.mjs).
 */
export async function buildWebPage() {
  const [{ build }, { default: plugin }] = await Promise.all([import('esbuild'), import('anyctx-build/esbuild')]);
  const result = await build({
    entryPoints: { page: here('page.mjs'), worker: here('worker.mjs'), 'carry-worker': here('carry-worker.mjs'), opentelemetry: here('opentelemetry-page.mjs') },
    outdir: '/', bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent',
    plugins: [plugin({ runtime: built('anyctx', 'portable.browser.js') })],
  });
  const files = new Map(result.outputFiles.map((file) => [file.path, file.contents]));
  files.set('/page.html', Buffer.from('<!doctype html><meta charset=utf-8><title>anyctx</title><button id=target>click</button><script type=module src=/page.js></script>'));
  files.set('/opentelemetry.html', Buffer.from('<!doctype html><meta charset=utf-8><title>OpenTelemetry</title><script type=module src=/opentelemetry.js></script>'));
  return files;
}

/** Serves `files`; `nextPost()` resolves with the next results the page posts. */
export async function serveWebPage(files) {
  const waiters = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.url === '/results' && request.method === 'POST') {
        const results = JSON.parse(body.toString());
        waiters.splice(0).forEach((wake) => wake(results));
        return response.end();
      }
      if (request.url === '/echo') return response.end(body);
      const file = files.get(request.url);
      if (file === undefined) return response.writeHead(404).end();
      const type = request.url.endsWith('.html') ? 'text/html' : 'text/javascript';
      response.writeHead(200, { 'content-type': type }).end(file);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/page.html`,
    openTelemetryUrl: `http://127.0.0.1:${server.address().port}/opentelemetry.html`,
    nextPost: () => new Promise((resolve) => waiters.push(resolve)),
    close: () => server.close(),
  };
}

/** Names of the scenarios whose result is wrong (a 'missing' API is only allowed in `mayLack`). */
export function wrongResults(results, mayLack = new Set()) {
  const wrong = [];
  for (const [name, store] of Object.entries(expected)) {
    const got = results[name];
    if (got === store || (got === 'missing' && mayLack.has(name))) continue;
    wrong.push(`${name}: expected ${JSON.stringify(store)}, got ${JSON.stringify(got)}`);
  }
  return wrong;
}
