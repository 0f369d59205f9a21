// The counts the invariant tests (test/real-code.test.mjs, test/rewrite-random.test.mjs)
// report for each rewriter: what checkWith (test/rewrite/invariant.mjs) said of each file,
// and the time it took. One line per rewriter, every count on it, the duration last.

const STATUSES = ['skipped', 'early-error', 'violation', 'non-idempotent'];

export class RewriteTally {
  /** `unit`: what a checked input is called in the lines ('files', 'programs'). */
  constructor(rewriterNames, unit = 'files') {
    this.unit = unit;
    this.byRewriter = new Map(rewriterNames.map((name) => [name, {
      inputs: 0, rewritten: 0, leftByRule: 0, printer: 0, ms: 0, ...Object.fromEntries(STATUSES.map((status) => [status, 0])),
    }]));
  }

  /** One checkWith result of `rewriter`, and how long it took. */
  add(rewriter, result, ms) {
    const count = this.byRewriter.get(rewriter);
    count.inputs++;
    count.ms += ms;
    if (result.rewritten) count.rewritten++;
    count.leftByRule += result.leftByRule ?? 0;
    if (result.printer) count.printer++;
    if (result.status !== 'ok') count[result.status]++;
  }

  /** A line per rewriter, each prefixed with `label`. */
  lines(label = '') {
    return [...this.byRewriter].map(([name, c]) =>
      `${label}${name}: ${c.inputs} ${this.unit}, ${c.rewritten} rewritten, ${c.skipped} skipped, ${c.leftByRule} left untouched by rule, ` +
        `${c['early-error']} early errors, ${c.violation} violations, ${c['non-idempotent']} non-idempotent ` +
        `(${c.printer} held to the print without the rewrite); ${(c.ms / 1000).toFixed(1)} s`);
  }
}
