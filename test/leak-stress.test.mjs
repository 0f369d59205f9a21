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
}

if (process.env.ANYCTX_LEAK_STRESS) await runFlows(JSON.parse(process.env.ANYCTX_LEAK_STRESS));
else defineTests();
