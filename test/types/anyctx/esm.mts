// anyctx as an ES module project uses it. Every line must compile, except
// those marked as expected errors, which must not.
import { AsyncLocalStorage, AsyncContext, AsyncResource, createHook, carryContext, executionAsyncId, asyncWrapProviders, type AsyncHook } from 'anyctx';
import anyctx from 'anyctx';
import * as portable from 'anyctx/portable';
import { HELPER_NAMES, HELPERS_EXPORT, type AwaitHelpers, type HelperName } from 'anyctx/protocol';

type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends (<G>() => G extends B ? 1 : 2) ? true : false;

// AsyncLocalStorage<T>: a type as well as a class, with the store typed.
const requestId: AsyncLocalStorage<string> = new AsyncLocalStorage<string>({ name: 'requestId' });
const store = requestId.getStore();
true satisfies Equal<typeof store, string | undefined>;
const length: number = requestId.run('r1', (suffix: string) => (requestId.getStore() ?? '').length + suffix.length, '!');
requestId.exit(() => undefined);
// @ts-expect-error: the store is a string
requestId.run(42, () => undefined);
// @ts-expect-error: the callback's arguments follow it
requestId.run('r1', (count: number) => count, 'not a number');
// @ts-expect-error: no private field is public
requestId.slot;
const inferred = new AsyncLocalStorage({ defaultValue: 0 });
true satisfies Equal<ReturnType<typeof inferred.getStore>, number | undefined>;
const restore = AsyncLocalStorage.snapshot();
const restored: number = restore((a: number) => a * 2, 21);

// AsyncContext: a namespace of classes, usable as types.
const depth: AsyncContext.Variable<number> = new AsyncContext.Variable<number>({ name: 'depth', defaultValue: 0 });
true satisfies Equal<ReturnType<typeof depth.get>, number | undefined>;
const deeper: string = depth.run(1, (label: string) => `${label}${depth.get()}`, 'depth ');
// @ts-expect-error: the value is a number
depth.run('one', () => undefined);
const snapshot: AsyncContext.Snapshot = new AsyncContext.Snapshot();
const fromSnapshot: number = snapshot.run(() => depth.get() ?? 0);
const wrapped = AsyncContext.Snapshot.wrap((a: string) => a.length);
const wrappedLength: number = wrapped('abc');
// @ts-expect-error: AsyncContext holds only Variable and Snapshot
new AsyncContext.Mapping();
const options: AsyncContext.VariableOptions<string> = { name: 'user' };

// AsyncResource and the hooks.
class DatabaseQuery extends AsyncResource {
  constructor() {
    super('DatabaseQuery', { requireManualDestroy: true });
  }
}
const query = new DatabaseQuery();
const answer: number = query.runInAsyncScope(function (this: { base: number }, add: number) { return this.base + add; }, { base: 40 }, 2);
const bound: (a: string) => number = AsyncResource.bind((a: string) => a.length);
const hook: AsyncHook = createHook({ init(asyncId: number, type: string, triggerAsyncId: number, resource: object) {} }).enable();
hook.disable();
// @ts-expect-error: createHook takes the callbacks
createHook({ init: 'no' });
// @ts-expect-error: in 'anyctx' AsyncHook is a type only, as in node:async_hooks
new AsyncHook({});
const id: number = executionAsyncId();
const promiseProvider: number | undefined = asyncWrapProviders.PROMISE;

// carryContext takes storages and variables.
const undo: () => void = carryContext({ postMessage() {} }, [requestId, depth]);
carryContext({}, { requestId, depth });
// @ts-expect-error: a storage, not a string
carryContext({}, ['requestId']);

// The default export is the API as one object; anyctx/portable has the same classes.
const same: typeof AsyncLocalStorage = anyctx.AsyncLocalStorage;
const portableStorage: AsyncLocalStorage<string> = new portable.AsyncLocalStorage<string>();
const portableVariable: AsyncContext.Variable<number> = new portable.AsyncContext.Variable<number>();
portable.install();
portable.uninstall();
const installed: boolean = portable.isInstalled();
const portableHook: portable.AsyncHook = new portable.AsyncHook({});
const helpers: AwaitHelpers = portable[HELPERS_EXPORT];
const first: HelperName = HELPER_NAMES[0];

export {
  length, restored, deeper, fromSnapshot, wrappedLength, options, answer, bound, id, promiseProvider, undo, same,
  portableStorage, portableVariable, installed, portableHook, helpers, first,
};
