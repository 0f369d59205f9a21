// Return await.
import { observe } from '../_lib/observe.cjs';

const { see, later, failLater } = observe();
async function plain() { return await later('returned'); }
async function guarded() {
  try { return await failLater('rejected'); }
  catch (e) { see('caught in the returning function ' + e.message); return 'recovered'; }
  finally { see('finally after return await'); }
}
async function main() {
  see(await plain());
  see(await guarded());
}

export default main;
