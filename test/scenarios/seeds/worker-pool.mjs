// Seed example (using AsyncResource for a Worker thread pool): WorkerPoolTaskInfo
// resources make each task's callback run in the context of its runTask() call, even
// though results arrive from whichever worker was free. Worker threads are replaced by
// emitter-based stand-ins that answer from an immediate (the portable engine does not see
// other threads); the pool code is the seed's.
//
// Note what the seed's pool does with a task that has to wait for a free worker: its
// WorkerPoolTaskInfo is made only when the task is dispatched, from inside the event of
// the task that freed the worker, so its callback runs in that other caller's context.
// Node does exactly this; the second pool binds queued callbacks at runTask() time.
import { AsyncLocalStorage, AsyncResource } from '#ctx';
import { EventEmitter } from 'node:events';
import { log } from '../_lib/out.cjs';

const kTaskInfo = Symbol('kTaskInfo');
const kWorkerFreedEvent = Symbol('kWorkerFreedEvent');

// Stand-in for new Worker('task_processor.js'): adds two numbers "elsewhere".
class FakeWorker extends EventEmitter {
  postMessage(task) { setImmediate(() => this.emit('message', task.a + task.b)); }
  terminate() {}
}

class WorkerPoolTaskInfo extends AsyncResource {
  constructor(callback) {
    super('WorkerPoolTaskInfo');
    this.callback = callback;
  }

  done(err, result) {
    this.runInAsyncScope(this.callback, null, err, result);
    this.emitDestroy(); // `TaskInfo`s are used only once.
  }
}

class WorkerPool extends EventEmitter {
  constructor(numThreads) {
    super();
    this.numThreads = numThreads;
    this.workers = [];
    this.freeWorkers = [];
    this.tasks = [];

    for (let i = 0; i < numThreads; i++) this.addNewWorker();

    // Any time the kWorkerFreedEvent is emitted, dispatch
    // the next task pending in the queue, if any.
    this.on(kWorkerFreedEvent, () => {
      if (this.tasks.length > 0) {
        const { task, callback } = this.tasks.shift();
        this.runTask(task, callback);
      }
    });
  }

  addNewWorker() {
    const worker = new FakeWorker();
    worker.on('message', (result) => {
      worker[kTaskInfo].done(null, result);
      worker[kTaskInfo] = null;
      this.freeWorkers.push(worker);
      this.emit(kWorkerFreedEvent);
    });
    this.workers.push(worker);
    this.freeWorkers.push(worker);
    this.emit(kWorkerFreedEvent);
  }

  runTask(task, callback) {
    if (this.freeWorkers.length === 0) {
      // No free threads, wait until a worker thread becomes free.
      this.tasks.push({ task, callback });
      return;
    }

    const worker = this.freeWorkers.pop();
    worker[kTaskInfo] = new WorkerPoolTaskInfo(callback);
    worker.postMessage(task);
  }

  close() {
    for (const worker of this.workers) worker.terminate();
  }
}

class BindingWorkerPool extends WorkerPool {
  runTask(task, callback) {
    if (this.freeWorkers.length === 0) {
      this.tasks.push({ task, callback: AsyncResource.bind(callback) });
      return;
    }
    super.runTask(task, callback);
  }
}

const als = new AsyncLocalStorage();

function useThePool(name, pool, done) {
  let finished = 0;
  for (let i = 0; i < 6; i++) {
    als.run(`caller-${i}`, () => {
      pool.runTask({ a: i, b: 100 }, (err, result) => {
        log(name, i, err, result, 'callback store', als.getStore());
        if (++finished === 6) { pool.close(); done(); }
      });
    });
  }
}

useThePool('seed pool:', new WorkerPool(2), () => useThePool('binding pool:', new BindingWorkerPool(2), () => {}));
