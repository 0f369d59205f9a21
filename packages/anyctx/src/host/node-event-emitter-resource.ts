// `events.EventEmitterAsyncResource` on the portable engine's AsyncResource. Node's class is
// built on Node's own AsyncResource, whose scope and ids the portable engine cannot see: its
// listeners would run in the emitter's caller's context, with no id of the engine's. This
// one is Node's (lib/events.js) on the engine's resource: listeners run in the scope the
// emitter was constructed in, whoever emits. An ids variant (sources.ts): AsyncResource is
// the async_hooks half's.

import { AsyncResource, type AsyncResourceOptions } from '../core/async-resource';
import { validate } from '../core/errors';
import { syncBuiltinExports } from './node-builtins';
import { define } from './patch';

type Options = AsyncResourceOptions & { name?: string; captureRejections?: boolean };
/** Node's EventEmitter, as much of it as this needs (the runtime imports no Node module). */
interface NodeEventEmitter { emit(event: string | symbol, ...args: unknown[]): boolean }
type EventEmitterClass = { new (options?: object): NodeEventEmitter; prototype: NodeEventEmitter };

export function installEventEmitterAsyncResource(global: typeof globalThis): void {
  // Bun's, Deno's and workerd's `events` too: theirs is built on their own AsyncResource.
  let EventEmitter: EventEmitterClass | undefined;
  try {
    EventEmitter = (global as { process?: { getBuiltinModule?(id: string): any } }).process?.getBuiltinModule?.('events');
  } catch {
    // A runtime that presents as Node without Node's modules.
  }
  if (typeof EventEmitter !== 'function' || typeof EventEmitter.prototype?.emit !== 'function') return;

  class EventEmitterReferencingAsyncResource extends AsyncResource {
    readonly #eventEmitter: NodeEventEmitter;

    constructor(eventEmitter: NodeEventEmitter, type: string, options?: Options) {
      super(type, options);
      this.#eventEmitter = eventEmitter;
    }

    get eventEmitter(): NodeEventEmitter {
      return this.#eventEmitter;
    }
  }

  class EventEmitterAsyncResource extends EventEmitter {
    readonly #asyncResource: EventEmitterReferencingAsyncResource;

    constructor(options?: Options | string) {
      let name: string;
      if (typeof options === 'string') {
        name = options;
        options = undefined;
      } else {
        if (new.target === EventEmitterAsyncResource) validate(options?.name, 'string', 'options.name');
        name = options?.name || new.target.name;
      }
      super(options);
      this.#asyncResource = new EventEmitterReferencingAsyncResource(this, name, options);
    }

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      // The arguments copied, not spread: spreading reads Array.prototype[Symbol.iterator],
      // which the program may have taken away.
      const resource = this.#asyncResource;
      const call: unknown[] = [super.emit, this, event];
      for (let i = 0; i < args.length; i++) call[i + 3] = args[i];
      return Reflect.apply(resource.runInAsyncScope, resource, call) as boolean;
    }

    emitDestroy(): void {
      this.#asyncResource.emitDestroy();
    }

    get asyncId(): number {
      return this.#asyncResource.asyncId();
    }

    get triggerAsyncId(): number {
      return this.#asyncResource.triggerAsyncId();
    }

    get asyncResource(): EventEmitterReferencingAsyncResource {
      return this.#asyncResource;
    }
  }

  // Node's own is a lazy getter of the module (which is EventEmitter): so is this one.
  define(EventEmitter, 'EventEmitterAsyncResource', {
    get: () => EventEmitterAsyncResource, set: undefined, enumerable: true, configurable: true,
  });
  syncBuiltinExports(global);
}
