// What the rewrite inserts, shape by shape: SHAPES names each one with its template, and
// ShapeText writes them as text, the fragments that go around the original code each keeps
// (what the oxc rewrite inserts). The Babel plugin builds the same shapes as nodes
// (src/babel/emit.ts); test/quick/rewrite-model.test.mjs holds both to these templates, and
// test/rewrite/map-back.mjs turns each shape back into what it came from.
//
// In the templates, H is the helpers' binding, F and V the frame and awaited-value local of
// the function (or module body) the shape is in, D0, D1, … the stand-ins; «…» is original code.

import { CREATION_KEY, GLOBAL_HELPERS_KEY, type HelperName } from 'anyctx/protocol';
import type { GeneratedNames } from './names';
import type { HelperStyle } from './helper-style';

export const SHAPES = [
  { name: 'helpers declaration', template: 'import { awaitFrames as H } from "…" | const { awaitFrames: H } = require("…") | var H = globalThis[Symbol.for("…")]' },
  { name: 'function body', template: '«directives» const F = H.enter(); let V; try { «body» } finally { H.leave(F); }   (H.enterGenerator() in an async generator)' },
  { name: 'concise arrow body', template: 'async () => { const F = H.enter(); let V; try { return «E»; } finally { H.leave(F); } }' },
  { name: 'module body', template: '«directives» const F = H.enter(); let V; «body» H.leave(F);   (H.disposing(F) when the module body has `await using`)' },
  { name: 'await', template: '(V = await H.suspend(F, «E»), H.resume(F, V, V = void 0))   (H.resumeModule in the module body)' },
  { name: 'yield', template: 'H.yielded(F, yield H.yielding(F, «E»))   (yield* alike; a bare yield yields void 0)' },
  { name: 'async generator return', template: 'return H.yielding(F, «E»)' },
  { name: 'async function return', template: 'return H.resolving(«E», F) | async () => { … return H.resolving(«E», F); … }   (every async function: H.resolving(«E») in one without an await, which has no F; not where «E» cannot be a thenable: model/returned-values.ts)' },
  { name: 'generator creation', template: 'function* g(«params», ...{ [H.creation]: C = H.capture() }) { «directives» H.created(C); «body» }   (an async generator: H.enterGenerator(C) in its function body; not where model/generator-creation.ts says)' },
  { name: 'catch or finally block', template: 'catch («binding») { H.recover(F); «body» } | finally { H.recover(F); «body» }' },
  { name: 'catch binding default', template: 'catch ({ «a» = (H.recover(F), «D») })' },
  { name: 'for await', template: '{ try { «labels:» for await («L» of H.iterate(F, «R»)) { H.resume(F); «body» } } finally { H.resume(F); } }' },
  { name: 'using stand-in', template: 'const «a» = «A»; await using D0 = H.disposer(F, «a»);   (using D0 = H.syncDisposer(F, «a»))' },
  { name: 'block with await using', template: '{ try { { «before»; «stand-ins»; try { «rest» } finally { H.disposing(F); } } } finally { H.resume(F); } }   (a function body: no outer try)' },
  { name: 'for (await using … of …)', template: '{ try { «labels:» for (const «x» of H.resuming(F, «xs»)) { H.resume(F); await using D0 = H.disposer(F, «x»); try { «body» } finally { H.disposing(F); } } } finally { H.resume(F); } }' },
  { name: 'for await (await using … of …)', template: 'for await (const «x» of H.iterate(F, «xs»)) { H.resume(F); await using D0 = H.disposer(F, «x»); try { «body» } finally { H.disposing(F); } }   (in the for await shape)' },
  { name: 'for (await using …; …; …)', template: '{ try { const «x» = «X»; await using D0 = H.disposer(F, «x»); try { «labels:» for (; «test»; «update») «body» } finally { H.disposing(F); } } finally { H.resume(F); } }' },
] as const;

export type ShapeName = (typeof SHAPES)[number]['name'];

/** The 'helpers declaration' (`exported`: all the helpers or the basic ones), binding `name`; a global always holds all. */
export function helpersDeclarationText(style: HelperStyle, runtime: string, exported: string, name: string): string {
  const source = JSON.stringify(runtime);
  // On the first line, with no line break: every original line keeps its number, so stack
  // traces stay right even where the source map is not applied.
  if (style === 'import') return `import { ${exported} as ${name} } from ${source};`;
  if (style === 'require') return `const { ${exported}: ${name} } = require(${source});`;
  return `var ${name} = globalThis[Symbol.for(${JSON.stringify(GLOBAL_HELPERS_KEY)})];`;
}

/**
 * The shapes as text, for one file's names: each member is the text inserted at one place
 * of a shape, named for that place. Spaces and line breaks are kept few, and none is
 * inserted before original code on its line: every line keeps its number.
 */
export class ShapeText {
  readonly #F: string;
  readonly #V: string;
  readonly #H: string;
  readonly #disposer: string;
  readonly #C: string;

  // 'function body' and 'concise arrow body'
  readonly functionBodyClose: string;
  readonly conciseBodyOpen: string;
  readonly conciseBodyClose: string;
  // 'await'
  readonly awaitOpen: string;
  readonly awaitOperand: string;
  // 'yield' and 'async generator return'
  readonly yieldOpen: string;
  readonly yieldOperand: string;
  readonly bareYieldOperand: string;
  // 'async function return'
  readonly resolvingOpen: string;
  /** 'async function return': the call's record, in a function that suspends (it has one). */
  readonly resolvingFrame: string;
  // 'catch or finally block' and 'catch binding default'
  readonly recover: string;
  readonly recoverDefaultOpen: string;
  // 'for await' and the blocks and loops with `await using`
  readonly iterateOpen: string;
  readonly resumingOpen: string;
  readonly resumeFirst: string;
  readonly resumeBodyOpen: string;
  readonly resumeAfter: string;
  readonly disposingClose: string;

  constructor(names: GeneratedNames) {
    this.#F = names.frame;
    this.#V = names.awaited;
    this.#H = names.helpers;
    this.#disposer = names.disposer;
    this.#C = names.creation;
    const F = this.#F;
    const V = this.#V;
    this.functionBodyClose = `} finally { ${this.call('leave')}; }`;
    this.conciseBodyOpen = `{ ${this.functionBodyOpen(false)} return `;
    this.conciseBodyClose = `; ${this.functionBodyClose} }`;
    this.awaitOpen = `(${V} = `;
    this.awaitOperand = `${this.#H}.suspend(${F}, `;
    this.yieldOpen = `${this.#H}.yielded(${F}, `;
    this.yieldOperand = `${this.#H}.yielding(${F}, `;
    this.bareYieldOperand = ` ${this.#H}.yielding(${F}, void 0)`;
    this.resolvingOpen = `${this.#H}.resolving(`;
    this.resolvingFrame = `, ${F}`;
    this.recover = `${this.call('recover')};`;
    this.recoverDefaultOpen = `(${this.call('recover')}, `;
    this.iterateOpen = `${this.#H}.iterate(${F}, `;
    this.resumingOpen = `${this.#H}.resuming(${F}, `;
    this.resumeFirst = `${this.call('resume')};`;
    this.resumeBodyOpen = `{${this.call('resume')}; `;
    this.resumeAfter = `} finally { ${this.call('resume')}; }}`;
    this.disposingClose = `} finally { ${this.call('disposing')}; }`;
  }

  /** `H.helper(F)` */
  call(helper: HelperName): string {
    return `${this.#H}.${helper}(${this.#F})`;
  }

  /** 'module body': `const F = H.enter(); let V;` (enterGenerator() for an async generator's body, enterGenerator(C) where it captures its creation) */
  frameDeclaration(generator: boolean, creation = false): string {
    return `const ${this.#F} = ${this.#H}.${generator ? 'enterGenerator' : 'enter'}(${creation ? this.#C : ''}); let ${this.#V};`;
  }

  /** 'function body': the frame, then the `try {` that the body's end closes. */
  functionBodyOpen(generator: boolean, creation = false): string {
    return `${this.frameDeclaration(generator, creation)} try {`;
  }

  /** 'generator creation': the rest parameter, after `separator`. */
  creationParameter(separator: string): string {
    return `${separator}...{ [${this.#H}.${CREATION_KEY}]: ${this.#C} = ${this.#H}.capture() }`;
  }

  /** 'generator creation': a sync generator body's first statement. */
  get created(): string {
    return `${this.#H}.created(${this.#C});`;
  }

  /** 'module body': after its last statement, the frame is put back (or the body suspends for its disposals). */
  moduleBodyClose(disposes: boolean): string {
    return `\n${this.call(disposes ? 'disposing' : 'leave')};\n`;
  }

  /** 'await': after the operand; resumeModule() in a module body. */
  awaitClose(moduleBody: boolean): string {
    return `), ${this.#H}.${moduleBody ? 'resumeModule' : 'resume'}(${this.#F}, ${this.#V}, ${this.#V} = void 0))`;
  }

  /** 'using stand-in': `await using D<n> = H.disposer(F, x)` (`using` … syncDisposer) for a declarator binding `x`. */
  standIn(keyword: string, index: number, binding: string): string {
    const helper: HelperName = keyword === 'await using' ? 'disposer' : 'syncDisposer';
    return `${keyword} ${this.#disposer}${index} = ${this.#H}.${helper}(${this.#F}, ${binding})`;
  }
}
