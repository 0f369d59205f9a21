// The bindings rewritten code declares, fresh in each file: the helpers, a frame and an
// awaited-value local per function (or module body), and the stand-ins of `await using`.
// Both rewriters pick them here, from the words of the file's text.

import { GENERATED_NAME_PREFIX as PREFIX } from 'anyctx/protocol';

/** The bindings a rewritten file gets, fresh in it: no name the file already uses. */
export interface GeneratedNames {
  /** The helpers (the runtime's core/await-helpers.ts), brought in once per file. */
  helpers: string;
  /** One function invocation's (or the module body's) await frame. */
  frame: string;
  /** The value an await resumed with, on its way from the `await` to resume(). */
  awaited: string;
  /** The prefix of an `await using` resource's stand-in (src/core/await-disposers.ts): `${disposer}0`, … */
  disposer: string;
  /** A generator function's creation frame, its last parameter's (model/generator-creation.ts). */
  creation: string;
}

/**
 * The words of a file's text that could collide with a generated name: a superset of its
 * identifiers (strings and comments count too, and a word inside a longer one), with
 * `\u` escapes read as the characters they spell, so it never misses one.
 */
export function collidingWords(code: string): Set<string> {
  if (!code.includes(PREFIX) && !code.includes('\\u')) return new Set();
  const unescaped = code.replace(/\\u\{([0-9a-fA-F]+)\}|\\u([0-9a-fA-F]{4})/g, (_, braced: string | undefined, plain: string | undefined) =>
    String.fromCodePoint(parseInt(braced ?? plain!, 16)),
  );
  return new Set(unescaped.match(new RegExp(`${PREFIX}[\\w$]*`, 'g')));
}

/** `__acx`, `__acf`, `__acv`, `__acd`, `__acc`, or the first numbered set none of whose names is taken. */
export function generatedNames(taken: ReadonlySet<string>): GeneratedNames {
  for (let n = 0; ; n++) {
    const suffix = n === 0 ? '' : String(n);
    const names = { helpers: `${PREFIX}x${suffix}`, frame: `${PREFIX}f${suffix}`, awaited: `${PREFIX}v${suffix}`, disposer: `${PREFIX}d${suffix}`, creation: `${PREFIX}c${suffix}` };
    const free = (name: string) => !taken.has(name);
    if (free(names.helpers) && free(names.frame) && free(names.awaited) && free(names.creation) && ![...taken].some((word) => word.startsWith(names.disposer))) return names;
  }
}
