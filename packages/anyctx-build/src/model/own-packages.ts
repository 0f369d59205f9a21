// The packages whose files are never rewritten: the runtime the rewritten code calls (its
// helpers must not wrap themselves) and the tools that rewrite. The plugins and the Babel
// plugin ask here; the register loader knows its own folders (register/own-files.ts).

export const OWN_PACKAGES: readonly string[] = ['anyctx', 'anyctx-build'];

/** A file installed under node_modules/<one of OWN_PACKAGES>/. */
export const INSTALLED_OWN_FILE = new RegExp(`[\\\\/]node_modules[\\\\/](?:${OWN_PACKAGES.join('|')})[\\\\/]`);
