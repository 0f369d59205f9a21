// docs/semantics.md §2: on Node, MessagePort messages are delivered in the frame in which the
// channel was created, not the frame of postMessage or of adding the listener, for
// both port.on('message') and port.onmessage.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();

const first = als.run('created-1', () => new MessageChannel());
const second = als.run('created-2', () => new MessageChannel());

als.run('listener-1', () => first.port1.on('message', (message) => {
  log('port.on message', message, 'in', als.getStore());
  // The second channel is used only after the first message arrived: fixed order.
  als.run('post-2', () => second.port2.postMessage('m2'));
}));
als.run('listener-2', () => {
  second.port1.onmessage = (event) => {
    log('onmessage', event.data, 'in', als.getStore());
    first.port1.close();
    second.port1.close();
  };
});
als.run('post-1', () => first.port2.postMessage('m1'));
