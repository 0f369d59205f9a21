// The worker side of the worker-pool demo, as in Node's docs: add two numbers.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (task) => {
  parentPort.postMessage(task.a + task.b);
});
