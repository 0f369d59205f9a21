// '#ctx' by default: the portable engine, installed, whatever runtime runs the scenario.
export * from 'anyctx/portable';
export const engine = 'portable';
