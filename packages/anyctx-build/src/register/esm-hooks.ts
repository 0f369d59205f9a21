// The ESM side of the register entry: module.register() hooks, run by Node on its loader
// thread. ES modules are rewritten here; CommonJS files are left to the CommonJS loader
// (see commonjs-loader.ts), which compiles them on the main thread.

import { fileURLToPath } from 'node:url';
import { ownFilesCheck } from './own-files';
import { isRewritable, isTypeScript, typeScriptFormat } from './source-kinds';
import { redirectedSpecifier } from './portable-redirect';
import { rewrite } from './rewrite';

interface LoadResult {
  format?: string | null;
  source?: string | ArrayBuffer | ArrayBufferView | null;
  shortCircuit?: boolean;
}
type NextLoad = (url: string, context?: { format?: string | null; [key: string]: unknown }) => Promise<LoadResult>;
type NextResolve = (specifier: string, context?: unknown) => Promise<{ url: string }>;

// The runtime the register entry installed, as an import from here resolves it (Node has no
// import.meta.resolve on the loader thread: the first resolve asks the chain). Rewritten
// modules import their helpers from that URL, whatever they can resolve themselves; every
// module is resolved before it is loaded, so load finds it known.
interface Runtime {
  portableModule: string;
  isOwn(fileURL: string): boolean;
}
let runtime: Promise<Runtime> | undefined;
const decoder = new TextDecoder();

export function resolve(specifier: string, context: { conditions?: string[] }, nextResolve: NextResolve): Promise<unknown> {
  runtime ??= nextResolve('anyctx/portable', { conditions: context.conditions, importAttributes: {}, parentURL: import.meta.url }).then(({ url }) => ({
    portableModule: url,
    isOwn: ownFilesCheck(url),
  }));
  return nextResolve(redirectedSpecifier(specifier), context);
}

export async function load(url: string, context: { format?: string | null; [key: string]: unknown }, nextLoad: NextLoad): Promise<LoadResult> {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  if (!runtime) throw new Error(`anyctx-build/register: ${url} is loaded before anything was resolved`);
  const { portableModule, isOwn } = await runtime;
  if (isOwn(url)) return nextLoad(url, context);
  const filename = fileURLToPath(url);
  if (!isRewritable(filename)) return nextLoad(url, context);

  // TypeScript: the format is ours to tell (Node 20 knows no .ts; Node 22+ would strip the
  // types itself, and send CommonJS TypeScript past the CommonJS loader).
  const typescript = isTypeScript(filename);
  const loaded = await nextLoad(url, typescript ? { ...context, format: typeScriptFormat(filename) } : context);
  // CommonJS without source goes on to the CommonJS loader, where it is rewritten.
  if ((loaded.format !== 'module' && loaded.format !== 'commonjs') || loaded.source == null) return loaded;

  const source = typeof loaded.source === 'string' ? loaded.source : decoder.decode(loaded.source);
  const code = rewrite(source, {
    filename,
    url,
    typescript,
    sourceType: loaded.format,
    // An import binding exists before the module runs, also when an import cycle calls
    // into this module first; the URL is the engine the register entry installed.
    ...(loaded.format === 'module' ? { helpers: 'import', runtime: portableModule } as const : { helpers: 'global' } as const),
  });
  return code === undefined ? loaded : { ...loaded, source: code, shortCircuit: true };
}
