// Wrong on purpose (not in the project's files): test/types.test.mjs compiles it and reads
// the three errors, which must name the API's public types and never a private field.
import { AsyncLocalStorage, AsyncContext } from 'anyctx';

export const variable: AsyncContext.Variable<number> = new AsyncLocalStorage<string>();
export const storage: AsyncLocalStorage<string> = new AsyncContext.Variable<number>();
export const snapshot: AsyncContext.Snapshot = { run: 1 };
