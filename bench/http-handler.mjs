// The benchmarked request listener: one run() per request and three awaits in it, each
// awaiting an async "lookup" that reads the store, as a handler calling a data layer would.
// `context` is anything with getStore() and run(store, fn).
//
// For the portable engine this file runs as rewritten by the await transform
// (bench/generate.mjs writes the copy into bench/.generated/); every other engine runs it
// as it is. It imports nothing, so the copy works from any directory.

export function createListener(context) {
  const counts = { requests: 0, misses: 0 };
  let nextId = 0;

  // Counts a read that did not see this request's own store (none, or another request's).
  const check = (store) => {
    if (context.getStore() !== store) counts.misses++;
  };

  async function findUser(store) {
    check(store);
    return { id: store.id, name: 'user' };
  }

  async function findPermissions(store, user) {
    check(store);
    return { userId: user.id, read: true };
  }

  async function recordAccess(store, user) {
    check(store);
    return user.id;
  }

  async function handle(store, response) {
    const user = await findUser(store);
    check(store);
    const permissions = await findPermissions(store, user);
    check(store);
    await recordAccess(store, user);
    check(store);
    response.setHeader('content-type', 'application/json');
    response.end(`{"user":${user.id},"read":${permissions.read}}`);
  }

  function listener(request, response) {
    counts.requests++;
    const store = { id: ++nextId };
    context.run(store, () => handle(store, response));
  }

  return { listener, counts };
}
