// Messages on one channel each start from the channel's creation frame: an enterWith
// inside one message handler does not reach the next message.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const channel = als.run('channel', () => new MessageChannel());
let received = 0;

channel.port1.on('message', (n) => {
  received += 1;
  log('message', n, 'starts in', als.getStore());
  als.enterWith(`entered-by-${n}`);
  if (received === 3) channel.port1.close();
});
for (const n of [1, 2, 3]) als.run(`post-${n}`, () => channel.port2.postMessage(n));
