// JSX: awaits inside an element's children and attributes.
export async function Page() { const data = await getData(); return <main className="page">{data.title}<Footer year={await year()} /></main>; }
