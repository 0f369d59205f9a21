// Try/catch/finally: a rejected await lands in catch with its frame.
import { observe } from '../_lib/observe.cjs';

const { see, later, failLater } = observe();
async function main() {
  try { await failLater('boom'); see('not reached'); }
  catch (e) { see('catch ' + e.message); await later(); see('await in catch'); }
  finally { see('finally'); await null; see('await in finally'); }
  try { try { await failLater('inner'); } finally { see('inner finally'); } }
  catch (e) { see('outer catch ' + e.message); }
  try { await later(); throw new Error('thrown'); } catch { see('optional catch binding'); }
  try { await Promise.reject(new Error('settled')); } catch (e) { see('already rejected ' + e.message); }
}

export default main;
