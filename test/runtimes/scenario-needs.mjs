// What a scenario needs from its runtime beyond the language and the engine, read from its
// source. A runtime lists what it lacks (`lacks`); a scenario needing one of those is not
// applicable there ("n/a" in the matrix) rather than failing: the engine cannot give a
// runtime an API it does not have.
const NEEDS = {
  'process.nextTick': /\bprocess\.nextTick\b/,
  setImmediate: /\b(?:set|clear)Immediate\b/,
  // Node's timer objects: ref/unref/hasRef/refresh, `this` in the callback is the handle.
  'Node timer handles': /\.(?:refresh|unref|hasRef)\(|this === (?:interval|timeout|immediate|timer)\b/,
  // EventEmitter methods on a MessagePort (port.on('message')).
  'Node MessagePort events': /\bport\d?\.on\(/,
  MessageChannel: /\bMessageChannel\b/,
  EventTarget: /\bEventTarget\b/,
  'code from strings': /\bnew Function\b|\beval\(/,
  'CommonJS __filename': /\b__(?:file|dir)name\b/,
  'unhandled-rejection tracking': /\b(?:unhandledRejection|rejectionHandled)\b/,
  'process beforeExit': /\bbeforeExit\b/,
  // Node's `events` module with its EventEmitterAsyncResource (Node, Bun, Deno, workerd).
  'events.EventEmitterAsyncResource': /\bEventEmitterAsyncResource\b/,
  // V8's gc(), exposed at run time through node:v8 and node:vm (Node, Deno).
  'garbage collection on demand': /setFlagsFromString\(['"]--expose-gc/,
  // Node's process.setUncaughtExceptionCaptureCallback (and so its 'uncaughtException' path).
  'uncaught exception capture': /\bsetUncaughtExceptionCaptureCallback\b/,
};

// Needs no pattern can see, named by the scenario itself in a `// needs: a, b` line.
const NAMED = [
  // Node's process, which the engine ends when a hook throws (elsewhere it reports and goes on).
  'Node process',
];

export const knownNeeds = [...Object.keys(NEEDS), ...NAMED];

/** The needs (of knownNeeds) the scenario's source shows. */
export function needsOf(source) {
  const named = /^\/\/ needs: (.+)$/m.exec(source)?.[1].split(',').map((need) => need.trim()) ?? [];
  for (const need of named) if (!NAMED.includes(need)) throw new Error(`unknown need in a scenario: ${need}`);
  return [...Object.keys(NEEDS).filter((need) => NEEDS[need].test(source)), ...named];
}

/** Why `scenario` cannot run on `runtime`, or undefined when it can. */
export function notApplicable(scenario, runtime) {
  const missing = scenario.needs.filter((need) => runtime.lacks?.includes(need));
  return missing.length > 0 ? `needs ${missing.join(', ')}` : undefined;
}
