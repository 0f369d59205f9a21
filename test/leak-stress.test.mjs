// Leak stress: 10,000 concurrent logical flows, each in its own store, hop through timers,
// immediates, nextTick, microtasks, promise chains, thenables, deferred resolves, a shared
// EventEmitter and a busy pool of AsyncResource-bound callbacks, some steps calling
// enterWith on the way. At every step a flow checks that it still sees its own stores.
// Foreign stores must never be seen, no store must go missing, and the number of checks
// must equal what the flows' plans add up to, so flows that silently stop fail the test too.
//
// The flows run in a child process (this same file, with ANYCTX_LEAK_STRESS set), so the
// engine is picked the way scenario programs pick it: '#ctx' under the native condition is
// the oracle, and plain '#ctx' is the portable engine. The oracle runs show the test itself
// is right, including a control run whose pool forgets AsyncResource and must leak.
//
// A second stress puts a real HTTP server on 127.0.0.1 under load (keep-alive connections,
// pipelined requests, handlers using run and enterWith, code the await transform never
// touched, a shared promise resolved by native I/O): there Node's own I/O calls back without
// going through the engine, and a flow may lose its stores, but must never see another's.
//
// Reproduce a run: ANYCTX_LEAK_SEED=<seed> node --test test/leak-stress.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { seededRandom } from './seeded-random.mjs';
import { runProgram } from './support/run-program.mjs';

const FLOWS = 10_000;
const SPAWNED_FLOWS = 1_000; // of FLOWS, started from inside another flow's run()
const GATES = 16;
const LISTENERS = 3;
const POOL_SIZE = 4;

// --- the plan: what every flow does, fixed by the seed --------------------------------


// Each hop kind, with how many checks it makes on the way besides the one after it.
const HOPS = {
  timeout: () => 0,
  immediate: () => 0,
  tick: () => 0,
  microtask: () => 0,
  thenChain: (hop) => hop.length - 1,
  resolveThenable: () => 1, // Promise.resolve(thenable): the thenable's then checks
  returnThenable: () => 2, // a then callback returns a thenable: both check
  deferredResolve: () => 2, // resolve(thenable) from a timer: the timer and the thenable check
  gate: () => 0, // a promise created and resolved in foreign contexts
  emit: () => LISTENERS, // shared emitter: every listener checks
  pool: () => 0,
  spawn: () => 0, // the spawned flow counts its own checks
};
const HOP_KINDS = Object.keys(HOPS).filter((kind) => kind !== 'spawn');

function makePlans(seed) {
  const random = seededRandom(seed);
  const pick = (n) => Math.floor(random() * n);
  const plans = [];
  for (let id = 0; id < FLOWS; id++) {
    const hops = [];
    const count = 4 + pick(6);
    for (let n = 0; n < count; n++) {
      const kind = HOP_KINDS[pick(HOP_KINDS.length)];
      const hop = { kind };
      if (kind === 'timeout' || kind === 'deferredResolve') hop.delay = pick(6);
      if (kind === 'resolveThenable') hop.delay = pick(3) - 1; // -1: the thenable resolves at once
      if (kind === 'thenChain') hop.length = 1 + pick(3);
      if (kind === 'gate') hop.gate = pick(GATES);
      if (kind === 'pool') hop.submit = pick(2) ? 'taskInfo' : 'bound';
      hop.enterWith = pick(4) === 0; // before the hop, mark the rest of this step with enterWith
      hops.push(hop);
    }
    plans.push({ id, hops, spawned: false });
  }
  // The last SPAWNED_FLOWS flows are started by an earlier flow, at a random hop of it.
  for (let id = FLOWS - SPAWNED_FLOWS; id < FLOWS; id++) {
    const parent = plans[pick(id)];
    parent.hops.splice(pick(parent.hops.length + 1), 0, { kind: 'spawn', child: id });
    plans[id].spawned = true;
  }
  return plans;
}

function expectedChecks(plans) {
  let total = 1; // the top level, outside every flow
  for (const plan of plans) {
    total += 1 + plan.hops.length;
    for (const hop of plan.hops) total += HOPS[hop.kind](hop);
  }
  return total;
}

// --- the child: runs the flows and prints what it counted -----------------------------

async function runFlows({ seed, style, pool: poolKind }) {
  const { AsyncLocalStorage, AsyncResource, engine } = await import('#ctx');
  const plans = makePlans(seed);
  const random = seededRandom(seed ^ 0x5eed);
  const flowStore = new AsyncLocalStorage();
  const tenantStore = new AsyncLocalStorage();
  const tenantOf = (id) => `tenant-${id % 97}`;
  // Changed by enterWith in some steps. An enterWith survives run() of another storage, so
  // each flow also runs inside markStore.run, which keeps one made in the flow's synchronous
  // start from reaching the code that started the flow.
  const markStore = new AsyncLocalStorage();

  const counts = { checks: 0, foreign: 0, missing: 0, flowsFinished: 0, untouchedChecks: 0 };
  const samples = [];
  function check(id, where) {
    counts.checks++;
    const flow = flowStore.getStore();
    const tenant = tenantStore.getStore();
    const mark = markStore.getStore();
    const wantTenant = id === null ? undefined : tenantOf(id);
    let problem = null;
    if (id !== null && (flow === undefined || tenant === undefined || mark === undefined)) problem = 'missing';
    else if ((flow?.id ?? null) !== id || tenant !== wantTenant || (mark?.id ?? null) !== id) problem = 'foreign';
    if (!problem) return;
    counts[problem]++;
    if (samples.length < 10) samples.push({ problem, flow: id, where, saw: { flow: flow?.id, tenant, mark: mark?.id } });
  }

  // Code the await transform does not reach (built at run time, as by eval or a library
  // excluded from the build): after its own awaits it may lose the flow's stores, but it must
  // never see another flow's. It runs after each hop of a flow written with await, so it
  // resumes right after that flow's transformed continuations.
  const untouched = new Function('flowStore', 'tenantStore', 'markStore', 'tenantOf', 'counts', 'samples', `
    const seen = (id, where) => {
      counts.untouchedChecks++;
      const flow = flowStore.getStore(), tenant = tenantStore.getStore(), mark = markStore.getStore();
      const foreign = (flow !== undefined && flow.id !== id) || (tenant !== undefined && tenant !== tenantOf(id)) || (mark !== undefined && mark.id !== id);
      if (!foreign) return;
      counts.foreign++;
      if (samples.length < 10) samples.push({ problem: 'foreign', flow: id, where, saw: { flow: flow?.id, tenant, mark: mark?.id } });
    };
    return async (id) => {
      seen(id, 'untouched code, synchronous part');
      await null;
      seen(id, 'untouched code after await');
      await new Promise((resolve) => setTimeout(resolve, 0));
      seen(id, 'untouched code after a timer');
    };
  `)(flowStore, tenantStore, markStore, tenantOf, counts, samples);

  // Gates: promises created, and later resolved, in contexts that belong to no flow.
  const gates = [];
  for (let n = 0; n < GATES; n++) {
    flowStore.run({ id: `gate-maker-${n}` }, () => {
      let open;
      const promise = new Promise((resolve) => (open = resolve));
      gates.push(promise);
      flowStore.run({ id: `gate-opener-${n}` }, () => setTimeout(open, Math.floor(random() * 30)));
    });
  }

  // One emitter shared by all flows; listeners run in the emitting flow's context, whoever
  // registered them.
  const bus = new EventEmitter();
  bus.setMaxListeners(LISTENERS + 1);
  for (let n = 0; n < LISTENERS; n++) {
    flowStore.run({ id: `listener-owner-${n}` }, () =>
      bus.on('hop', (id, next) => {
        check(id, `listener ${n}`);
        if (n === LISTENERS - 1) next();
      }),
    );
  }

  // The worker-pool pattern from the AsyncResource documentation, with simulated workers
  // that answer from the context that dispatched them, which for a queued task is another
  // flow's. The AsyncResource is made when the task is submitted, in the submitter's
  // context, and travels with it through the queue.
  class PoolTaskInfo extends AsyncResource {
    constructor(callback) {
      super('PoolTaskInfo');
      this.callback = callback;
    }
    done(result) {
      this.runInAsyncScope(this.callback, null, result);
      this.emitDestroy();
    }
  }
  const FREED = Symbol('worker freed');
  class Pool extends EventEmitter {
    constructor(size) {
      super();
      this.free = Array.from({ length: size }, (_, n) => ({ n, task: null }));
      this.queue = [];
      // A callback may already have taken the freed worker for a new task.
      this.on(FREED, () => {
        if (this.queue.length > 0 && this.free.length > 0) this.dispatch(this.free.pop(), this.queue.shift());
      });
    }
    runTask(task, callback, submit) {
      let done;
      if (poolKind === 'forgetful') done = callback; // the control: nothing keeps the submitter's context
      else if (submit === 'bound') done = AsyncResource.bind(callback);
      else {
        const info = new PoolTaskInfo(callback);
        done = (result) => info.done(result);
      }
      const job = { task, done };
      if (this.free.length === 0) this.queue.push(job);
      else this.dispatch(this.free.pop(), job);
    }
    dispatch(worker, job) {
      worker.task = job;
      const answer = () => {
        worker.task = null;
        this.free.push(worker);
        job.done(job.task);
        this.emit(FREED);
      };
      if (random() < 0.5) setImmediate(answer);
      else setTimeout(answer, Math.floor(random() * 2));
    }
  }
  const pool = new Pool(POOL_SIZE);

  const thenable = (id, where, delay) => ({
    then(onFulfilled) {
      check(id, where);
      if (delay < 0) onFulfilled(id);
      else setTimeout(() => onFulfilled(id), delay);
    },
  });

  // Each hop calls `next` when done, from wherever the hop's mechanism calls back.
  const hops = {
    timeout: (id, hop, next) => setTimeout(next, hop.delay),
    immediate: (id, hop, next) => setImmediate(next),
    tick: (id, hop, next) => process.nextTick(next),
    microtask: (id, hop, next) => queueMicrotask(next),
    thenChain: (id, hop, next) => {
      let promise = Promise.resolve(id);
      for (let n = 1; n < hop.length; n++) promise = promise.then(() => check(id, `then ${n} of ${hop.length}`));
      promise.then(next);
    },
    resolveThenable: (id, hop, next) => Promise.resolve(thenable(id, 'Promise.resolve(thenable)', hop.delay)).then(next),
    returnThenable: (id, hop, next) =>
      Promise.resolve()
        .then(() => {
          check(id, 'then returning a thenable');
          return thenable(id, 'thenable returned from then', -1);
        })
        .then(next),
    deferredResolve: (id, hop, next) =>
      new Promise((resolve) =>
        setTimeout(() => {
          check(id, 'timer that resolves');
          resolve(thenable(id, 'thenable passed to resolve()', -1));
        }, hop.delay),
      ).then(next),
    gate: (id, hop, next) => gates[hop.gate].then(next),
    emit: (id, hop, next) => bus.emit('hop', id, next),
    pool: (id, hop, next) => pool.runTask(id, next, hop.submit),
    spawn: (id, hop, next) => {
      startFlow(hop.child);
      next();
    },
  };

  // The same hops for `await`: what to await so the flow resumes after the hop.
  const awaitable = {
    resolveThenable: (id, hop) => thenable(id, 'awaited thenable', hop.delay),
    returnThenable: (id, hop) => new Promise((resolve) => hops.returnThenable(id, hop, resolve)),
    gate: (id, hop) => gates[hop.gate],
  };

  function runCallbackFlow(plan) {
    const step = (n) => {
      check(plan.id, n === 0 ? 'start' : `after ${plan.hops[n - 1].kind}`);
      if (n === plan.hops.length) {
        counts.flowsFinished++;
        return;
      }
      const hop = plan.hops[n];
      if (hop.enterWith) markStore.enterWith({ id: plan.id, step: n });
      hops[hop.kind](plan.id, hop, () => step(n + 1));
    };
    step(0);
  }

  async function runAwaitFlow(plan) {
    check(plan.id, 'start');
    for (const hop of plan.hops) {
      if (hop.enterWith) markStore.enterWith({ id: plan.id, hop });
      if (awaitable[hop.kind]) await awaitable[hop.kind](plan.id, hop);
      else await new Promise((resolve) => hops[hop.kind](plan.id, hop, resolve));
      check(plan.id, `after await ${hop.kind}`);
      untouched(plan.id);
    }
    counts.flowsFinished++;
  }

  function startFlow(id) {
    const run = style === 'await' ? runAwaitFlow : runCallbackFlow;
    flowStore.run({ id }, () => tenantStore.run(tenantOf(id), () => markStore.run({ id }, () => run(plans[id]))));
  }

  for (const plan of plans) if (!plan.spawned) startFlow(plan.id);
  check(null, 'top level after starting the flows');

  // Report once nothing is left to run, whether or not every flow arrived.
  process.once('beforeExit', () => {
    process.stdout.write(
      JSON.stringify({
        engine, ...counts, expectedChecks: expectedChecks(plans), expectedHops: plans.reduce((n, plan) => n + plan.hops.length, 0),
        flows: plans.length, samples,
      }),
    );
  });
}


// --- the HTTP stress: a real server on the loopback -------------------------------------

const HTTP_CONNECTIONS = 64; // pipelining clients, each sending its requests in batches
const HTTP_PIPELINED = 8; // requests per write
const HTTP_BATCHES = 6;
const HTTP_AGENT_REQUESTS = 400; // through a keep-alive Agent, some at a time
const HTTP_WATCHDOG_MS = 45_000;

async function runHttpStress({ seed }) {
  const { AsyncLocalStorage, engine } = await import('#ctx');
  const http = await import('node:http');
  const net = await import('node:net');
  const { readFile, stat } = await import('node:fs');
  const random = seededRandom(seed);
  const requestStore = new AsyncLocalStorage();
  const tenantStore = new AsyncLocalStorage();
  const tenantOf = (id) => `tenant-${id % 13}`;
  const here = fileURLToPath(import.meta.url);
  const counts = { requests: 0, responses: 0, checks: 0, foreign: 0, missing: 0, untouchedStarted: 0, untouchedDone: 0, gatesOpened: 0 };
  const samples = [];
  const kinds = {};

  // `own`: the code runs where the request's stores must be current (transformed code after
  // run or enterWith); elsewhere only foreign stores are a failure.
  function check(id, where, own) {
    counts.checks++;
    const request = requestStore.getStore();
    const tenant = tenantStore.getStore();
    const foreign = (request !== undefined && request !== id) || (tenant !== undefined && tenant !== tenantOf(id));
    if (!foreign && (!own || (request === id && tenant === tenantOf(id)))) return;
    const problem = foreign ? 'foreign' : 'missing';
    counts[problem]++;
    if (samples.length < 10) samples.push({ problem, request: id, where, saw: { request, tenant } });
  }

  // The shared gate: a promise many flows await, opened by native I/O (an fs callback, or a
  // request handler) that then enters stores of its own with enterWith.
  let openGate;
  let gate;
  const newGate = () => (gate = new Promise((resolve) => (openGate = resolve)));
  newGate();
  const open = (foreignId) => {
    const opened = openGate;
    newGate();
    counts.gatesOpened++;
    opened();
    requestStore.enterWith(foreignId);
    tenantStore.enterWith(`tenant-of-${foreignId}`);
  };
  let opening = true;
  const openFromFs = () => readFile(here, () => {
    open(`fs-callback-${counts.gatesOpened}`);
    if (opening) setTimeout(openFromFs, 1);
  });
  openFromFs();

  // Code the await transform never touched (built at run time): awaits the shared gate and
  // native I/O, and must never see another flow's stores after them.
  const untouched = new Function('check', 'requestStore', 'tenantStore', 'tenantOf', 'stat', 'here', 'counts', 'gate', `
    return {
      async follow(id) {
        counts.untouchedStarted++;
        check(id, 'untouched code, synchronous part', false);
        await gate();
        check(id, 'untouched code after the shared gate', false);
        await new Promise((resolve) => stat(here, resolve));
        check(id, 'untouched code after fs.stat', false);
        await null;
        check(id, 'untouched code after await null', false);
        counts.untouchedDone++;
      },
      async handler(id, response) {
        check(id, 'untouched handler, start', false);
        requestStore.enterWith(id);
        tenantStore.enterWith(tenantOf(id));
        check(id, 'untouched handler after enterWith', true);
        await new Promise((resolve) => stat(here, resolve));
        check(id, 'untouched handler after fs.stat', false);
        await gate();
        check(id, 'untouched handler after the shared gate', false);
        response.end(String(id));
      },
    };
  `)(check, requestStore, tenantStore, tenantOf, stat, here, counts, () => gate);

  // The handlers, rewritten by the await transform where the engine is loaded with it.
  async function body(id, response, transformed) {
    check(id, 'handler, stores entered', true);
    untouched.follow(id);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 3)));
    check(id, 'handler after setTimeout', transformed);
    await new Promise((resolve) => stat(here, resolve));
    check(id, 'handler after fs.stat', transformed);
    if (transformed && random() < 0.2) {
      // Opens the gate from inside this request, then enters this request's stores again.
      // (Only where the handler is transformed: untouched code resumed by a native await
      // runs in a microtask the engine cannot see, and what it enters with enterWith stays
      // current for the continuations of that checkpoint: see docs/engine.md.)
      open(`request-${id}`);
      requestStore.enterWith(id);
      tenantStore.enterWith(tenantOf(id));
    } else {
      await gate;
      check(id, 'handler after the shared gate', transformed);
    }
    response.end(String(id));
  }
  const transformed = process.execArgv.some((arg) => arg.includes('anyctx-build/register')) || engine === 'native';
  const handlers = {
    run: (id, response) => requestStore.run(id, () => tenantStore.run(tenantOf(id), () => body(id, response, transformed))),
    enterWith: (id, response) => {
      requestStore.enterWith(id);
      tenantStore.enterWith(tenantOf(id));
      return body(id, response, transformed);
    },
    untouched: (id, response) => untouched.handler(id, response),
  };
  const kindNames = Object.keys(handlers);

  const server = http.createServer((request, response) => {
    const id = ++counts.requests;
    check(id, 'request listener, first line', false);
    const kind = kindNames[Math.floor(random() * kindNames.length)];
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    handlers[kind](id, response);
    // Some requests then open the shared gate from Node's parser callback, and leave stores
    // entered with enterWith for whatever runs next: the next pipelined request's listener.
    if (random() < 0.2) open(`parser-callback-${id}`);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  const expected = HTTP_CONNECTIONS * HTTP_PIPELINED * HTTP_BATCHES + HTTP_AGENT_REQUESTS;
  let finished;
  const allAnswered = new Promise((resolve) => (finished = resolve));
  const answered = (n) => {
    counts.responses += n;
    if (counts.responses === expected) finished();
  };
  const watchdog = setTimeout(() => finished(), HTTP_WATCHDOG_MS);

  // Pipelining clients: a batch of requests in one write, the next batch once it is answered.
  const request = 'GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'.repeat(HTTP_PIPELINED);
  for (let c = 0; c < HTTP_CONNECTIONS; c++) {
    const socket = net.connect(port, '127.0.0.1');
    let batches = 0;
    let pending = 0;
    let text = '';
    const send = () => {
      batches++;
      pending = HTTP_PIPELINED;
      socket.write(request);
    };
    socket.on('connect', send);
    socket.on('data', (chunk) => {
      text += chunk;
      const parts = text.split('HTTP/1.1 200');
      const complete = parts.length - 1 - (/Content-Length: \d+\r\n\r\n\d+$/i.test(text) ? 0 : 1);
      if (complete <= 0) return;
      // Keep what may be an incomplete last response.
      const done = Math.min(complete, pending);
      text = /Content-Length: \d+\r\n\r\n\d+$/i.test(text) ? '' : 'HTTP/1.1 200' + parts[parts.length - 1];
      pending -= done;
      answered(done);
      if (pending === 0) {
        if (batches < HTTP_BATCHES) send();
        else socket.end();
      }
    });
  }

  // A keep-alive Agent: requests one at a time per socket, reusing them.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  let agentSent = 0;
  const agentRequest = () => {
    if (agentSent === HTTP_AGENT_REQUESTS) return;
    agentSent++;
    http.get({ host: '127.0.0.1', port, agent, path: '/' }, (response) => {
      response.resume();
      response.on('end', () => {
        answered(1);
        agentRequest();
      });
    });
  };
  for (let n = 0; n < 16; n++) agentRequest();

  await allAnswered;
  clearTimeout(watchdog);
  opening = false;
  // Let the last flows through the gate.
  await new Promise((resolve) => setTimeout(resolve, 50));
  open('the last gate');
  await new Promise((resolve) => setTimeout(resolve, 50));
  agent.destroy();
  server.closeAllConnections?.();
  server.close();
  process.stdout.write(JSON.stringify({ engine, transformed, expected, kinds, ...counts, samples }));
}

// --- the tests ----------------------------------------------------------------------------


// The portable engine runs the flows written with await as rewritten by the await transform.
const argsFor = (engine, options) =>
  engine === ORACLE || options.style !== 'await' ? [] : ['--import', 'anyctx-build/register'];

async function stress(engine, options) {
  const run = await runProgram(engine, [...argsFor(engine, options), fileURLToPath(import.meta.url)], {
    env: { ANYCTX_LEAK_STRESS: JSON.stringify(options) },
    timeout: 5 * 60 * 1000,
    check: true,
  });
  return run.json();
}

function assertNoLeak(result, engineName, seed) {
  const context = `${engineName}, seed ${seed} (reproduce with ANYCTX_LEAK_SEED=${seed})`;
  assert.equal(result.flows, FLOWS);
  assert.deepEqual(
    { foreign: result.foreign, missing: result.missing, samples: result.samples },
    { foreign: 0, missing: 0, samples: [] },
    `flows saw stores that are not theirs: ${context}`,
  );
  assert.equal(result.flowsFinished, FLOWS, `flows were lost: ${context}`);
  assert.equal(result.checks, result.expectedChecks, `checks went missing: ${context}`);
}

function defineTests() {
  const seed = Number(process.env.ANYCTX_LEAK_SEED ?? Math.floor(Math.random() * 2 ** 31));

  test(`the oracle: ${FLOWS} flows never see a foreign store (seed ${seed})`, async () => {
    const result = await stress(ORACLE, { seed, style: 'callbacks', pool: 'asyncResource' });
    assert.equal(result.engine, 'native');
    assertNoLeak(result, ORACLE.name, seed);
  });

  test(`the oracle: flows written with await never see a foreign store (seed ${seed})`, async () => {
    const result = await stress(ORACLE, { seed, style: 'await', pool: 'asyncResource' });
    assertNoLeak(result, ORACLE.name, seed);
    assert.equal(result.untouchedChecks, 3 * result.expectedHops, 'the untouched code ran after every hop');
  });

  test(`control: a pool that forgets AsyncResource leaks stores even on the oracle (seed ${seed})`, async () => {
    const result = await stress(ORACLE, { seed, style: 'callbacks', pool: 'forgetful' });
    assert.ok(result.foreign > 0, 'the stress must be able to see a leak');
    assert.equal(result.checks, result.expectedChecks);
  });

  for (const engine of PORTABLE) {
    test(`${engine.name}: ${FLOWS} flows never see a foreign store (seed ${seed})`, async () => {
      const result = await stress(engine, { seed, style: 'callbacks', pool: 'asyncResource' });
      assert.equal(result.engine, 'portable');
      assertNoLeak(result, engine.name, seed);
    });

    test(`${engine.name}: flows written with await never see a foreign store (seed ${seed})`, async () => {
      const result = await stress(engine, { seed, style: 'await', pool: 'asyncResource' });
      assertNoLeak(result, engine.name, seed);
      assert.equal(result.untouchedChecks, 3 * result.expectedHops, 'the untouched code ran after every hop');
    });
  }

  // The HTTP stress, on the oracle and on the portable engine imported directly and under
  // the await transform's loader.
  const httpSetups = [
    { name: ORACLE.name, engine: ORACLE, args: [] },
    ...PORTABLE.flatMap((engine) => [
      { name: engine.name, engine, args: [] },
      { name: `${engine.name} under anyctx-build/register`, engine, args: ['--import', 'anyctx-build/register'] },
    ]),
  ];
  for (const { name, engine, args } of httpSetups) {
    test(`${name}: a loaded HTTP server's requests never see a foreign store (seed ${seed})`, async () => {
      const run = await runProgram(engine, [...args, fileURLToPath(import.meta.url)], {
        env: { ANYCTX_HTTP_STRESS: JSON.stringify({ seed }) },
        timeout: 60_000,
        check: true,
      });
      const result = run.json();
      const context = `${name}, seed ${seed} (reproduce with ANYCTX_LEAK_SEED=${seed})`;
      assert.equal(result.responses, result.expected, `requests went unanswered: ${context}`);
      assert.equal(result.requests, result.expected);
      assert.deepEqual({ foreign: result.foreign, samples: result.samples.filter((s) => s.problem === 'foreign') }, { foreign: 0, samples: [] }, `requests saw stores that are not theirs: ${context}`);
      // Where the handlers are transformed (or native), they keep their own stores.
      if (result.transformed) assert.equal(result.missing, 0, `stores went missing: ${context} ${JSON.stringify(result.samples)}`);
      assert.equal(result.untouchedDone, result.untouchedStarted, `untouched code did not finish: ${context}`);
    });
  }
}

if (process.env.ANYCTX_HTTP_STRESS) await runHttpStress(JSON.parse(process.env.ANYCTX_HTTP_STRESS));
else if (process.env.ANYCTX_LEAK_STRESS) await runFlows(JSON.parse(process.env.ANYCTX_LEAK_STRESS));
else defineTests();
