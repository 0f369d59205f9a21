// The module.register() hooks of `anyctx-build/register` (loaded by it on Node's loader thread;
// not an entry for users).
export { resolve, load } from '../register/esm-hooks';
