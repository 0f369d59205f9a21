// The execution context of async_hooks: which resource's callback is running
// (executionAsyncId / executionAsyncResource) and which resource caused it (triggerAsyncId).
//
// Every wrapper that runs a callback saves these three, sets its own and puts them back in
// a `finally`, the same discipline as for frames; `enter`/`exit` keep an explicit stack for
// the API shape Node has (emitBefore/emitAfter in AsyncResource#runInAsyncScope).

/** Node's top-level resource: an empty object, the same one each time it is asked for. */
export const TOP_LEVEL_RESOURCE: object = {};

let lastAsyncId = 1;
export let executionAsyncId = 1;
export let triggerAsyncId = 0;
export let executionResource: object = TOP_LEVEL_RESOURCE;

export function newAsyncId(): number {
  return ++lastAsyncId;
}

export interface ExecutionContext {
  asyncId: number;
  triggerAsyncId: number;
  resource: object;
}

/** Sets the execution context; returns nothing, callers save the old values themselves. */
export function setExecution(asyncId: number, trigger: number, resource: object): void {
  executionAsyncId = asyncId;
  triggerAsyncId = trigger;
  executionResource = resource;
}

const stack: ExecutionContext[] = [];

export function pushExecution(asyncId: number, trigger: number, resource: object): void {
  stack.push({ asyncId: executionAsyncId, triggerAsyncId, resource: executionResource });
  setExecution(asyncId, trigger, resource);
}

export function popExecution(): void {
  const saved = stack.pop();
  if (saved !== undefined) setExecution(saved.asyncId, saved.triggerAsyncId, saved.resource);
}

export function hasExecutionStack(): boolean {
  return stack.length > 0;
}

/** The trigger id Node gives a resource created now when none is specified. */
export function defaultTriggerAsyncId(): number {
  return executionAsyncId;
}
