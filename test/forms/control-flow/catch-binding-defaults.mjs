// Try/catch: binding patterns with defaults.
import { observe } from '../_lib/observe.cjs';

const { als, see, failLater } = observe();
async function main() {
  try { await failLater('x'); }
  catch ({ message, store = als.getStore() }) { see('catch parameter default saw ' + store + ' for ' + message); }
}

export default main;
