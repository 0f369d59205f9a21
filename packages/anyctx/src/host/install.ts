// The switch: which variant of each task source runs (sources.ts). The one place that
// decides, at install and whenever the engine's mode changes: when the async_hooks half is
// loaded, and when the first hook is enabled or the last disabled. Each change points the
// engine's layers (patch.ts) at the new variant's code, so no source checks the mode per call.

import { enabledHooks } from '../core/hook-layer';
import { onHooksChange } from '../core/hooks';
import { asVariantOf, removeLayers } from './patch';
import { sharedSources, variantFor, type Install, type Mode, type Sources, type Variants } from './sources';

interface Running {
  readonly name: string;
  readonly variants: Variants;
  /** The variant installed (undefined: none). */
  installed: Install | undefined;
}

/** The installed sources, in install order; undefined while the engine is not installed. */
let running: Running[] | undefined;
/** The variants with ids and hooks, once the async_hooks half is loaded. */
let hooked: Sources | undefined;

function mode(): Mode {
  return hooked === undefined ? 'frames' : enabledHooks > 0 ? 'hooks' : 'ids';
}

/** Gives every running source the variant of the current mode, where it has another. */
function switchVariants(): void {
  if (running === undefined) return;
  const now = mode();
  for (const source of running) {
    const more = hooked?.[source.name];
    const variant = variantFor(more === undefined ? source.variants : { ...source.variants, ...more }, now);
    if (variant === source.installed) continue;
    source.installed = variant;
    asVariantOf(source, () => variant?.(globalThis));
  }
}

/**
 * Called by the async_hooks half when it is loaded (host/async-hooks.ts), with its variants
 * (sources.ts): from then on the mode is `ids` or `hooks`, as hooks are enabled.
 */
export function useHookedVariants(variants: Sources): void {
  hooked = variants;
  onHooksChange(switchVariants);
  switchVariants();
}

export function isInstalled(): boolean {
  return running !== undefined;
}

/**
 * Installs the sources every runtime has, then `sources`: the entry chooses them, so a
 * browser build carries no Node source (and no async generator instrumentation unless its
 * transformed code has async generators). Idempotent.
 */
export function installHost(sources: Sources): void {
  if (running !== undefined) return;
  running = Object.entries({ ...sharedSources, ...sources }).map(([name, variants]) => ({ name, variants, installed: undefined }));
  switchVariants();
}

/** Takes off the engine's layers: where other code wrapped one, its wrapper stays and works. */
export function uninstall(): void {
  if (running === undefined) return;
  running = undefined;
  removeLayers();
}
