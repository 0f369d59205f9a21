const { AsyncLocalStorage, uninstall, install } = await import('asyncctx/portable');
const als = new AsyncLocalStorage();
function chain(n) { let p = Promise.resolve(0); for (let i = 0; i < n; i++) p = p.then((v) => v + (als.getStore() === undefined ? 0 : 1)); return p; }
async function time(label) { const times = []; for (let r = 0; r < 15; r++) { const t = performance.now(); await als.run({}, () => chain(1e5)); times.push(performance.now() - t); } times.sort((a,b)=>a-b); return times[7]; }
uninstall(); const base1 = await time(); install(); const inst = await time(); uninstall(); const base2 = await time(); install();
const base = (base1 + base2) / 2;
console.log('baseline ms', base.toFixed(2), 'portable ms', inst.toFixed(2), 'ratio', (inst / base).toFixed(2));
