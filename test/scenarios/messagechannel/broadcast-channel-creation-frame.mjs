// docs/semantics.md §2 (Node's rule for MessageChannel, which Node's BroadcastChannel follows:
// it receives through a port of its own): each message a BroadcastChannel receives runs its
// listeners in the frame the receiving channel was created in, not the poster's, the
// sender channel's or the listener's; an enterWith in one listener reaches the next listener
// of the same message, not the next message.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const sender = als.run('sender created', () => new BroadcastChannel('scenario'));
const receiver = als.run('receiver created', () => new BroadcastChannel('scenario'));

let received = 0;
als.run('listeners added', () => {
  receiver.onmessage = (event) => {
    log('onmessage', event.data, 'in', als.getStore());
    als.enterWith(`entered by ${event.data}`);
  };
  receiver.addEventListener('message', (event) => {
    log('message listener', event.data, 'in', als.getStore());
    received += 1;
    if (received === 2) {
      sender.close();
      receiver.close();
    }
  });
});
als.run('post 1', () => sender.postMessage('m1'));
// Posted from a tick: the poster's task does not matter either.
als.run('post 2', () => process.nextTick(() => sender.postMessage('m2')));
