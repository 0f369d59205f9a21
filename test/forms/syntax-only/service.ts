// TypeScript: types, an enum, parameter properties, overloads, generics, casts and satisfies around awaits.
import type { Pool } from './pool';
export interface User { id: number; name?: string }
enum Role { Admin = 'admin', User = 'user' }
declare function audit(event: string): Promise<void>;
export abstract class Base<T> { abstract load(id: number): Promise<T>; }
export class Users extends Base<User> {
  constructor(private readonly pool: Pool, public role: Role = Role.User) { super(); }
  async load(id: number): Promise<User>;
  async load(id: number, strict?: boolean): Promise<User> {
    const row = await this.pool.query<User>('select', [id]) as User | undefined;
    await audit(`load ${id}`)!;
    for await (const chunk of this.pool.stream(id) as AsyncIterable<Uint8Array>) void chunk;
    return row satisfies User | undefined ?? { id };
  }
}
export const find = async <T extends User>(users: Users, id: number): Promise<T> => (await users.load(id)) as T;
const isUser = (x: unknown): x is User => typeof x === 'object';
export async function* pages(users: Users): AsyncGenerator<User, void, undefined> { yield await users.load(1); }
