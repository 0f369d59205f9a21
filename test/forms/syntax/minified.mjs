// Minified: await(, yield[, return(, of( without a space.
// Minifiers drop the space after a keyword where a parenthesis, bracket or literal
// follows: what is inserted there must not make one word of the keyword and itself.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
async function*g(){yield(1);const v=yield[2];see('yielded back '+v);return(await later(3))}
async function main(){const o={t:await(await later({v:'x'})).v};see('await( gave '+o.t);for await(const x of(g()))see('of( gave '+x);const it=g();await it.next();see('next( gave '+(await it.next('w')).value+' '+(await it.next()).value)}

export default main;
