// The names rewritten code uses, shared by the oxc transform and the Babel plugin, and how
// either tool recognises code that one of them rewrote before: by its structure, so that a
// bundler renaming the bindings, or a string that happens to spell them, changes nothing.

import { awaitFramesBasic } from '../core/await-frames';

/** What the runtime exports the helpers as: all of them, or those of async functions only. */
export const HELPERS_EXPORT = 'awaitFrames';
export const BASIC_HELPERS_EXPORT = 'awaitFramesBasic';
// The names the basic export holds, read from it rather than listed twice.
const BASIC_HELPERS = new Set(Object.keys(awaitFramesBasic));

/** The export a file imports, given the helpers its rewritten code calls. */
export function helpersExportFor(used: Iterable<string>): string {
  for (const name of used) if (!BASIC_HELPERS.has(name)) return HELPERS_EXPORT;
  return BASIC_HELPERS_EXPORT;
}

/** The bindings a rewritten file gets, fresh in it: no name the file already uses. */
export interface GeneratedNames {
  /** The helpers (src/core/await-frames.ts), brought in once per file. */
  helpers: string;
  /** One function invocation's (or the module body's) await frame. */
  frame: string;
  /** The value an await resumed with, on its way from the `await` to resume(). */
  awaited: string;
  /** The prefix of an `await using` resource's stand-in (src/core/await-disposers.ts): `${disposer}0`, … */
  disposer: string;
}

/** Every generated name starts so; a file's words that do are all that can collide. */
const PREFIX = '__ac';

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
  return new Set(unescaped.match(/__ac[\w$]*/g));
}

/** `__acx`, `__acf`, `__acv`, `__acd`, or the first numbered set none of whose names is taken. */
export function generatedNames(taken: ReadonlySet<string>): GeneratedNames {
  for (let n = 0; ; n++) {
    const suffix = n === 0 ? '' : String(n);
    const names = { helpers: `${PREFIX}x${suffix}`, frame: `${PREFIX}f${suffix}`, awaited: `${PREFIX}v${suffix}`, disposer: `${PREFIX}d${suffix}` };
    const free = (name: string) => !taken.has(name);
    if (free(names.helpers) && free(names.frame) && free(names.awaited) && ![...taken].some((word) => word.startsWith(names.disposer))) return names;
  }
}

/** The helpers that make a frame; a rewritten body declares the frame first. */
const ENTER_HELPERS: ReadonlySet<unknown> = new Set(['enter', 'enterGenerator']);

interface NodeLike {
  type?: unknown;
  [key: string]: unknown;
}
const isIdentifier = (node: unknown): node is NodeLike => (node as NodeLike | null)?.type === 'Identifier';

/**
 * Whether a statement is a rewritten body's first (after its directives): `const F = H.enter()`
 * or `H.enterGenerator()`, whatever F and H are called. A function whose body starts so, and a
 * module body with such a declaration at its top level, were rewritten before and are left as
 * they are. The shape is the same in ESTree and in Babel's AST.
 */
export function isFrameEntry(statement: unknown): boolean {
  const node = statement as NodeLike | null;
  if (node?.type !== 'VariableDeclaration' || node.kind !== 'const') return false;
  const declarators = node.declarations as NodeLike[];
  if (declarators.length !== 1 || !isIdentifier(declarators[0]!.id)) return false;
  const init = declarators[0]!.init as NodeLike | null;
  if (init?.type !== 'CallExpression' || (init.arguments as unknown[]).length !== 0) return false;
  const callee = init.callee as NodeLike;
  return callee.type === 'MemberExpression' && callee.computed === false && isIdentifier(callee.object)
    && isIdentifier(callee.property) && ENTER_HELPERS.has(callee.property.name);
}

/** Where the portable engine puts the helpers for scripts: globalThis[Symbol.for(KEY)]. */
export { AWAIT_HELPERS_KEY as GLOBAL_HELPERS_KEY } from '../core/global-keys';

/** Node's async_hooks module, by either name: what the bundler plugins and the Babel plugin
 * can resolve to the engine, for libraries written for Node. */
export const ASYNC_HOOKS = /^(?:node:)?async_hooks$/;
