// known-difference: the portable engine replaces the global Promise with a constructor sharing the native prototype (so `new Promise` executors keep context), so `promise.constructor === Promise` is false; use `instanceof Promise`
// Identity of the global Promise constructor. Making `Promise.prototype.constructor` the
// replacement would send every `await` of a native promise down the spec's slow path (two
// extra ticks each), so the portable engine keeps the native one there.
import { log } from '../_lib/out.cjs';

const p = Promise.resolve(1);
log('promise.constructor === Promise', p.constructor === Promise);
log('Promise.prototype.constructor === Promise', Promise.prototype.constructor === Promise);
