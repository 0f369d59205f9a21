// Class async methods: instance, static, private, computed keys.
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
const key = 'computed';
class Service {
  #secret = 's';
  async instance(x) { await later(); see('instance ' + x + ' ' + this.#secret); return this.#hidden(); }
  async #hidden() { await null; see('private'); return 'p'; }
  static async create() { await later(); see('static'); return new Service(); }
  async [key]() { await later(); see('computed key'); }
  async [Symbol.for('symbol-key')]() { await null; see('symbol key'); }
  static async #staticHidden() { await later(); see('static private'); }
  static callStaticHidden() { return Service.#staticHidden(); }
  field = async () => { await later(); see('field arrow ' + (this instanceof Service)); };
  static { this.ready = (async () => { await null; return 'static block'; })(); }
}
async function main() {
  const service = await Service.create();
  see('instance returned ' + await service.instance(1));
  await service.computed();
  await service[Symbol.for('symbol-key')]();
  await Service.callStaticHidden();
  await service.field();
  see(await Service.ready);
}

export default main;
