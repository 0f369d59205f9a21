// Node: a hook callback that throws prints the error and ends the process, as Node's own
// async_hooks do. Elsewhere the hooks layer reports it (reportError or console.error).

import { setHookErrorHandler } from '../core/hooks';

interface NodeProcess {
  versions?: { node?: string };
  exit?(code: number): never;
  _rawDebug?(message: string): void;
}

export function installNodeHookErrors(global: typeof globalThis): void {
  const proc = (global as { process?: NodeProcess }).process;
  if (typeof proc?.versions?.node !== 'string' || typeof proc.exit !== 'function') return;
  setHookErrorHandler((error) => {
    const stack = (error as Error)?.stack;
    const print = proc._rawDebug ?? ((message: string) => console.error(message));
    print.call(proc, typeof stack === 'string' ? stack : String(error));
    proc.exit!(1);
  });
}
