// Top-level await.
import { observe } from '../_lib/observe.cjs';

const { als, see, later, failLater } = observe();
als.enterWith('module');
await later();
see('after top-level await');
for await (const v of [later('a')]) see('top-level for await ' + v);
const value = await als.run('inner', async () => { await later(); see('inside the awaited run'); return 'v'; });
see('after the awaited run ' + value);
try { await failLater('top'); } catch (e) { see('top-level catch ' + e.message); }
