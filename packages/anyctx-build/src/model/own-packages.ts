// The packages whose files are never rewritten: the runtime the rewritten code calls (its
// helpers must not wrap themselves) and the tools that rewrite. The plugins, the Babel plugin
// and the register loader all ask here.

export const OWN_PACKAGES: readonly string[] = ['anyctx', 'anyctx-build'];

/** A file installed under node_modules/<one of OWN_PACKAGES>/. */
export const INSTALLED_OWN_FILE = new RegExp(`[\\\\/]node_modules[\\\\/](?:${OWN_PACKAGES.join('|')})[\\\\/]`);
