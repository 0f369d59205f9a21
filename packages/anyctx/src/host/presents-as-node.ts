// Whether the runtime presents itself as Node (process.versions.node): there, sources whose
// rule differs in Node (FinalizationRegistry, PerformanceObserver) or that Node reports
// otherwise (unhandled rejections through process events) are left to Node's behaviour.
export function presentsAsNode(global: typeof globalThis): boolean {
  return typeof (global as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === 'string';
}
