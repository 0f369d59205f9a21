// The module.register() hooks of `asyncctx/register` (loaded by it on Node's loader thread;
// not an entry for users).
export { resolve, load } from '../register/esm-hooks';
