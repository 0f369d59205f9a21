// TypeScript module (.mts).
// node24-only: Node 20 does not strip types
import { observe } from '../_lib/observe.cjs';

const { see, later } = observe();
interface Row { id: number }
type Query = Promise<Row[]>;
async function load<T>(value: T): Promise<T> { const got: T = await later(value) as T; see('generic ' + typeof got); return got!; }
class Repo {
  readonly name: string;
  constructor(name: string) { this.name = name; }
  async find(id: number): Query { await later(); see('typed method ' + this.name); return [{ id }] satisfies Row[]; }
}
async function main(): Promise<void> {
  const rows = await new Repo('repo').find(1);
  see('rows ' + rows.length + ' ' + await load<string>('s'));
  for await (const row of rows as Iterable<Row>) see('row ' + row.id);
}

export default main;
