// Browser-only scenarios: one per web task source, each recording the store its callback
// sees. The store names say where the callback should run (docs/semantics.md §2); the test holds
// the expected table. A source the browser lacks records 'missing'.
import { AsyncContext, AsyncLocalStorage, carryContext } from 'anyctx/portable';

export const als = new AsyncLocalStorage();
const seen = () => als.getStore() ?? '<empty>';
const missing = 'missing';

/** Resolves with what `body(record)` records, or 'timeout' if nothing comes in time. */
function scenario(body, ms = 3000) {
  return new Promise((resolve) => {
    setTimeout(() => resolve('timeout'), ms);
    body(resolve);
  });
}

export const scenarios = {
  'requestAnimationFrame: frame of the request': () => scenario((record) => {
    let cancelledRan = false;
    als.run('raf', () => {
      const id = requestAnimationFrame(() => { cancelledRan = true; });
      cancelAnimationFrame(id);
      requestAnimationFrame(() => record(cancelledRan ? 'cancel failed' : seen()));
    });
  }),
  'requestIdleCallback: frame of the request': () => scenario((record) => {
    if (typeof requestIdleCallback !== 'function') return record(missing);
    als.run('idle', () => requestIdleCallback(() => record(seen()), { timeout: 200 }));
  }),
  'scheduler.postTask: frame of the call': () => scenario((record) => {
    if (typeof scheduler === 'undefined' || typeof scheduler.postTask !== 'function') return record(missing);
    als.run('post-task', () => scheduler.postTask(() => seen(), { priority: 'background' })).then(record);
  }),
  'XMLHttpRequest: events in the frame of send(), whoever added the listeners': () => scenario((record) => {
    const xhr = new XMLHttpRequest();
    const log = [];
    const removed = () => log.push('removed listener ran');
    const onload = () => log.push(`onload:${seen()}`);
    als.run('listen', () => {
      xhr.addEventListener('load', removed);
      xhr.removeEventListener('load', removed);
      xhr.onload = onload;
      xhr.upload.addEventListener('loadstart', () => log.push(`upload:${seen()}`));
      xhr.addEventListener('loadend', () => record([...log, `onload property:${xhr.onload === onload}`, `loadend:${seen()}`].join(' ')));
    });
    als.run('open', () => xhr.open('POST', '/echo'));
    als.run('send', () => xhr.send('body'));
  }),
  'XMLHttpRequest: a dispatched event runs in the dispatcher\'s frame': () => scenario((record) => {
    const xhr = new XMLHttpRequest();
    xhr.addEventListener('load', () => record(seen()));
    als.run('send', () => { xhr.open('GET', '/echo'); xhr.send(); xhr.abort(); });
    als.run('dispatch', () => xhr.dispatchEvent(new Event('load')));
  }),
  'FileReader: events in the frame of readAsText()': () => scenario((record) => {
    const reader = new FileReader();
    const handler = { handleEvent() { record(`${this === handler}:${seen()}`); } };
    als.run('listen', () => reader.addEventListener('load', handler, { once: true }));
    als.run('read', () => reader.readAsText(new Blob(['text'])));
  }),
  'IndexedDB: request and transaction events in the frame that made them': () => scenario((record) => {
    if (typeof indexedDB === 'undefined') return record(missing);
    const log = [];
    const name = `anyctx-${Math.random()}`;
    const open = als.run('open', () => indexedDB.open(name, 1));
    open.onupgradeneeded = () => { log.push(`upgradeneeded:${seen()}`); open.result.createObjectStore('s'); };
    open.addEventListener('success', () => {
      log.push(`open success:${seen()}`);
      const db = open.result;
      const tx = als.run('transaction', () => db.transaction('s', 'readwrite'));
      tx.oncomplete = () => { log.push(`complete:${seen()}`); db.close(); indexedDB.deleteDatabase(name); record(log.join(' ')); };
      const put = als.run('put', () => tx.objectStore('s').put(1, 'k'));
      put.onsuccess = () => log.push(`put success:${seen()}`);
    });
  }),
  'MutationObserver: frame of construction': () => scenario((record) => {
    const node = document.createElement('div');
    const observer = als.run('construct', () => new MutationObserver(() => { observer.disconnect(); record(`${observer instanceof MutationObserver}:${seen()}`); }));
    observer.observe(node, { attributes: true });
    als.run('mutate', () => node.setAttribute('a', '1'));
  }),
  'ResizeObserver: frame of construction': () => scenario((record) => {
    if (typeof ResizeObserver !== 'function') return record(missing);
    const node = document.body.appendChild(document.createElement('div'));
    const observer = als.run('construct', () => new ResizeObserver(() => { observer.disconnect(); node.remove(); record(seen()); }));
    als.run('observe', () => observer.observe(node));
  }),
  'IntersectionObserver: frame of construction': () => scenario((record) => {
    if (typeof IntersectionObserver !== 'function') return record(missing);
    const node = document.body.appendChild(document.createElement('div'));
    const observer = als.run('construct', () => new IntersectionObserver(() => { observer.disconnect(); node.remove(); record(seen()); }));
    als.run('observe', () => observer.observe(node));
  }),
  'PerformanceObserver: frame of construction': () => scenario((record) => {
    const observer = als.run('construct', () => new PerformanceObserver(() => { observer.disconnect(); record(seen()); }));
    observer.observe({ entryTypes: ['mark'] });
    als.run('mark', () => performance.mark(`anyctx-${Math.random()}`));
  }),
  'unhandledrejection: frame of the rejection': () => scenario((record) => {
    const log = [];
    const listener = (event) => {
      event.preventDefault();
      log.push(`listener:${seen()}`);
      // After the handler attribute too: the platform runs microtasks between listeners.
      setTimeout(() => record(log.join(' ')), 0);
    };
    als.run('listen', () => {
      addEventListener('unhandledrejection', listener, { once: true });
      onunhandledrejection = () => log.push(`property:${seen()}`);
    });
    als.run('reject', () => Promise.reject(new Error('unhandled')));
  }),
  'FinalizationRegistry: the Variables of construction, no storage\'s value': () => scenario((record) => {
    if (typeof globalThis.gc !== 'function') return record(missing);
    const variable = new AsyncContext.Variable();
    const registry = variable.run('construct', () => als.run('construct', () => new FinalizationRegistry(() => record(`${variable.get()}:${seen()}`))));
    als.run('register', () => registry.register({}, 'held'));
    globalThis.keepRegistry = registry;
    setTimeout(() => globalThis.gc(), 0);
  }),
  'EventTarget: dispatcher\'s frame; once, signal, handleEvent and removal unchanged': () => scenario((record) => {
    const target = new EventTarget();
    const log = [];
    const controller = new AbortController();
    const removed = () => log.push('removed ran');
    als.run('add', () => {
      target.addEventListener('e', () => log.push(`listener:${seen()}`));
      target.addEventListener('e', () => log.push(`once:${seen()}`), { once: true });
      target.addEventListener('e', () => log.push('aborted ran'), { signal: controller.signal });
      target.addEventListener('e', { handleEvent() { log.push(`handleEvent:${seen()}`); } });
      target.addEventListener('e', removed);
    });
    controller.abort();
    target.removeEventListener('e', removed);
    als.run('dispatch-1', () => target.dispatchEvent(new Event('e')));
    als.run('dispatch-2', () => target.dispatchEvent(new Event('e')));
    record(log.join(' '));
  }),
  'await in a transformed async function': () => scenario((record) => {
    als.run('await', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      await null;
      return seen();
    }).then(record);
  }),
  'Web Worker: the engine inside a worker': () => scenario((record) => {
    const worker = new Worker(new URL('./worker.js', location.href), { type: 'module' });
    worker.onmessage = (event) => { worker.terminate(); record(event.data); };
    worker.onerror = (event) => record(`error:${event.message}`);
  }, 5000),
  'carryContext: opt-in stores on Worker, MessageChannel and BroadcastChannel messages': () => scenario((record) => {
    // Browsers give message events no context (the platform fires them); carryContext sends
    // the named storages' values along, structured-cloned, and unwraps the data.
    const request = new AsyncLocalStorage({ name: 'request' });
    const log = [];
    const plain = new MessageChannel();
    plain.port2.onmessage = (event) => log.push(`plain ${event.data}:${seen()}`);
    als.run('plain', () => plain.port1.postMessage('m'));
    const channel = new MessageChannel();
    carryContext(channel.port1, [request]);
    carryContext(channel.port2, [request]);
    const onChannel = (event) => log.push(`channel ${event.data}:${request.getStore()}`);
    channel.port2.addEventListener('message', onChannel);
    channel.port2.start();
    request.run('c1', () => channel.port1.postMessage('m1'));
    const sender = new BroadcastChannel('anyctx-carry');
    const receiver = new BroadcastChannel('anyctx-carry');
    carryContext(sender, [request]);
    carryContext(receiver, [request]);
    receiver.onmessage = (event) => {
      log.push(`broadcast ${event.data}:${request.getStore()}`);
      sender.close();
      receiver.close();
    };
    request.run('b1', () => sender.postMessage('m0'));
    const worker = new Worker(new URL('./carry-worker.js', location.href), { type: 'module' });
    const undo = carryContext(worker, [request]);
    worker.onmessage = (event) => {
      log.push(`worker ${event.data} reply:${request.getStore()}`);
      channel.port2.removeEventListener('message', onChannel);
      request.run('c2', () => channel.port1.postMessage('m2')); // no listener left: not logged
      undo();
      worker.onmessage = (raw) => {
        worker.terminate();
        log.push(`undone ${typeof raw.data}`);
        // Sorted: messages of different channels have no fixed order between them.
        setTimeout(() => record(log.sort().join(' ')), 50);
      };
      request.run('w2', () => worker.postMessage('again'));
    };
    worker.onerror = (event) => record(`error:${event.message}`);
    request.run('w1', () => worker.postMessage('ping'));
  }, 5000),
};

/** Runs every scenario at once; resolves with name → what it recorded. */
export async function runAll() {
  const names = Object.keys(scenarios);
  const values = await Promise.all(names.map((name) => scenarios[name]()));
  return Object.fromEntries(names.map((name, i) => [name, values[i]]));
}
