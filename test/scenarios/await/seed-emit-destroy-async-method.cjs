// waits-for: transform
// Seed example (asyncResource.emitDestroy()): a subclass whose async method calls
// emitDestroy(); the destroy hook fires for it.
const async_hooks = require('#ctx');
const { atExit, log } = require('../_lib/out.cjs');

const destroyed = [];
const hook = async_hooks.createHook({
  destroy(asyncId) {
    destroyed.push(asyncId);
  },
});
hook.enable();

class MyResource extends async_hooks.AsyncResource {
  constructor() {
    super('MyResource');
  }

  async doSomethingAsync() {
    await null;
    this.emitDestroy();
  }
}

const myResource = new MyResource();
myResource.doSomethingAsync().then(() => log('done'));
atExit(() => log('resource destroyed:', destroyed.includes(myResource.asyncId())));
