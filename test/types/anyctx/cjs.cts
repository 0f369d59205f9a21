// anyctx as a CommonJS project uses it (the `require` conditions' declarations). Every line
// must compile, except those marked as expected errors, which must not.
import anyctx = require('anyctx');
import portable = require('anyctx/portable');
import protocol = require('anyctx/protocol');

type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends (<G>() => G extends B ? 1 : 2) ? true : false;

const requestId: anyctx.AsyncLocalStorage<string> = new anyctx.AsyncLocalStorage<string>();
const store = requestId.getStore();
true satisfies Equal<typeof store, string | undefined>;
// @ts-expect-error: the store is a string
requestId.run(42, () => undefined);

const depth: anyctx.AsyncContext.Variable<number> = new anyctx.AsyncContext.Variable<number>({ defaultValue: 0 });
true satisfies Equal<ReturnType<typeof depth.get>, number | undefined>;
// @ts-expect-error: the value is a number
depth.run('one', () => undefined);
const snapshot: anyctx.AsyncContext.Snapshot = new anyctx.AsyncContext.Snapshot();

// What esbuild's CommonJS build has: the named exports and `default`.
const same: typeof anyctx.AsyncLocalStorage = anyctx.default.AsyncLocalStorage;
const portableStorage: portable.AsyncLocalStorage<string> = new portable.AsyncLocalStorage<string>();
portable.install();
const installed: boolean = portable.isInstalled();
const helpersExport: 'awaitFrames' = protocol.HELPERS_EXPORT;

export = { requestId, depth, snapshot, same, portableStorage, installed, helpersExport };
