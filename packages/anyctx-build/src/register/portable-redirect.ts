// Under the register entry, the bare `anyctx` import gives the portable engine: the
// rewritten awaits are tracked by it, and Node's own AsyncLocalStorage (what `anyctx`
// gives on Node otherwise) would not see them. `node:async_hooks` stays Node's own.

export function redirectedSpecifier(specifier: string): string {
  return specifier === 'anyctx' ? 'anyctx/portable' : specifier;
}
