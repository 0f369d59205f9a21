// TypeScript: a decorated async method, a declared field, a default parameter.
function logged(_: unknown, context: ClassMethodDecoratorContext) { return undefined; }
export class Api {
  @logged async get<T>(url: string): Promise<T | null> { const r = await fetch(url); return (await r.json()) as T; }
  declare readonly base: string;
  private async retry(times = 3): Promise<void> { while (times-- > 0) await Promise.resolve(); }
}
