// AsyncResource: a user-defined async resource. It captures the frame it was created in and
// runs callbacks in it, with its own async id as the execution id.

import { currentFrame, swapFrame, restoreFrame, type Frame } from './frame';
import { defaultTriggerAsyncId, executionAsyncId, executionResource, newAsyncId, setExecution, triggerAsyncId } from './execution';
import { cancelDestroyWhenCollected, destroyWhenCollected, emitAfter, emitBefore, emitDestroy, emitInit, hookCounts } from './hooks';
import { asyncType, invalidAsyncId, validate } from './errors';
import { warnDeprecated } from './deprecation';

export interface AsyncResourceOptions {
  triggerAsyncId?: number;
  requireManualDestroy?: boolean;
}

type BoundFunction<F> = F & { asyncResource: AsyncResource };

export class AsyncResource {
  readonly #frame: Frame;
  readonly #asyncId: number;
  readonly #triggerAsyncId: number;
  #collectable = false;

  constructor(type: string, options: AsyncResourceOptions | number = {}) {
    validate(type, 'string', 'type');
    let triggerAsyncId: unknown = options;
    let requireManualDestroy = false;
    if (typeof options !== 'number') {
      triggerAsyncId = options.triggerAsyncId === undefined ? defaultTriggerAsyncId() : options.triggerAsyncId;
      requireManualDestroy = !!options.requireManualDestroy;
    }
    if (!Number.isSafeInteger(triggerAsyncId) || (triggerAsyncId as number) < -1) {
      throw invalidAsyncId('triggerAsyncId', triggerAsyncId);
    }
    this.#frame = currentFrame();
    this.#asyncId = newAsyncId();
    this.#triggerAsyncId = triggerAsyncId as number;
    if (hookCounts.init > 0) {
      if (type.length === 0) throw asyncType(type);
      emitInit(this.#asyncId, type, this.#triggerAsyncId, this);
    }
    if (!requireManualDestroy && hookCounts.destroy > 0) {
      this.#collectable = true;
      destroyWhenCollected(this, this.#asyncId);
    }
  }

  runInAsyncScope<This, Args extends unknown[], R>(fn: (this: This, ...args: Args) => R, thisArg?: This, ...args: Args): R {
    const asyncId = this.#asyncId;
    const savedId = executionAsyncId;
    const savedTrigger = triggerAsyncId;
    const savedResource = executionResource;
    setExecution(asyncId, this.#triggerAsyncId, this);
    emitBefore(asyncId);
    const previous = swapFrame(this.#frame);
    try {
      return Reflect.apply(fn, thisArg, args);
    } finally {
      restoreFrame(previous);
      emitAfter(asyncId);
      setExecution(savedId, savedTrigger, savedResource);
    }
  }

  emitDestroy(): this {
    if (this.#collectable) {
      this.#collectable = false;
      cancelDestroyWhenCollected(this);
    }
    emitDestroy(this.#asyncId);
    return this;
  }

  asyncId(): number {
    return this.#asyncId;
  }

  triggerAsyncId(): number {
    return this.#triggerAsyncId;
  }

  bind<F extends (...args: any[]) => any>(fn: F, thisArg?: unknown): BoundFunction<F> {
    validate(fn, 'function', 'fn');
    const runner = this;
    // Named `bound` (below: a minifier would drop a declared name) and calling with the
    // caller's `this`, as Node's is. Its arguments are copied by index, not spread: a program
    // may have taken Array.prototype[Symbol.iterator] away.
    const bound = thisArg === undefined
      ? function (this: unknown) {
        const args: unknown[] = [fn, this];
        for (let i = 0; i < arguments.length; i++) args[i + 2] = arguments[i];
        return Reflect.apply(runner.runInAsyncScope, runner, args);
      }
      : this.runInAsyncScope.bind(this, fn, thisArg);
    // What the deprecated property reads and writes; the function keeps running in `runner`.
    let resource: AsyncResource = this;
    const warn = () => warnDeprecated('The asyncResource property on bound functions is deprecated', 'DEP0172');
    // `length` stays non-writable and non-enumerable, as a function's own is. The descriptors
    // inherit nothing: an Object.prototype.get would make { value } an invalid one.
    return Object.defineProperties(bound, {
      length: { __proto__: null, value: fn.length } as PropertyDescriptor,
      name: { __proto__: null, value: thisArg === undefined ? 'bound' : bound.name } as PropertyDescriptor,
      asyncResource: {
        __proto__: null,
        configurable: true,
        enumerable: true,
        get() {
          warn();
          return resource;
        },
        set(value: AsyncResource) {
          warn();
          resource = value;
        },
      } as PropertyDescriptor,
    }) as BoundFunction<F>;
  }

  static bind<F extends (...args: any[]) => any>(fn: F, type?: string, thisArg?: unknown): BoundFunction<F> {
    type = type || fn.name || 'bound-anonymous-fn';
    return newResource(type).bind(fn, thisArg);
  }
}

// Outside the class, whose body then never names it (see async-local-storage.ts's bind).
function newResource(type: string): AsyncResource {
  return new AsyncResource(type);
}
