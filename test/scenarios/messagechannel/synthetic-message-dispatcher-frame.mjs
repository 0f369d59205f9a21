// docs/semantics.md §2: only messages the channel delivers run in its creation frame. A 'message'
// event the program dispatches on a port itself is an ordinary event: its listeners run
// inside dispatchEvent, in the dispatcher's frame. (Browsers have their own rule: docs/semantics.md §2.)
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const channel = als.run('created', () => new MessageChannel());

let delivered = 0;
// Node hands the listener a dispatched event as it is, a delivered message's data alone.
als.run('listener', () => channel.port1.on('message', (data) => {
  log('message', typeof data === 'object' ? data.data : data, 'in', als.getStore());
  if (++delivered === 2) channel.port1.close();
}));
als.run('dispatcher', () => channel.port1.dispatchEvent(new MessageEvent('message', { data: 'synthetic' })));
log('after dispatch in', als.getStore());
als.run('post', () => channel.port2.postMessage('posted'));
