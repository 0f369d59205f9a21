// The async_hooks id functions, reading the execution context.

import * as execution from './execution';

export function executionAsyncId(): number {
  return execution.executionAsyncId;
}

export function triggerAsyncId(): number {
  return execution.triggerAsyncId;
}

export function executionAsyncResource(): object {
  return execution.executionResource;
}
