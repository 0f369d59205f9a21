// The events of Node's servers (net.Server, and so http, https and http2 servers) in a
// scope: whatever a listener enters with `enterWith` is dropped when emit returns.
//
// Node's own I/O calls back without going through the engine, and most of it from the event
// loop, one callback per task: there the between-tasks reset (between-tasks.ts) drops what a
// callback entered before the next one runs. Not so for the HTTP parser: one socket read
// with several pipelined requests calls the server's 'request' listener once per request,
// with no task between, so a handler that calls `enterWith` would leave its store to the
// next request's. Natively, each parser callback runs in a scope (Node 24's
// AsyncContextFrame) that puts the context back when it returns; this layer is that scope
// for the server's events. A listener that the program calls by emitting an event on a
// server itself loses what it entered with enterWith when emit returns, which native Node
// would keep: a server's events are the platform's to emit.

import { currentFrame, restoreFrame } from '../core/frame';
import { replaceMethod } from './patch';
import { nodeBuiltin } from './node-builtins';

type Emit = (this: unknown, event: unknown, ...args: unknown[]) => boolean;

export function installServerScopes(global: typeof globalThis): void {
  const net = nodeBuiltin<{ Server?: { prototype?: object } }>(global, 'net');
  const prototype = net?.Server?.prototype;
  if (prototype === undefined) return;
  replaceMethod<Emit>(prototype, 'emit', (original) => function emit(this: unknown) {
    const frame = currentFrame();
    try {
      return Reflect.apply(original, this, arguments);
    } finally {
      restoreFrame(frame);
    }
  });
}
