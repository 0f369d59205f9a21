// Every runtime the matrix runs, in table order.
import { bun } from './bun.mjs';
import { chromium, firefox } from './browsers.mjs';
import { deno } from './deno.mjs';
import { hermes } from './hermes.mjs';
import { nodeRuntime } from './node.mjs';
import { quickjs } from './quickjs.mjs';
import { workerd } from './workerd.mjs';

export const runtimes = [
  nodeRuntime('node20'),
  nodeRuntime('node22'),
  nodeRuntime('node24'),
  nodeRuntime('node26'),
  bun,
  deno,
  workerd,
  quickjs,
  hermes,
  chromium,
  firefox,
];
