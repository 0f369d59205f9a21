// Node's own built-in modules, for the sources that instrument them: read with
// process.getBuiltinModule (Node 20.16, 22.3), only on Node itself (Bun and Deno present as
// Node but build these modules otherwise).

type GetBuiltinModule = (id: string) => unknown;

export function nodeBuiltin<T>(global: typeof globalThis, id: string): T | undefined {
  const proc = (global as { process?: { getBuiltinModule?: unknown; release?: { name?: unknown }; versions?: Record<string, unknown> } }).process;
  if (typeof proc?.getBuiltinModule !== 'function' || proc.release?.name !== 'node') return undefined;
  if (typeof proc.versions?.bun === 'string' || typeof proc.versions?.deno === 'string') return undefined;
  // workerd with nodejs_compat presents as Node too, and has neither Node's servers nor its
  // timers module to instrument.
  if ((global as { navigator?: { userAgent?: unknown } }).navigator?.userAgent === 'Cloudflare-Workers') return undefined;
  try {
    return (proc.getBuiltinModule as GetBuiltinModule)(id) as T | undefined;
  } catch {
    return undefined;
  }
}

/**
 * Makes ES modules' imported names of Node's built-ins (a copy made when a built-in was
 * first imported, often before the engine installs) match the modules' properties again.
 */
export function syncBuiltinExports(global: typeof globalThis): void {
  try {
    nodeBuiltin<{ syncBuiltinESMExports?: () => void }>(global, 'module')?.syncBuiltinESMExports?.();
  } catch {
    // workerd's `module` has the method, which throws "not implemented": imported names there
    // keep what they were imported with.
  }
}
