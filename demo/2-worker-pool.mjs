// The worker pool from Node's AsyncResource docs. Each task carries a WorkerPoolTaskInfo
// (an AsyncResource), so its callback runs in the context of the code that called runTask,
// not in the context of the worker's 'message' event.
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import {
  AsyncLocalStorage, AsyncResource,
  executionAsyncId, triggerAsyncId, executionAsyncResource,
} from '#ctx';

const kTaskInfo = Symbol('kTaskInfo');
const kWorkerFreedEvent = Symbol('kWorkerFreedEvent');

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

    // Any time the kWorkerFreedEvent is emitted, dispatch the next queued task, if any.
    this.on(kWorkerFreedEvent, () => {
      if (this.tasks.length > 0) {
        const { task, callback } = this.tasks.shift();
        this.runTask(task, callback);
      }
    });
  }

  addNewWorker() {
    const worker = new Worker(new URL('./task-processor.mjs', import.meta.url));
    worker.on('message', (result) => {
      // Success: call the callback passed to `runTask`, forget the `TaskInfo`
      // and mark the worker as free again.
      worker[kTaskInfo].done(null, result);
      worker[kTaskInfo] = null;
      this.freeWorkers.push(worker);
      this.emit(kWorkerFreedEvent);
    });
    worker.on('error', (err) => {
      // Uncaught exception: hand the error to the callback, replace the worker.
      if (worker[kTaskInfo]) worker[kTaskInfo].done(err, null);
      else this.emit('error', err);
      this.workers.splice(this.workers.indexOf(worker), 1);
      this.addNewWorker();
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

// One worker per task, so all tasks run at once. (A queued task gets its TaskInfo only
// when a worker frees up, inside that worker's 'message' event: it would not keep the
// context of its caller.)
const requestName = new AsyncLocalStorage();
const names = ['A', 'B', 'C'];
const pool = new WorkerPool(names.length);
let finished = 0;

names.forEach((name, i) => {
  // Each task is started from its own callback, like a request handler would.
  setImmediate(() => requestName.run(`request ${name}`, () => {
    const startedIn = executionAsyncId();
    pool.runTask({ a: 42, b: 100 * i }, (err, result) => {
      console.log(`${name}: result ${result}, store "${requestName.getStore()}"`);
      console.log(`${name}: runs in its WorkerPoolTaskInfo: ${executionAsyncResource() instanceof WorkerPoolTaskInfo}`);
      console.log(`${name}: triggered by the callback that called runTask: ${triggerAsyncId() === startedIn}`);
      if (++finished === names.length) pool.close();
    });
  }));
});
