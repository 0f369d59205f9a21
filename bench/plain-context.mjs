// The no-library baseline: the least any context library can cost. getStore() reads a
// module variable; run() saves it, sets it and puts it back in a finally. It tracks nothing
// across callbacks, so it only bounds the cost, it does not keep the context.
let current;

export const plainContext = {
  getStore() {
    return current;
  },
  run(store, fn) {
    const previous = current;
    current = store;
    try {
      return fn();
    } finally {
      current = previous;
    }
  },
};
