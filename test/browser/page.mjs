// The page: runs the scenarios, exposes the result to the driver and posts it to the server
// (the way results leave a browser that no driver controls). A click on #target records the
// store its listener sees; `enterWithAtTopLevel` is other code leaving a store entered.
import { als, runAll } from './scenarios.mjs';

const clicks = [];
document.getElementById('target').addEventListener('click', () => clicks.push(als.getStore() ?? '<empty>'));
globalThis.anyctxPage = {
  clicks,
  enterWithAtTopLevel: (store) => als.enterWith(store),
  storeNow: () => als.getStore() ?? '<empty>',
};

runAll().then((results) => {
  globalThis.anyctxResults = results;
  return fetch('/results', { method: 'POST', body: JSON.stringify(results) });
});
