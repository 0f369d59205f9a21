// The task tracker (anyctx/tracker) on Node: the programs of fixtures/tracker/programs.mjs
// against zone.js's onHasTask (the same busy/idle transitions, for programs zone.js can
// follow; what they state, for those with native `await`, which only the tracker follows),
// each run as a user runs them: the built packages, under `--import anyctx-build/register`
// with its default options. Then the API and each Node source, in this process.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { ORACLE, PORTABLE } from './engines.mjs';
import { runProgram } from './support/run-program.mjs';
import { unlessBuilt } from './support/packages.mjs';
import { programs } from './fixtures/tracker/programs.mjs';
import { shape } from './fixtures/tracker/harness-core.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const harness = fileURLToPath(new URL('fixtures/tracker/harness.mjs', import.meta.url));
const skip = unlessBuilt('anyctx/tracker.js', 'anyctx-build/register.js');
const REWRITE = ['--import', 'anyctx-build/register'];

async function runUnder(engine, kind, name) {
  const run = await runProgram(engine, [harness, kind, name], { cwd: root, timeout: 30_000 });
  assert.equal(run.exitCode, 0, run.stderr);
  return run.json();
}

describe('the same busy/idle transitions as zone.js', { skip }, () => {
  for (const [name, program] of Object.entries(programs)) {
    if (!program.zone || program.web) continue;
    it(name, async () => {
      // zone.js on plain Node 24 (it patches the globals itself).
      const zone = await runUnder({ node: ORACLE.node, args: [] }, 'zone', name);
      assert.ok(Object.keys(zone.transitions).length > 0, 'zone.js reported transitions');
      for (const engine of PORTABLE) {
        const tracked = await runUnder({ ...engine, args: [...engine.args, ...REWRITE] }, 'tracker', name);
        assert.deepEqual(tracked.lines, zone.lines, engine.name);
        assert.deepEqual(shape(tracked.transitions), shape(zone.transitions), engine.name);
      }
    });
  }
});

describe('what only the tracker gets right (native await, no flapping)', { skip }, () => {
  for (const [name, program] of Object.entries(programs)) {
    if (program.expect === undefined || program.web) continue;
    it(name, async () => {
      for (const engine of PORTABLE) {
        const tracked = await runUnder({ ...engine, args: [...engine.args, ...REWRITE] }, 'tracker', name);
        assert.deepEqual(tracked.transitions, program.expect, engine.name);
      }
      const zone = await runUnder({ node: ORACLE.node, args: [] }, 'zone', name);
      assert.notDeepEqual(zone.transitions, program.expect, 'zone.js gets this one wrong');
    });
  }
});

it('a callback that throws still ends its task; a listener that throws is reported, and the others run', { skip }, async () => {
  for (const engine of PORTABLE) {
    const run = await runProgram(engine, [fileURLToPath(new URL('fixtures/tracker/uncaught.mjs', import.meta.url))], { cwd: root, timeout: 20_000 });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(run.json(), { log: ['busy', 'idle'], calls: ['kept'], errors: ['from the timer', 'from a listener'] }, engine.name);
  }
});

it("tracks Node's built-ins that ES modules imported by name before the first tracker", { skip }, async () => {
  for (const engine of PORTABLE) {
    const run = await runProgram(engine, [fileURLToPath(new URL('fixtures/tracker/static-imports.mjs', import.meta.url))], { cwd: root, timeout: 20_000 });
    assert.equal(run.exitCode, 0, run.stderr);
    assert.deepEqual(run.json(), ['run', 'timers/promises.setTimeout', 'setTimeout'], engine.name);
  }
});

describe('TaskTracker on Node', { skip }, () => {
  let TaskTracker, settled;
  before(async () => {
    ({ TaskTracker, settled } = await import('anyctx/tracker'));
  });

  /** A tracker recording its transitions into `log`, beside the lines the test adds. */
  function recorded(options) {
    const tracker = new TaskTracker(options);
    const log = [];
    tracker.onBusy(() => log.push('busy'));
    tracker.onIdle(() => log.push('idle'));
    return { tracker, log };
  }

  it('is idle before anything runs, and whenIdle resolves at once', async () => {
    const { tracker, log } = recorded();
    assert.equal(tracker.busy, false);
    assert.deepEqual(tracker.pending, []);
    await tracker.whenIdle();
    assert.deepEqual(log, []);
  });

  it('lists what is pending, by source, oldest first, with stacks on request', async () => {
    const { tracker } = recorded({ captureStacks: true });
    let inside;
    tracker.run(function scheduleThem() {
      setTimeout(() => {}, 5);
      setImmediate(() => {});
      process.nextTick(() => {});
      queueMicrotask(() => {});
      inside = tracker.pending.map((task) => task.source);
    });
    assert.deepEqual(inside, ['run', 'setTimeout', 'setImmediate', 'process.nextTick', 'queueMicrotask']);
    const pending = tracker.pending;
    assert.deepEqual(pending.map((task) => task.source), ['setTimeout', 'setImmediate', 'process.nextTick', 'queueMicrotask']);
    assert.match(pending[0].stack, /scheduleThem/);
    assert.equal(typeof pending[0].scheduledAt, 'number');
    assert.ok(tracker.busy);
    await tracker.whenIdle();
    assert.equal(tracker.busy, false);
    assert.deepEqual(tracker.pending, []);
  });

  it('keeps no stacks unless asked', () => {
    const { tracker } = recorded();
    tracker.run(() => setTimeout(() => {}, 1));
    assert.equal(tracker.pending[0].stack, undefined);
    return tracker.whenIdle();
  });

  it('passes the arguments and the return value of run through, and ends its task when fn throws', async () => {
    const { tracker, log } = recorded();
    assert.equal(tracker.run((a, b) => a + b, 2, 3), 5);
    assert.throws(() => tracker.run(() => {
      throw new RangeError('inside');
    }), RangeError);
    await tracker.whenIdle();
    assert.deepEqual(log, ['busy', 'idle']);
  });

  it('stays busy while an interval runs, and only until it is cleared; ignoreIntervals leaves it out', async () => {
    const { tracker, log } = recorded();
    let ticks = 0;
    tracker.run(() => {
      const id = setInterval(() => {
        if (++ticks === 3) clearInterval(id);
      }, 1);
    });
    await tracker.whenIdle();
    assert.equal(ticks, 3);
    assert.deepEqual(log, ['busy', 'idle']);

    const ignoring = recorded({ ignoreIntervals: true });
    let id;
    ignoring.tracker.run(() => {
      id = setInterval(() => {}, 1);
    });
    await ignoring.tracker.whenIdle();
    assert.deepEqual(ignoring.log, ['busy', 'idle']);
    assert.deepEqual(ignoring.tracker.pending, []);
    clearInterval(id);
  });

  it("ends a timer's task when it is cleared by clearTimeout, by Timeout#close, or by node:timers' clear function", async () => {
    const timers = await import('node:timers');
    const clears = [(t) => clearTimeout(t), (t) => t.close(), (t) => timers.clearTimeout(t), (t) => clearInterval(t)];
    if (typeof Symbol.dispose === 'symbol') clears.push((t) => t[Symbol.dispose]());
    for (const clear of clears) {
      const { tracker, log } = recorded();
      let timer;
      tracker.run(() => {
        timer = timers.setTimeout(() => assert.fail('cleared'), 60_000);
      });
      assert.deepEqual(tracker.pending.map((task) => task.source), ['setTimeout']);
      clear(timer);
      await tracker.whenIdle();
      assert.deepEqual(log, ['busy', 'idle']);
    }
  });

  it("tracks node:timers/promises until they settle, and an immediate's clear", async () => {
    const { setTimeout: sleep, setImmediate: nextCheck } = await import('node:timers/promises');
    const { tracker, log } = recorded();
    tracker.run(() => {
      sleep(5).then(() => {
        log.push('slept');
        return nextCheck();
      }).then(() => log.push('checked'));
      clearImmediate(setImmediate(() => assert.fail('cleared')));
    });
    await tracker.whenIdle();
    assert.deepEqual(log, ['busy', 'slept', 'checked', 'idle']);
  });

  it('nests: a task counts for every tracker whose scope it was scheduled in', async () => {
    const outer = recorded();
    const inner = recorded();
    const lines = [];
    outer.tracker.onIdle(() => lines.push('outer idle'));
    outer.tracker.run(() => {
      inner.tracker.run(() => setTimeout(() => lines.push('inner timer'), 20));
      setTimeout(() => lines.push('outer timer'), 1);
    });
    assert.deepEqual(outer.tracker.pending.map((task) => task.source), ['setTimeout', 'setTimeout']);
    assert.deepEqual(inner.tracker.pending.map((task) => task.source), ['setTimeout']);
    await outer.tracker.whenIdle();
    assert.deepEqual(lines, ['outer timer', 'inner timer', 'outer idle']);
    assert.deepEqual(inner.log, ['busy', 'idle']);
  });

  it('what its listeners schedule is no task of its own', async () => {
    const { tracker, log } = recorded();
    tracker.onIdle(() => setTimeout(() => log.push('after idle'), 1));
    tracker.run(() => setTimeout(() => {}, 1));
    await tracker.whenIdle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    assert.deepEqual(log, ['busy', 'idle', 'after idle']);
    assert.equal(tracker.busy, false);
  });

  it("ends a port's posts when either end is closed or transferred away", { timeout: 10_000 }, async () => {
    for (const leave of [(sender) => sender.close(), (_, receiver) => receiver.close(), (_, receiver) => structuredClone(receiver, { transfer: [receiver] })]) {
      const { tracker, log } = recorded();
      let ports;
      tracker.run(() => {
        const { port1, port2 } = new MessageChannel();
        // Never started: nothing would be delivered.
        port1.postMessage('never delivered');
        assert.deepEqual(tracker.pending.map((task) => task.source), ['run', 'MessagePort.postMessage']);
        leave(port1, port2);
        assert.deepEqual(tracker.pending.map((task) => task.source), ['run']);
        ports = [port1, port2];
      });
      await tracker.whenIdle();
      assert.deepEqual(log, ['busy', 'idle']);
      for (const port of ports) port.close();
    }
  });

  it('rejects bad input with Node-style errors', () => {
    assert.throws(() => new TaskTracker(null), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    const tracker = new TaskTracker();
    assert.throws(() => tracker.run('not a function'), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
    assert.throws(() => tracker.onIdle(42), { name: 'TypeError', code: 'ERR_INVALID_ARG_TYPE' });
  });

  describe('fetch', () => {
    let server;
    let url;
    before(async () => {
      // Headers after 20 ms, the body 30 ms later: a tracker that forgot the body would turn
      // idle between them.
      server = createServer((request, response) => {
        setTimeout(() => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"value":');
          setTimeout(() => response.end('42}'), 30);
        }, 20);
      });
      await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${server.address().port}/`;
    });
    after(() => server.close());

    it('is busy until the response and its body have arrived, without turning idle between', async () => {
      const { tracker, log } = recorded();
      tracker.run(() => fetch(url)
        .then((response) => response.json())
        .then(({ value }) => fetch(url).then((response) => response.text()).then(() => log.push(`value ${value}`))));
      await tracker.whenIdle();
      assert.deepEqual(log, ['busy', 'value 42', 'idle']);
    });

    it('a rejected fetch still ends its task, and its rejection reaches the caller', async () => {
      const { tracker, log } = recorded();
      tracker.run(() => fetch('http://127.0.0.1:1/').catch((error) => log.push(error.name)));
      await tracker.whenIdle();
      assert.deepEqual(log, ['busy', 'TypeError', 'idle']);
    });
  });

  describe('settled()', () => {
    it('resolves with what the function returned, once everything it started has run', async () => {
      const log = [];
      const value = await settled(() => {
        setTimeout(() => setTimeout(() => log.push('late timer'), 10), 1);
        return Promise.resolve('value');
      });
      assert.equal(value, 'value');
      assert.deepEqual(log, ['late timer']);
    });

    it('waits for what the function scheduled after awaiting something no source tracks (a file read)', async () => {
      const { readFile } = await import('node:fs/promises');
      const log = [];
      await settled(() => readFile(fileURLToPath(import.meta.url)).then(() => {
        setTimeout(() => log.push('after the read'), 20);
      }));
      assert.deepEqual(log, ['after the read']);
    });

    it('rejects with what the function threw or rejected with, after its work has run', async () => {
      const log = [];
      await assert.rejects(settled(() => {
        setTimeout(() => log.push('timer'), 5);
        return Promise.reject(new Error('rejected'));
      }), /rejected/);
      assert.deepEqual(log, ['timer']);
      await assert.rejects(settled(() => {
        throw new TypeError('thrown');
      }), TypeError);
    });
  });
});
