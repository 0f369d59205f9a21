// docs/semantics.md §2 (Node's rule for ports): a port's 'close' event, which Node dispatches itself
// once the port is closed, runs in the channel's creation frame too, not in the frame that
// called close() or added the listener.
import { AsyncLocalStorage } from '#ctx';
import { log } from '../_lib/out.cjs';

const als = new AsyncLocalStorage();
const channel = als.run('created', () => new MessageChannel());
als.run('listener', () => channel.port1.on('close', () => log('close in', als.getStore())));
als.run('closer', () => channel.port1.close());
