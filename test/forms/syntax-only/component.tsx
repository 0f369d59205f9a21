// TSX: awaits inside JSX attributes and children, generic arrows, fragments.
import type { FC } from 'react';
type Props = { id: number };
export const Item: FC<Props> = async ({ id }: Props) => <li key={id}>{await load(id)}</li>;
export const List = async <T,>(props: { items: T[] }) => (
  <>
    <ul data-count={(await count()) as number}>{props.items.map((item) => <Item id={1} />)}</ul>
    <Suspense fallback={<span>…</span>}>{await Promise.all([render(), render()])}</Suspense>
  </>
);
async function load(id: number): Promise<string> { return String(await fetchName(id)); }
