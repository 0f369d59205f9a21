// The execution context of async_hooks: which resource's callback is running
// (executionAsyncId / executionAsyncResource) and which resource caused it (triggerAsyncId).
//
// Every wrapper that runs a callback saves these three, sets its own and puts them back in
// a `finally`, the same discipline as for frames.

/** Node's top-level resource: an empty object, the same one each time it is asked for. */
export const TOP_LEVEL_RESOURCE: object = {};

let lastAsyncId = 1;
export let executionAsyncId = 1;
export let triggerAsyncId = 0;
export let executionResource: object = TOP_LEVEL_RESOURCE;

export function newAsyncId(): number {
  return ++lastAsyncId;
}

/** Sets the execution context; returns nothing, callers save the old values themselves. */
export function setExecution(asyncId: number, trigger: number, resource: object): void {
  executionAsyncId = asyncId;
  triggerAsyncId = trigger;
  executionResource = resource;
}

/** The trigger id Node gives a resource created now when none is specified. */
export function defaultTriggerAsyncId(): number {
  return executionAsyncId;
}
