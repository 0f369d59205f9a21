// Await in other expression positions.
import { observe } from '../_lib/observe.cjs';

const { als, see, later } = observe();
class Box { constructor(v) { this.v = v; } }
async function main() {
  const object = { key: 'value', n: 2 };
  see('typeof ' + typeof await later(1));
  see('void ' + void await later(1));
  see('unary ' + -(await later(3)));
  see('power ' + (await later(3)) ** 2);
  see('member ' + object[await later('key')]);
  see('spread ' + [...await later([1, 2])].length + ' ' + Object.keys({ ...await later(object) }).length);
  see('new ' + new (await later(Box))(await later('boxed')).v);
  see('in ' + ((await later('key')) in object) + ' instanceof ' + ((await later(new Box())) instanceof Box));
  let x;
  x = await later('assigned');
  object[await later('n')] = await later(5);
  see('assignments ' + x + ' ' + object.n);
  see('comma ' + (await later(1), await later(2)));
  see('delete ' + delete (await later(object)).key);
  see('call result ' + (await later(() => als.getStore()))());
  see('in a callback ' + [1].map((v) => v + ' ' + als.getStore()));
  function* sync() { yield als.getStore(); }
  see('sync generator ' + [...sync()]);
}

export default main;
