// The engines every comparison runs: native Node 24 (the oracle) and the portable engine on
// Node 24 and Node 20, each a Node binary from the dev dependencies.
import { fileURLToPath } from 'node:url';

export const nodeBinary = (version) => fileURLToPath(new URL(`../node_modules/${version}/bin/node`, import.meta.url));

export const ORACLE = { name: 'native Node 24 (oracle)', node: nodeBinary('node24'), args: ['--conditions=anyctx-native'] };
export const PORTABLE = [
  { name: 'portable engine on Node 24', node: nodeBinary('node24'), args: [] },
  { name: 'portable engine on Node 20', node: nodeBinary('node20'), args: [] },
];
