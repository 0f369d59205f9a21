// Where the portable engine puts the await helpers for scripts that cannot import them
// (transformed with helpers: 'global'): globalThis[Symbol.for(AWAIT_HELPERS_KEY)].
export const AWAIT_HELPERS_KEY = 'asyncctx.awaitFrames';
