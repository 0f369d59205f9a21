// The tracked variant of each task source: a layer over the one in effect (the engine's, which
// carries the frame, ids and hooks in whatever mode the engine is in; what other code put on
// top stays on top of it), laid when the first tracker is made. Until then no source pays
// anything for tracking, and a program that does not import the tracker has none of this.
//
// A tracked layer asks `begin` for a task where the current scope has trackers, and passes the
// call through unchanged where it has none. The task ends when the work is done:
// - a callback's task (timers, immediates, ticks, microtasks, animation frames, idle
//   callbacks) when the callback returns or throws, or when the handle is cleared; an
//   interval's only when cleared;
// - a promise's (fetch and the body readers of its Response, scheduler.postTask, Node's
//   timers/promises) when the promise settles, before the caller's reactions run;
// - an event target's (XMLHttpRequest, FileReader, IndexedDB requests) at the event that
//   ends the operation (`loadend`; `success` or `error`);
// - a message posted on a MessageChannel's port when the other end delivers it
//   (tracked-message-ports.ts).
// The table of what counts is in docs/tracker.md.

import { layer, nodeModule, type Begin, type Method, type TaskLike } from './layer';
import { syncBuiltinExports } from '../host/node-builtins';
import { trackMessagePorts } from './tracked-message-ports';

let laid = false;

/** Lays the tracked layers on the global and on Node's timer modules, once. */
export function layTrackedSources(begin: Begin): void {
  if (laid) return;
  laid = true;
  const g = globalThis as Record<string, any>;
  const timers = new HandleTasks();
  const immediates = new HandleTasks();
  for (const holder of [g, nodeModule('node:timers')]) {
    if (holder === undefined) continue;
    trackScheduler(begin, holder, 'setTimeout', 'clearTimeout', timers, false);
    trackScheduler(begin, holder, 'setInterval', 'clearInterval', timers, true);
    trackScheduler(begin, holder, 'setImmediate', 'clearImmediate', immediates, false);
  }
  trackCallback(begin, g, 'queueMicrotask');
  if (typeof g.process?.nextTick === 'function') trackCallback(begin, g.process, 'nextTick', 'process.nextTick');
  const timersPromises = nodeModule('node:timers/promises');
  if (timersPromises !== undefined) {
    for (const name of ['setTimeout', 'setImmediate']) trackSettling(begin, timersPromises, name, `timers/promises.${name}`);
    if (timersPromises.scheduler !== undefined) trackSettling(begin, timersPromises.scheduler, 'wait', 'timers/promises.scheduler.wait');
  }

  trackSettling(begin, g, 'fetch');
  const response = g.Response?.prototype;
  if (response !== undefined) {
    for (const name of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']) trackSettling(begin, response, name, `Response.${name}`);
  }
  trackScheduler(begin, g, 'requestAnimationFrame', 'cancelAnimationFrame', new HandleTasks(), false);
  trackScheduler(begin, g, 'requestIdleCallback', 'cancelIdleCallback', new HandleTasks(), false);
  const scheduler = g.Scheduler?.prototype;
  if (scheduler !== undefined) trackSettling(begin, scheduler, 'postTask', 'scheduler.postTask');
  trackXmlHttpRequest(begin, g.XMLHttpRequest?.prototype);
  const reader = g.FileReader?.prototype;
  if (reader !== undefined) {
    for (const name of ['readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL', 'readAsText']) {
      trackUntilEvent(begin, reader, name, `FileReader.${name}`, (self) => self as EventTarget, ['loadend']);
    }
  }
  trackIndexedDb(begin, g);
  trackMessagePorts(begin, g);
  // ES modules' named imports of node:timers and node:timers/promises are copies: made again.
  syncBuiltinExports(globalThis);
}

/** Calls `inner` with `args` but `callback` at 0; the common shapes without an array (an absent argument stays absent). */
function callWith(inner: Method, self: unknown, args: IArguments, callback: unknown): unknown {
  if (args.length === 1) return inner.call(self, callback);
  if (args.length === 2) return inner.call(self, callback, args[1]);
  const list = Array.prototype.slice.call(args);
  list[0] = callback;
  return Reflect.apply(inner, self, list);
}

/**
 * Where a scheduler's pending tasks are kept by handle, for its clear function: a number (a
 * browser's id) in a Map, an object (Node's Timeout, Immediate) on the handle itself, under a
 * symbol (a Map or WeakMap keyed by Node's handles cost a microsecond per timer on Node 24,
 * three times the engine's own cost). One table for setTimeout and setInterval, whose clear
 * functions clear either.
 */
class HandleTasks {
  readonly #numbers = new Map<unknown, TaskLike>();
  readonly #key = Symbol('anyctx.task');

  set(handle: unknown, task: TaskLike): void {
    if (typeof handle === 'object' && handle !== null) (handle as Record<symbol, TaskLike | undefined>)[this.#key] = task;
    else this.#numbers.set(handle, task);
  }

  /** The pending task of `handle`, which it forgets. */
  take(handle: unknown): TaskLike | undefined {
    if (typeof handle === 'object' && handle !== null) {
      const task = (handle as Record<symbol, TaskLike | undefined>)[this.#key];
      // Set to undefined rather than deleted: a deleted property would slow the handle down.
      if (task !== undefined) (handle as Record<symbol, TaskLike | undefined>)[this.#key] = undefined;
      return task;
    }
    const task = this.#numbers.get(handle);
    if (task !== undefined) this.#numbers.delete(handle);
    return task;
  }
}

/**
 * A scheduler whose callback is its first argument and which returns a handle its clear
 * function takes (timers, immediates, animation frames, idle callbacks). A periodic task (an
 * interval) ends only when cleared.
 */
function trackScheduler(begin: Begin, holder: object, name: string, clearName: string, tasks: HandleTasks, periodic: boolean): void {
  layer(holder, name, (inner) => function (this: unknown, callback: unknown) {
    const task = typeof callback === 'function' ? begin(name, periodic) : undefined;
    if (task === undefined) return Reflect.apply(inner, this, arguments);
    let handle: unknown;
    const scheduled: unknown = periodic ? callback : function (this: unknown) {
      try {
        return Reflect.apply(callback as Function, this, arguments);
      } finally {
        // The handle keeps the ended task: a clear after the run ends it again, which does nothing.
        if (typeof handle !== 'object') tasks.take(handle);
        task.end();
      }
    };
    try {
      handle = callWith(inner, this, arguments, scheduled);
    } catch (error) {
      task.end();
      throw error;
    }
    tasks.set(handle, task);
    clearingMethodsEndTask(handle, tasks);
    return handle;
  });
  layer(holder, clearName, (inner) => function (this: unknown, handle: unknown) {
    tasks.take(handle)?.end();
    return Reflect.apply(inner, this, arguments);
  });
}

/**
 * Node's Timeout#close() and the handles' [Symbol.dispose]() (`using`) clear the timer without
 * the global clear functions: they end the task too. Laid on each handle prototype met.
 */
const clearing = new WeakSet<object>();
let lastProto: object | null = null;
function clearingMethodsEndTask(handle: unknown, tasks: HandleTasks): void {
  if (typeof handle !== 'object' || handle === null) return;
  const proto = Object.getPrototypeOf(handle);
  if (proto === lastProto) return;
  lastProto = proto;
  if (proto === null || clearing.has(proto)) return;
  clearing.add(proto);
  for (const key of ['close', Symbol.dispose]) {
    // (Symbol.dispose is undefined where the runtime has none.)
    if (key === undefined || typeof proto[key] !== 'function') continue;
    layer(proto, key, (inner) => function (this: unknown) {
      tasks.take(this)?.end();
      return Reflect.apply(inner, this, arguments);
    });
  }
}

/** A function that queues its first argument to run once (queueMicrotask, process.nextTick). */
function trackCallback(begin: Begin, holder: object, name: string, source = name): void {
  layer(holder, name, (inner) => function (this: unknown, callback: unknown) {
    const task = typeof callback === 'function' ? begin(source) : undefined;
    if (task === undefined) return Reflect.apply(inner, this, arguments);
    const scheduled = function (this: unknown) {
      try {
        return Reflect.apply(callback as Function, this, arguments);
      } finally {
        task.end();
      }
    };
    try {
      return callWith(inner, this, arguments, scheduled);
    } catch (error) {
      task.end();
      throw error;
    }
  });
}

/**
 * A function that returns a promise: its task ends when the promise settles. The caller gets
 * the promise that follows it (settled the same way, a reaction later), so that the task has
 * ended before the caller's reactions run, and a rejection nobody handles is still reported.
 */
function trackSettling(begin: Begin, holder: object, name: string, source = name): void {
  layer(holder, name, (inner) => function (this: unknown) {
    const task = begin(source);
    if (task === undefined) return Reflect.apply(inner, this, arguments);
    let result: unknown;
    try {
      result = Reflect.apply(inner, this, arguments);
    } catch (error) {
      task.end();
      throw error;
    }
    if (typeof (result as PromiseLike<unknown> | null)?.then !== 'function') {
      task.end();
      return result;
    }
    return (result as PromiseLike<unknown>).then((value) => {
      task.end();
      return value;
    }, (error) => {
      task.end();
      throw error;
    });
  });
}

/**
 * A method that starts an operation whose end an event on `target(self, result)` tells
 * (FileReader's reads, IndexedDB's requests): the task ends at the first of `events`.
 * `started` is told each task with its target.
 */
function trackUntilEvent(
  begin: Begin, proto: object, name: PropertyKey, source: string,
  target: (self: unknown, result: unknown) => EventTarget | undefined, events: readonly string[],
  started?: (target: EventTarget, task: TaskLike) => void,
): void {
  layer(proto, name, (inner) => function (this: unknown) {
    const result = Reflect.apply(inner, this, arguments);
    // Begun once the operation has started (its events come later): a method that threw, or
    // returned no request (IDBDatabase.transaction), is no task.
    const eventTarget = target(this, result);
    const task = eventTarget === undefined ? undefined : begin(source);
    if (task !== undefined) {
      endAtEvent(task, eventTarget!, events);
      started?.(eventTarget!, task);
    }
    return result;
  });
}

/**
 * Ends `task` at the first of `events` on `target`. Capture listeners: at the target they run
 * before the others, which cannot hide the event from them with stopImmediatePropagation().
 */
function endAtEvent(task: TaskLike, target: EventTarget, events: readonly string[]): void {
  const end = () => {
    for (const event of events) target.removeEventListener(event, end, true);
    task.end();
  };
  for (const event of events) target.addEventListener(event, end, true);
}

/**
 * XMLHttpRequest: an asynchronous send() is a task until `loadend` (after load, error, abort or
 * timeout). open() on a request in flight stops it without a `loadend`: its task ends there.
 */
function trackXmlHttpRequest(begin: Begin, proto: object | undefined): void {
  if (proto === undefined) return;
  const synchronous = new WeakSet<object>();
  const inFlight = new WeakMap<object, TaskLike>();
  layer(proto, 'open', (inner) => function (this: unknown) {
    inFlight.get(this as object)?.end();
    // open(method, url, async): only an explicit false is synchronous.
    if (arguments.length > 2 && !arguments[2]) synchronous.add(this as object);
    else synchronous.delete(this as object);
    return Reflect.apply(inner, this, arguments);
  });
  trackUntilEvent(begin, proto, 'send', 'XMLHttpRequest.send', (self) => synchronous.has(self as object) ? undefined : self as EventTarget, ['loadend'],
    (request, task) => inFlight.set(request, task));
}

/** IndexedDB: a request is a task until its `success` or `error`; a cursor's next step is another. */
function trackIndexedDb(begin: Begin, g: Record<string, any>): void {
  const IDBRequest = g.IDBRequest as (new () => EventTarget) | undefined;
  if (IDBRequest === undefined) return;
  const request = (_self: unknown, result: unknown) => result instanceof IDBRequest ? result : undefined;
  for (const name of ['IDBFactory', 'IDBDatabase', 'IDBObjectStore', 'IDBIndex']) {
    const proto = g[name]?.prototype;
    if (proto === undefined) continue;
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor' || typeof Object.getOwnPropertyDescriptor(proto, key)?.value !== 'function') continue;
      trackUntilEvent(begin, proto, key, `${name}.${key}`, request, ['success', 'error']);
    }
  }
  const cursor = g.IDBCursor?.prototype;
  if (cursor !== undefined) for (const key of ['continue', 'advance', 'continuePrimaryKey']) {
    trackUntilEvent(begin, cursor, key, `IDBCursor.${key}`, (self) => (self as { request?: EventTarget }).request, ['success', 'error']);
  }
}
