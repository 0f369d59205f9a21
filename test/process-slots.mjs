// At most `limit` child processes at a time, whatever node:test starts: the CI machines
// have two cores.
export function processSlots(limit) {
  let running = 0;
  const queue = [];
  return async function withProcessSlot(fn) {
    if (running >= limit) await new Promise((resolve) => queue.push(resolve));
    running += 1;
    try {
      return await fn();
    } finally {
      running -= 1;
      queue.shift()?.();
    }
  };
}
